import { type IsoDate, toDayNumber } from '../dates/isoDate.ts';
import { type AgreedAction, type PupilCase } from './pupilCase.ts';

/** Open actions whose due date is on or before `date`. */
export function actionsDueBy(c: PupilCase, date: IsoDate): AgreedAction[] {
  return c.actions.filter((a) => !a.done && a.due <= date);
}

/** Open actions past their due date on `today` (due yesterday or earlier). */
export function overdueActions(c: PupilCase, today: IsoDate): AgreedAction[] {
  return c.actions.filter((a) => !a.done && a.due < today);
}

/** True when the case's next review date has passed without a review being recorded. */
export function reviewOverdue(c: PupilCase, today: IsoDate): boolean {
  return c.nextReview !== undefined && c.nextReview < today;
}

/** Everything overdue on a case on `today`, each with a stable key so it is raised once. */
export interface OverdueItem {
  key: string;
  kind: 'action' | 'review';
  upn: string;
  summary: string;
  due: IsoDate;
  /** Who the overdue action was for; absent for a review. */
  party?: AgreedAction['party'];
}

export function overdueItems(c: PupilCase, today: IsoDate): OverdueItem[] {
  const items: OverdueItem[] = overdueActions(c, today).map((a) => ({
    // The due date is in the key: an action whose date is moved is a new commitment and may be raised again.
    key: `case-action|${c.schoolUrn}|${c.upn}|${a.id}|${a.due}`,
    kind: 'action',
    upn: c.upn,
    summary: `${a.what} (${a.owner}) was due ${a.due}`,
    due: a.due,
    party: a.party,
  }));
  if (reviewOverdue(c, today))
    items.push({
      key: `case-review|${c.schoolUrn}|${c.upn}|${c.nextReview}`,
      kind: 'review',
      upn: c.upn,
      summary: `Case review was due ${c.nextReview}`,
      due: c.nextReview!,
    });
  return items;
}

/** Open actions owned by a person, across cases: by user id, or by the name they were agreed under. */
export function actionsOwnedBy(
  cases: readonly PupilCase[],
  person: { id: string; name?: string },
): { c: PupilCase; action: AgreedAction }[] {
  const name = person.name?.trim().toLowerCase();
  const out: { c: PupilCase; action: AgreedAction }[] = [];
  for (const c of cases) {
    for (const action of c.actions) {
      if (action.done) continue;
      if (action.ownerId === person.id || (name && action.owner.trim().toLowerCase() === name)) out.push({ c, action });
    }
  }
  return out.sort((a, b) =>
    a.action.due < b.action.due ? -1 : a.action.due > b.action.due ? 1 : a.c.pupilName.localeCompare(b.c.pupilName),
  );
}

/**
 * How far ahead a case review counts as coming up. No source sets this: a fortnight is our choice, time
 * for the school to gather the attendance and actions the review will look at.
 */
export const CASE_REVIEW_AHEAD_DAYS = 14;

/** Where a case's next review stands on a day. `days` is how far off (ahead) or how late (overdue) it is. */
export type CaseReviewStanding =
  | { kind: 'overdue'; due: IsoDate; days: number }
  | { kind: 'today'; due: IsoDate }
  | { kind: 'ahead'; due: IsoDate; days: number }
  | { kind: 'unset' };

/** A case that needs the school's attention for its review or its agreed actions. */
export interface CaseReviewDue {
  pupilCase: PupilCase;
  review: CaseReviewStanding;
  /** Open actions due on or before the day. */
  actionsDue: AgreedAction[];
}

function standing(c: PupilCase, today: IsoDate): CaseReviewStanding {
  if (c.nextReview === undefined) return { kind: 'unset' };
  const days = toDayNumber(c.nextReview) - toDayNumber(today);
  if (days < 0) return { kind: 'overdue', due: c.nextReview, days: -days };
  if (days === 0) return { kind: 'today', due: c.nextReview };
  return { kind: 'ahead', due: c.nextReview, days };
}

const STANDING_ORDER: Record<CaseReviewStanding['kind'], number> = { overdue: 0, today: 1, ahead: 2, unset: 3 };

/**
 * "Which cases are due a review?": the cases whose review is overdue, due today or within `aheadDays`, or
 * has no date set, and those with an agreed action due; the most pressing first (overdue, oldest first),
 * then by name.
 *
 * @example
 * // A case reviewed last on 3 November with its next review on 1 December, asked on 4 December:
 * casesDueForReview([pupilCase], '2026-12-04')
 * // => [{ pupilCase, review: { kind: 'overdue', due: '2026-12-01', days: 3 }, actionsDue: [] }]
 */
export function casesDueForReview(
  cases: readonly PupilCase[],
  today: IsoDate,
  aheadDays: number = CASE_REVIEW_AHEAD_DAYS,
): CaseReviewDue[] {
  const due: CaseReviewDue[] = [];
  for (const c of cases) {
    const review = standing(c, today);
    const actionsDue = actionsDueBy(c, today);
    const reviewSoon = review.kind !== 'ahead' || review.days <= aheadDays;
    if (reviewSoon || actionsDue.length > 0) due.push({ pupilCase: c, review, actionsDue });
  }
  const dueOf = (r: CaseReviewStanding) => ('due' in r ? r.due : '');
  return due.sort(
    (a, b) =>
      STANDING_ORDER[a.review.kind] - STANDING_ORDER[b.review.kind] ||
      (dueOf(a.review) < dueOf(b.review) ? -1 : dueOf(a.review) > dueOf(b.review) ? 1 : 0) ||
      a.pupilCase.pupilName.localeCompare(b.pupilCase.pupilName),
  );
}
