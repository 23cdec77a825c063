import { type IsoDate } from '../dates/isoDate.ts';
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
