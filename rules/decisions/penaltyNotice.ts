import { isCompulsorySchoolAge } from '../dates/compulsorySchoolAge.ts';
import { type IsoDate } from '../dates/isoDate.ts';
import { type Citation } from '../findings/citation.ts';
import { type PolicyProfile } from '../policies/policyProfile.ts';

export interface PreviousNotice {
  issuedOn: IsoDate;
  status: 'issued' | 'paid' | 'unpaid' | 'withdrawn';
}

export interface PenaltyNoticeInput {
  /** The day the notice is being considered. */
  on: IsoDate;
  dateOfBirth?: IsoDate;
  /** Whether the pupil has met the threshold (the `penalty-threshold` finding) with sessions no earlier notice relied on. */
  thresholdMet: boolean;
  /** Sessions in the window an earlier notice to this parent relied on, so not counted again. */
  sessionsAlreadyPenalised?: number;
  /** Only G (term-time holiday) behind the threshold: support is not appropriate, no notice to improve needed. */
  holidayOnly: boolean;
  support: 'not-offered-yet' | 'engaged-and-working' | 'engaged-not-working' | 'not-engaged' | 'not-appropriate';
  /** Previous notices to this parent for this child. */
  previousNotices: readonly PreviousNotice[];
  noticeToImprove?: { issuedOn: IsoDate; periodEnds: IsoDate; unauthorisedSessionsSince: number };
}

export type PenaltyNoticeOutcome =
  | 'threshold-not-met'
  | 'not-compulsory-school-age'
  | 'offer-support-first'
  | 'notice-to-improve-first'
  | 'improvement-period-running'
  | 'issue-penalty-notice'
  | 'no-further-notice';

export interface PenaltyNoticeDecision {
  outcome: PenaltyNoticeOutcome;
  /** 1 or 2: which notice within the rolling period this would be. */
  noticeNumber?: number;
  amount?: { full: number; payWithinDays: number; reduced?: number; reducedWithinDays?: number };
  countedNotices: PreviousNotice[];
  improvementPeriod: string;
  mustInclude: readonly string[];
  reasons: string[];
  nextStep: string;
  citations: Citation[];
}

function yearsBefore(date: IsoDate, years: number): IsoDate {
  return `${Number(date.slice(0, 4)) - years}${date.slice(4)}`;
}

/**
 * Whether a penalty notice can be issued to one parent for one child, and for how much: only for a pupil of
 * compulsory school age at the threshold; support first unless it is not appropriate (a term-time holiday);
 * £160 (£80 within 21 days) for the first notice in 3 years, £160 flat for the second, none for a third.
 * Withdrawn notices and notices before 19 August 2024 do not count.
 */
export function decidePenaltyNotice(input: PenaltyNoticeInput, policy: PolicyProfile): PenaltyNoticeDecision {
  const rules = policy.penaltyNotice;
  const nti = policy.noticeToImprove;
  const periodText =
    nti.period.unit === 'weeks'
      ? `${nti.period.min === nti.period.max ? nti.period.min : `${nti.period.min}-${nti.period.max}`} weeks`
      : `${nti.period.min === nti.period.max ? nti.period.min : `${nti.period.min}-${nti.period.max}`} school days`;
  const since = yearsBefore(input.on, rules.periodYears);
  const counted = input.previousNotices.filter(
    (n) =>
      n.status !== 'withdrawn' && n.issuedOn >= rules.countsNoticesFrom && n.issuedOn > since && n.issuedOn <= input.on,
  );
  const base = {
    countedNotices: counted,
    improvementPeriod: periodText,
    mustInclude: nti.mustInclude,
    citations: [rules.citation, policy.penaltyThreshold.citation],
  };
  const reasons: string[] = [];
  // Age comes first: below compulsory school age no threshold or notice applies, whatever the register holds.
  if (input.dateOfBirth && !isCompulsorySchoolAge(input.dateOfBirth, input.on)) {
    return {
      ...base,
      outcome: 'not-compulsory-school-age',
      reasons: [
        'Penalty notices apply only to pupils of compulsory school age: no threshold, notice to improve or penalty notice applies to this pupil yet',
      ],
      nextStep: 'No penalty notice: work with the family on support instead',
    };
  }
  if (!input.thresholdMet) {
    return {
      ...base,
      outcome: 'threshold-not-met',
      reasons: [
        `The pupil has not reached ${policy.penaltyThreshold.sessions} unauthorised sessions in ${policy.penaltyThreshold.schoolWeeks} school weeks`,
        ...(input.sessionsAlreadyPenalised
          ? [
              `${input.sessionsAlreadyPenalised} sessions in the window were behind an earlier notice to this parent: the same absence is not penalised twice, so a new notice needs fresh sessions`,
            ]
          : []),
      ],
      nextStep: 'Keep supporting and monitoring; no penalty notice can be considered yet',
    };
  }
  if (counted.length >= rules.maxNoticesInPeriod) {
    return {
      ...base,
      outcome: 'no-further-notice',
      reasons: [
        `${counted.length} notices to this parent for this child in the last ${rules.periodYears} years (withdrawn notices not counted): no further notice can be issued`,
      ],
      nextStep:
        'No further penalty notice: consider prosecution (s444), an education supervision order or other measures with the local authority',
    };
  }
  const noticeNumber = counted.length + 1;
  const amount =
    noticeNumber === 1
      ? {
          full: rules.firstAmount,
          payWithinDays: rules.payWithinDays,
          reduced: rules.firstReducedAmount,
          reducedWithinDays: rules.reducedWithinDays,
        }
      : { full: rules.secondAmount, payWithinDays: rules.payWithinDays };
  const supportNotAppropriate = input.holidayOnly || input.support === 'not-appropriate';
  if (!supportNotAppropriate) {
    if (input.support === 'not-offered-yet' || input.support === 'engaged-and-working') {
      return {
        ...base,
        outcome: 'offer-support-first',
        noticeNumber,
        amount,
        reasons: [
          input.support === 'engaged-and-working'
            ? 'Support is being engaged with and working'
            : 'Support has not been offered yet',
        ],
        nextStep:
          'Offer (or keep up) support first: a penalty notice is for when support has not worked or been engaged with',
      };
    }
    if (!input.noticeToImprove) {
      return {
        ...base,
        outcome: 'notice-to-improve-first',
        noticeNumber,
        amount,
        reasons: [
          'Support was offered but not engaged with or not working: a notice to improve gives the parent a last chance first',
        ],
        nextStep: `Issue a notice to improve with an improvement period of ${periodText}${nti.unauthorisedSessionsAllowed === 0 ? ' with no unauthorised absence allowed' : ''}`,
      };
    }
    if (
      input.on < input.noticeToImprove.periodEnds &&
      !(
        nti.unauthorisedSessionsAllowed !== undefined &&
        input.noticeToImprove.unauthorisedSessionsSince > nti.unauthorisedSessionsAllowed
      )
    ) {
      return {
        ...base,
        outcome: 'improvement-period-running',
        noticeNumber,
        amount,
        reasons: [`The improvement period runs to ${input.noticeToImprove.periodEnds}`],
        nextStep: 'Wait for the end of the improvement period, then judge whether attendance has improved enough',
      };
    }
  }
  reasons.push(
    supportNotAppropriate
      ? 'Support is not appropriate (e.g. an unauthorised term-time holiday): no notice to improve needed'
      : 'The notice to improve did not bring sufficient improvement',
  );
  reasons.push(
    noticeNumber === 1
      ? 'First notice to this parent for this child in 3 years'
      : 'Second notice to this parent for this child in 3 years: the reduced rate is not available',
  );
  return {
    ...base,
    outcome: 'issue-penalty-notice',
    noticeNumber,
    amount,
    reasons,
    nextStep:
      noticeNumber === 1
        ? `A penalty notice can be requested: £${amount.full} within ${amount.payWithinDays} days, or £${rules.firstReducedAmount} if paid within ${rules.reducedWithinDays} days`
        : `A penalty notice can be requested: £${amount.full} within ${amount.payWithinDays} days (no reduced rate for a second notice)`,
  };
}
