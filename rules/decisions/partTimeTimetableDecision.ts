import { compulsorySchoolAgeEnd, isCompulsorySchoolAge } from '../dates/compulsorySchoolAge.ts';
import { formatLongDate, type IsoDate } from '../dates/isoDate.ts';
import { type Citation } from '../findings/citation.ts';
import { type PartTimeTimetable, type WeeklySession } from '../partTime/partTimeTimetable.ts';
import { type PolicyProfile } from '../policies/policyProfile.ts';
import { type Pupil } from '../pupils/pupil.ts';

/** Why the school proposes a part-time timetable, in the guidance's categories. */
export type PartTimeReason = 'medical' | 'reintegration' | 'other-exceptional' | 'behaviour';

export interface PartTimeProposal {
  reason: PartTimeReason;
  start: IsoDate;
  proposedEnd: IsoDate;
  sessionsOff: readonly WeeklySession[];
  /** The support, health-care or reintegration plan it belongs to. */
  plan?: string;
  schoolAgreedOn?: IsoDate;
  /** Agreement of a parent the pupil normally lives with: another parent's agreement does not count. */
  parentAgreedOn?: IsoDate;
  nextReview?: IsoDate;
  socialWorkerToldOn?: IsoDate;
  localAuthorityToldOn?: IsoDate;
}

export interface PartTimeCheck {
  question: string;
  verdict: 'yes' | 'no' | 'to-do';
  says: string;
  citation: Citation;
}

export interface PartTimeDecision {
  /** `record`: lawful and complete; `record-with-actions`: lawful, with things still to do; `not-lawful`. */
  outcome: 'record' | 'record-with-actions' | 'not-lawful';
  checks: PartTimeCheck[];
  /** What must happen before the timetable can be used, or what is still outstanding. */
  actions: string[];
  /** The record to keep, when the timetable can be used. */
  timetable?: PartTimeTimetable;
}

/**
 * Whether a proposed part-time timetable can lawfully be used, and what is still to do. Reg 11(6) allows the
 * leave only for a pupil of compulsory school age throughout, with the times and dates agreed by the school
 * and a parent the pupil normally lives with; the guidance adds that it is never a way to manage behaviour,
 * belongs to a wider plan, has review dates and a proposed end date, and that the social worker and (for
 * an EHC plan) the local authority are told.
 */
export function decidePartTimeTimetable(
  pupil: Pick<Pupil, 'upn' | 'dateOfBirth' | 'socialWorker' | 'lookedAfter' | 'sen'>,
  proposal: PartTimeProposal,
  policy: PolicyProfile,
): PartTimeDecision {
  const rules = policy.partTimeTimetables;
  const checks: PartTimeCheck[] = [];
  const blocking: string[] = [];
  const toDo: string[] = [];

  const csaThroughout =
    !pupil.dateOfBirth ||
    (isCompulsorySchoolAge(pupil.dateOfBirth, proposal.start) &&
      proposal.proposedEnd <= compulsorySchoolAgeEnd(pupil.dateOfBirth));
  checks.push({
    question: 'Of compulsory school age for the whole timetable?',
    verdict: csaThroughout ? 'yes' : 'no',
    says: csaThroughout
      ? 'Yes'
      : 'No: leave for a part-time timetable can only be granted to a pupil of compulsory school age throughout',
    citation: rules.agreementCitation,
  });
  if (!csaThroughout)
    blocking.push('A part-time timetable (C2) cannot be used for a pupil not of compulsory school age throughout.');

  const behaviour = proposal.reason === 'behaviour';
  checks.push({
    question: 'For exceptional circumstances in the pupil’s interest, not to manage behaviour?',
    verdict: behaviour ? 'no' : 'yes',
    says: behaviour
      ? 'No: a part-time timetable must not be used to manage a pupil’s behaviour'
      : proposal.reason === 'medical'
        ? 'A medical condition prevents full-time attendance'
        : proposal.reason === 'reintegration'
          ? 'Part of a reintegration plan'
          : 'Other exceptional circumstances, as the school records them',
    citation: rules.reviewCitation,
  });
  if (behaviour) blocking.push('Do not use a part-time timetable to manage behaviour; consider other support instead.');

  const agreed = Boolean(proposal.schoolAgreedOn && proposal.parentAgreedOn);
  checks.push({
    question: 'Agreed by the school and a parent the pupil normally lives with?',
    verdict: agreed ? 'yes' : 'no',
    says: agreed
      ? `School on ${formatLongDate(proposal.schoolAgreedOn!)}, parent on ${formatLongDate(proposal.parentAgreedOn!)}`
      : !proposal.parentAgreedOn
        ? 'Not by the parent the pupil normally lives with'
        : 'Not yet by the school',
    citation: rules.agreementCitation,
  });
  if (!agreed)
    blocking.push(
      'Record C2 only once the school and a parent the pupil normally lives with have agreed the times and dates.',
    );

  const ordered = proposal.proposedEnd >= proposal.start;
  checks.push({
    question: 'A proposed end date, after which the pupil attends full time?',
    verdict: ordered ? 'yes' : 'no',
    says: ordered ? `Ends ${formatLongDate(proposal.proposedEnd)}` : 'The end date is before the start',
    citation: rules.endDateCitation,
  });
  if (!ordered) blocking.push('Set a proposed end date on or after the start.');

  const review = proposal.nextReview;
  checks.push({
    question: 'A review date with the pupil and parents?',
    verdict: review ? 'yes' : 'to-do',
    says: review ? `First review on ${formatLongDate(review)}` : 'None set yet',
    citation: rules.reviewCitation,
  });
  if (!review) toDo.push('Set the first review date with the pupil and their parents.');

  checks.push({
    question: 'Part of a wider support, health-care or reintegration plan?',
    verdict: proposal.plan ? 'yes' : 'to-do',
    says: proposal.plan ?? 'No plan named',
    citation: rules.reviewCitation,
  });
  if (!proposal.plan) toDo.push('Name the plan the timetable belongs to.');

  if (pupil.socialWorker || pupil.lookedAfter) {
    checks.push({
      question: 'Social worker told and involved?',
      verdict: proposal.socialWorkerToldOn ? 'yes' : 'to-do',
      says: proposal.socialWorkerToldOn ? `Told on ${formatLongDate(proposal.socialWorkerToldOn)}` : 'Not yet',
      citation: rules.socialWorkerCitation,
    });
    if (!proposal.socialWorkerToldOn)
      toDo.push('Tell the social worker: the timetable forms part of the child’s plan.');
  }
  if (pupil.sen === 'ehcp') {
    checks.push({
      question: 'Local authority consulted about the EHC plan’s support?',
      verdict: proposal.localAuthorityToldOn ? 'yes' : 'to-do',
      says: proposal.localAuthorityToldOn ? `Consulted on ${formatLongDate(proposal.localAuthorityToldOn)}` : 'Not yet',
      citation: rules.ehcpCitation,
    });
    if (!proposal.localAuthorityToldOn) toDo.push('Discuss the timetable with the local authority (EHC plan).');
  }

  if (blocking.length > 0) return { outcome: 'not-lawful', checks, actions: blocking };
  return {
    outcome: toDo.length ? 'record-with-actions' : 'record',
    checks,
    actions: toDo,
    timetable: {
      upn: pupil.upn,
      start: proposal.start,
      proposedEnd: proposal.proposedEnd,
      sessionsOff: proposal.sessionsOff,
      schoolAgreedOn: proposal.schoolAgreedOn,
      parentAgreedOn: proposal.parentAgreedOn,
      plan: proposal.plan,
      nextReview: proposal.nextReview,
      reviews: [],
      socialWorkerToldOn: proposal.socialWorkerToldOn,
      localAuthorityToldOn: proposal.localAuthorityToldOn,
    },
  };
}
