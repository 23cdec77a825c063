import {
  describeCodes,
  formatLongDate,
  formatShortDate,
  type PenaltyNoticeDecision,
  type Pupil,
} from '../../rules/index.ts';
import { type ThresholdFacts } from './penaltyThresholdFacts.ts';

export interface ReferralInput {
  schoolName: string;
  schoolUrn: string;
  localAuthority?: string;
  pupil: Pupil;
  parentName: string;
  parentRelationship: string;
  support: string;
  noticeToImprove?: { issuedOn: string; periodEnds: string; unauthorisedSessionsSince: number };
  threshold: ThresholdFacts;
  decision: PenaltyNoticeDecision;
}

/**
 * The request to the local authority for a penalty notice (or, when none can be issued, for its view on
 * other measures), drafted for the attendance lead to check: who, which absences, what support and
 * warnings came first, and which notice in 3 years this would be.
 */
export function penaltyReferral(input: ReferralInput): { title: string; text: string } {
  const { pupil, decision, threshold } = input;
  const first = threshold.sessions[0];
  const last = threshold.sessions[threshold.sessions.length - 1];
  const ask =
    decision.outcome === 'issue-penalty-notice'
      ? `We request a penalty notice (notice ${decision.noticeNumber} to this parent for this child in 3 years; £${decision.amount?.full}${decision.amount?.reduced ? `, or £${decision.amount.reduced} if paid within ${decision.amount.reducedWithinDays} days` : ', no reduced rate'}).`
      : decision.outcome === 'no-further-notice'
        ? 'No further penalty notice can be issued to this parent for this child; we ask the authority to consider prosecution, an education supervision order or other measures.'
        : `For information: ${decision.nextStep}.`;
  const lines = [
    `To: ${input.localAuthority ?? 'the local authority'} attendance service`,
    `From: ${input.schoolName} (URN ${input.schoolUrn})`,
    '',
    `Pupil: ${pupil.givenName} ${pupil.familyName}, UPN ${pupil.upn}, born ${formatLongDate(pupil.dateOfBirth)}, Year ${pupil.yearGroup}`,
    `Parent: ${input.parentName} (${input.parentRelationship})`,
    '',
    threshold.met
      ? `Unauthorised absence: ${threshold.count} sessions (${describeCodes(threshold.byCode)}) within 10 school weeks, from ${formatShortDate(first.date)} ${first.session} to ${formatShortDate(last.date)} ${last.session}.`
      : 'The penalty threshold is not met.',
    `Support: ${input.support}.`,
    input.noticeToImprove
      ? `Notice to improve issued on ${formatShortDate(input.noticeToImprove.issuedOn)}, improvement period to ${formatShortDate(input.noticeToImprove.periodEnds)}; ${input.noticeToImprove.unauthorisedSessionsSince} unauthorised sessions since.`
      : 'No notice to improve issued.',
    `Previous notices to this parent for this child counted in the last 3 years: ${decision.countedNotices.length}${decision.countedNotices.length > 0 ? ` (${decision.countedNotices.map((n) => `${formatShortDate(n.issuedOn)}, ${n.status}`).join('; ')})` : ''}.`,
    '',
    ask,
    '',
    'The register extract for the sessions above is attached.',
  ];
  return {
    title:
      decision.outcome === 'issue-penalty-notice'
        ? 'Referral to the local authority: penalty notice request'
        : 'Referral to the local authority',
    text: lines.join('\n'),
  };
}
