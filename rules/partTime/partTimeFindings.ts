import { halfName } from '../calendar/schoolCalendar.ts';
import { findRegisterCode } from '../codes/registerCodes.ts';
import { addDays, formatLongDate, toDayNumber, type IsoDate } from '../dates/isoDate.ts';
import { RECORD_RULE_IDS, type Finding, type RecordRuleId, type SessionMark } from '../findings/finding.ts';
import { type PolicyProfile } from '../policies/policyProfile.ts';
import { pupilName, type Pupil } from '../pupils/pupil.ts';
import { type Register } from '../register/register.ts';
import {
  coversSession,
  effectiveEnd,
  isAgreedBy,
  isInPlaceOn,
  lastReviewBy,
  weeklySessionWords,
  type PartTimeTimetable,
} from './partTimeTimetable.ts';

/** The part-time timetable rules: the record rules, by another name where that reads better. */
export const PART_TIME_RULE_IDS = RECORD_RULE_IDS;
export type PartTimeRuleId = RecordRuleId;

/** A finding about a part-time timetable. */
export type PartTimeFinding = Finding & { rule: PartTimeRuleId };

export interface PartTimeOptions {
  asOf: IsoDate;
  policy: PolicyProfile;
  /** Only this pupil's findings, when given. */
  upn?: string;
}

const C2 = findRegisterCode('C2')!.id;

/**
 * Every part-time timetable finding at `asOf`, pupil by pupil in register order: reviews due or overdue,
 * timetables past their end date, C2 marks without an agreed timetable behind them, and the people who
 * must be told (the social worker; the local authority for a pupil with an EHC plan) who have not been.
 */
export function partTimeFindings(
  register: Register,
  timetables: readonly PartTimeTimetable[],
  options: PartTimeOptions,
): PartTimeFinding[] {
  const byUpn = new Map<string, PartTimeTimetable[]>();
  for (const t of timetables) {
    const list = byUpn.get(t.upn);
    if (list) list.push(t);
    else byUpn.set(t.upn, [t]);
  }
  const out: PartTimeFinding[] = [];
  register.pupils.forEach((pupil, p) => {
    if (options.upn !== undefined && pupil.upn !== options.upn) return;
    const own = (byUpn.get(pupil.upn) ?? []).slice().sort((a, b) => (a.start < b.start ? -1 : 1));
    for (const t of own) {
      if (!isInPlaceOn(t, options.asOf)) continue;
      out.push(...timetableFindings(pupil, t, options));
    }
    const c2 = c2NotAgreed(register, p, own, options);
    if (c2) out.push(c2);
  });
  return out;
}

function finding(
  pupil: Pupil,
  rule: PartTimeRuleId,
  rest: Omit<PartTimeFinding, 'upn' | 'pupilName' | 'yearGroup' | 'rule'>,
): PartTimeFinding {
  return { upn: pupil.upn, pupilName: pupilName(pupil), yearGroup: pupil.yearGroup, rule, ...rest };
}

function timetableEvidence(t: PartTimeTimetable): Record<string, unknown> {
  return {
    start: t.start,
    proposedEnd: t.proposedEnd,
    endInForce: effectiveEnd(t),
    sessionsOff: t.sessionsOff.map(weeklySessionWords),
    plan: t.plan ?? null,
    reviews: t.reviews.map((r) => ({ on: r.on, extendedTo: r.extendedTo ?? null })),
    nextReview: t.nextReview ?? null,
  };
}

function timetableFindings(pupil: Pupil, t: PartTimeTimetable, { asOf, policy }: PartTimeOptions): PartTimeFinding[] {
  const rules = policy.partTimeTimetables;
  const out: PartTimeFinding[] = [];
  const evidence = timetableEvidence(t);
  const episode = t.start;
  const name = pupilName(pupil);

  const reviewedSinceDue = t.nextReview !== undefined && t.reviews.some((r) => r.on >= t.nextReview!);
  if (t.nextReview === undefined) {
    const last = lastReviewBy(t, asOf);
    out.push(
      finding(pupil, 'part-time-review-overdue', {
        reason: `${name}'s part-time timetable has no review date set${last ? ` since the review on ${formatLongDate(last.on)}` : ''}; it must be reviewed regularly with the pupil and parents so that it lasts only as long as it must.`,
        evidence: { ...evidence, daysOverdue: null },
        nextStep: 'Set a review date and hold the review with the pupil and their parents.',
        citation: rules.reviewCitation,
        episode: `${episode}:no-review-date`,
      }),
    );
  } else if (!reviewedSinceDue) {
    const days = toDayNumber(asOf) - toDayNumber(t.nextReview);
    if (days > 0) {
      out.push(
        finding(pupil, 'part-time-review-overdue', {
          reason: `${name}'s part-time timetable was due for review on ${formatLongDate(t.nextReview)}, ${days} day${days === 1 ? '' : 's'} ago, and no review has been recorded since.`,
          evidence: { ...evidence, daysOverdue: days },
          nextStep: 'Hold the review with the pupil and their parents now, and record what it decided.',
          citation: rules.reviewCitation,
          episode: `${episode}:review:${t.nextReview}`,
        }),
      );
    } else if (toDayNumber(t.nextReview) <= toDayNumber(addDays(asOf, rules.reviewDueWithinDays))) {
      const when = days === 0 ? 'today' : `on ${formatLongDate(t.nextReview)}`;
      out.push(
        finding(pupil, 'part-time-review-due', {
          reason: `${name}'s part-time timetable is due for review ${when}.`,
          evidence: { ...evidence, daysUntilDue: -days },
          nextStep: 'Arrange the review with the pupil and their parents and bring the plan it belongs to.',
          citation: rules.reviewCitation,
          episode: `${episode}:review:${t.nextReview}`,
        }),
      );
    }
  }

  const end = effectiveEnd(t);
  if (end < asOf) {
    out.push(
      finding(pupil, 'part-time-past-end-date', {
        reason: `${name}'s part-time timetable was due to end on ${formatLongDate(end)} and is still in place; after its end date the pupil is expected to attend full time, unless a review extended it.`,
        evidence,
        nextStep:
          'Return the pupil to full time, or review the timetable and record any extension agreed with the parents.',
        citation: rules.endDateCitation,
        episode: `${episode}:end:${end}`,
      }),
    );
  }

  if ((pupil.socialWorker || pupil.lookedAfter) && !(t.socialWorkerToldOn && t.socialWorkerToldOn <= asOf)) {
    out.push(
      finding(pupil, 'part-time-social-worker-not-told', {
        reason: `${name} has a social worker, and nothing records that they were told of the part-time timetable that began on ${formatLongDate(t.start)}.`,
        evidence,
        nextStep: 'Tell the social worker and involve them in reviews: the timetable forms part of the child’s plan.',
        citation: rules.socialWorkerCitation,
        episode: `${episode}:social-worker`,
      }),
    );
  }

  if (pupil.sen === 'ehcp' && !(t.localAuthorityToldOn && t.localAuthorityToldOn <= asOf)) {
    out.push(
      finding(pupil, 'part-time-ehcp-la-not-told', {
        reason: `${name} has an education, health and care plan, and nothing records that the local authority was consulted on the part-time timetable that began on ${formatLongDate(t.start)}.`,
        evidence,
        nextStep: 'Discuss the timetable with the local authority so that the support in the EHC plan can be reviewed.',
        citation: rules.ehcpCitation,
        episode: `${episode}:ehcp`,
      }),
    );
  }
  return out;
}

type C2Problem = 'no-timetable' | 'not-agreed' | 'not-covered';

/** C2 sessions to `asOf` that no agreed timetable in place on the day covers. */
function c2NotAgreed(
  register: Register,
  p: number,
  own: readonly PartTimeTimetable[],
  { asOf, policy }: PartTimeOptions,
): PartTimeFinding | null {
  const { calendar } = register;
  const base = p * calendar.sessionCount;
  const problems: (SessionMark & { problem: C2Problem })[] = [];
  for (let s = 0; s < calendar.sessionCount; s++) {
    const date = calendar.sessionDate[s];
    if (date > asOf) break;
    if (register.marks[base + s] !== C2) continue;
    const half = halfName(calendar.sessionHalf[s]);
    const inPlace = own.filter((t) => isInPlaceOn(t, date));
    let problem: C2Problem | null;
    if (inPlace.length === 0) problem = 'no-timetable';
    else if (!inPlace.some((t) => isAgreedBy(t, date))) problem = 'not-agreed';
    else if (!inPlace.some((t) => isAgreedBy(t, date) && coversSession(t, date, half))) problem = 'not-covered';
    else problem = null;
    if (problem) problems.push({ date, session: half, code: 'C2', problem });
  }
  if (problems.length === 0) return null;
  const pupil = register.pupils[p];
  const count = (k: C2Problem) => problems.filter((x) => x.problem === k).length;
  const parts = [
    count('no-timetable') && `${count('no-timetable')} with no part-time timetable recorded`,
    count('not-agreed') &&
      `${count('not-agreed')} under a timetable not yet agreed by both the school and the parent the pupil normally lives with`,
    count('not-covered') && `${count('not-covered')} on sessions the agreed timetable does not cover`,
  ].filter(Boolean);
  const n = problems.length;
  return finding(pupil, 'part-time-c2-not-agreed', {
    reason: `${pupilName(pupil)} has ${n} C2 session${n === 1 ? '' : 's'} (leave for a part-time timetable) that no agreed timetable supports: ${parts.join('; ')}.`,
    evidence: {
      sessions: problems.map(({ date, session, code, problem }) => ({ date, session, code, problem })),
      from: problems[0].date,
      to: problems[n - 1].date,
    },
    nextStep:
      'Correct the register (C2 is lawful only for the agreed times and dates) or record the timetable and both agreements.',
    citation: policy.partTimeTimetables.agreementCitation,
    episode: problems[0].date,
  });
}
