import { firstSchoolDayOnOrAfter, sessionRange } from '../calendar/calendarLookup.ts';
import { halfName, type SchoolCalendar } from '../calendar/schoolCalendar.ts';
import { isCompulsorySchoolAge } from '../dates/compulsorySchoolAge.ts';
import { type IsoDate, formatShortDate } from '../dates/isoDate.ts';
import { type Citation } from '../findings/citation.ts';
import { SOURCES } from '../sources/sourceRegister.ts';
import { type PolicyProfile } from '../policies/policyProfile.ts';

export const LEAVE_REASONS = [
  'holiday',
  'bereavement',
  'serious-illness-of-relative',
  'once-in-a-lifetime-event',
  'religious-observance',
  'licensed-performance',
  'interview',
  'armed-forces-leave',
  'study-for-exam',
  'other',
] as const;
export type LeaveReason = (typeof LEAVE_REASONS)[number];

export interface LeaveRequest {
  dateOfBirth?: IsoDate;
  applicant: { relationship: string; livesWithPupil: boolean };
  appliedOn: IsoDate;
  from: IsoDate;
  to: IsoDate;
  /** Leave starting in the afternoon of `from`, or ending after the morning of `to`. */
  fromSession?: 'AM' | 'PM';
  toSession?: 'AM' | 'PM';
  reason: LeaveReason;
  evidenceProvided: boolean;
  /** Staff's answer to "could this be taken in the school holidays?"; undefined when not asked yet. */
  couldBeTakenInHolidays?: boolean;
  /** Staff's answer to "is this something that recurs (every year, every term)?". */
  recurring?: boolean;
}

export interface DecisionCheck {
  id: string;
  question: string;
  /** true: passes; false: fails; null: staff must judge. */
  passed: boolean | null;
  says: string;
  citation: Citation;
}

export interface LeaveDecision {
  sessions: { date: IsoDate; session: 'AM' | 'PM' }[];
  sessionCount: number;
  schoolDays: number;
  /** School days from the application day (included) to the day before the leave starts. */
  noticeSchoolDays: number;
  checks: DecisionCheck[];
  outcome: 'grant-possible' | 'refuse';
  /** The code to record if granted: C for exceptional circumstances, or the specific leave code. */
  codeIfGranted: 'C' | 'C1' | 'J1' | 'S' | 'R';
  /** Most sessions the profile lets the school grant, where it caps leave. */
  maxGrantableSessions?: number;
  ifTakenAnyway: { code: 'G'; penaltyRoute: boolean; withoutWarning: boolean; says: string; citation: Citation };
  summary: string;
}

const SPECIFIC_CODES: Partial<Record<LeaveReason, LeaveDecision['codeIfGranted']>> = {
  'licensed-performance': 'C1',
  interview: 'J1',
  'study-for-exam': 'S',
};
const EXCEPTIONAL_KINDS: readonly LeaveReason[] = [
  'bereavement',
  'serious-illness-of-relative',
  'once-in-a-lifetime-event',
  'religious-observance',
  'armed-forces-leave',
];

/** The school sessions a leave request covers: closures, weekends and holidays cost nothing. */
export function leaveSessions(
  calendar: SchoolCalendar,
  request: Pick<LeaveRequest, 'from' | 'to' | 'fromSession' | 'toSession'>,
) {
  const { start, end } = sessionRange(calendar, request.from, request.to);
  const out: { date: IsoDate; session: 'AM' | 'PM' }[] = [];
  for (let s = start; s < end; s++) {
    const date = calendar.sessionDate[s];
    const session = halfName(calendar.sessionHalf[s]);
    if (date === request.from && request.fromSession === 'PM' && session === 'AM') continue;
    if (date === request.to && request.toSession === 'AM' && session === 'PM') continue;
    out.push({ date, session });
  }
  return out;
}

/**
 * The first test of a request: reg 11 lets only a parent the pupil normally lives with apply, so a request
 * from anyone else is not a valid application at all, and nothing after this test is weighed.
 */
export function applicantCheck(applicant: LeaveRequest['applicant']): DecisionCheck {
  return {
    id: 'applicant',
    question: 'Did a parent the pupil normally lives with apply?',
    passed: applicant.livesWithPupil,
    says: applicant.livesWithPupil
      ? `${applicant.relationship} lives with the pupil`
      : `${applicant.relationship} does not live with the pupil: leave can only be requested by a parent the pupil normally lives with, so this is not a valid application`,
    citation: {
      source: SOURCES.regs2024.title,
      where: 'reg 11: leave requested in advance by a parent the pupil normally lives with',
    },
  };
}

/**
 * Works through a leave-of-absence request as reg 11 and the profile require: who applied, how much notice,
 * the sessions it covers, whether the circumstances are exceptional (rare, significant, unavoidable,
 * short), and the profile's caps. Says what can be granted, the code if taken anyway and whether the
 * penalty route opens. The head decides; this sets out the grounds.
 *
 * @example
 * const request = { applicant: { relationship: 'Mother', livesWithPupil: true }, appliedOn: '2025-10-01',
 *   from: '2025-11-17', to: '2025-11-21', reason: 'bereavement', evidenceProvided: true,
 *   couldBeTakenInHolidays: false, dateOfBirth: '2016-05-01' };
 * const d = decideLeaveOfAbsence(request, calendar, policyProfile('dudley-st-james'));
 * d.sessionCount // => 10
 * d.outcome // => 'refuse'
 * d.checks.find((c) => c.id === 'short')?.says
 * // => '10 sessions: the policy never grants 10 sessions or more, so at most 9 could be granted'
 */
export function decideLeaveOfAbsence(
  request: LeaveRequest,
  calendar: SchoolCalendar,
  policy: PolicyProfile,
): LeaveDecision {
  const sessions = leaveSessions(calendar, request);
  const schoolDays = new Set(sessions.map((s) => s.date)).size;
  const firstDay = sessions.length > 0 ? calendar.dayIndex.get(sessions[0].date)! : -1;
  // School days from the application (its own day included when it is a school day, since a form handed
  // in that morning gives that day's notice) up to the day before the leave: "10 school days before".
  const appliedDay = firstSchoolDayOnOrAfter(calendar, request.appliedOn);
  const noticeSchoolDays = firstDay < 0 ? 0 : Math.max(0, firstDay - appliedDay);
  const leave = policy.leave;
  const regs = SOURCES.regs2024.title;
  const wtisa = SOURCES.wtisa.title;
  const checks: DecisionCheck[] = [];

  checks.push(applicantCheck(request.applicant));
  const inAdvance = request.appliedOn < request.from;
  checks.push({
    id: 'in-advance',
    question: 'Was it applied for before the leave starts?',
    passed: inAdvance,
    says: inAdvance
      ? `Applied on ${formatShortDate(request.appliedOn)}, before the leave starts on ${formatShortDate(request.from)}`
      : 'Leave cannot be granted after it has started or been taken',
    citation: { source: regs, where: 'reg 11: leave is granted in advance' },
  });
  // 001 asks for notice only for leave of a whole day or longer; shorter leave needs only to be in advance.
  if (leave.noticeSchoolDays !== undefined && sessions.length >= (leave.noticeAppliesFromSessions ?? 1)) {
    const enough = noticeSchoolDays >= leave.noticeSchoolDays;
    checks.push({
      id: 'notice',
      question: `Was it applied for at least ${leave.noticeSchoolDays} school days ahead?`,
      passed: enough,
      says: enough
        ? `${noticeSchoolDays} school days’ notice`
        : `Only ${noticeSchoolDays} school days’ notice (the policy asks for ${leave.noticeSchoolDays}); a shortfall to note, not a bar where the circumstances could not be foreseen`,
      citation: leave.citation,
    });
  }
  const isHoliday = request.reason === 'holiday';
  const specific = SPECIFIC_CODES[request.reason];
  checks.push({
    id: 'exceptional-rare-significant',
    question: 'Is the reason exceptional: rare and significant?',
    passed: isHoliday
      ? false
      : specific || EXCEPTIONAL_KINDS.includes(request.reason)
        ? request.recurring !== true
        : request.recurring === undefined
          ? null
          : !request.recurring,
    says: isHoliday
      ? `A holiday is not an exceptional circumstance${leave.refuseHolidays ? ' and the policy never agrees term-time holidays' : ''}`
      : request.recurring
        ? 'It recurs, so it is not exceptional'
        : specific
          ? `Covered by its own code (${specific}) when the conditions for it are met`
          : EXCEPTIONAL_KINDS.includes(request.reason)
            ? 'A rare, significant event of the kind leave exists for'
            : 'Staff must judge whether this is rare and significant',
    citation: {
      source: wtisa,
      where: 'Leave of absence: exceptional circumstances are rare, significant, unavoidable and short',
    },
  });
  checks.push({
    id: 'unavoidable',
    question: 'Could it be taken in the school holidays (13 weeks a year) instead?',
    passed: request.couldBeTakenInHolidays === undefined ? (isHoliday ? false : null) : !request.couldBeTakenInHolidays,
    says:
      request.couldBeTakenInHolidays === undefined
        ? isHoliday
          ? 'A holiday can be taken in the school holidays'
          : 'Staff must judge whether the date is outside the family’s control'
        : request.couldBeTakenInHolidays
          ? 'It could be taken in the school holidays, so it is not unavoidable'
          : 'It cannot be moved to the school holidays',
    citation: {
      source: wtisa,
      where: 'Leave of absence: whether the leave could reasonably be taken outside term time',
    },
  });
  const cap = leave.refuseFromSessions;
  const shortLimit = cap ?? 11;
  checks.push({
    id: 'short',
    question: cap ? `Is it under ${cap} sessions (the policy’s cap)?` : 'Is it short?',
    passed: sessions.length < shortLimit,
    says: cap
      ? sessions.length < cap
        ? `${sessions.length} sessions, under the cap of ${cap}`
        : `${sessions.length} sessions: the policy never grants ${cap} sessions or more, so at most ${cap - 1} could be granted`
      : `${sessions.length} sessions (${schoolDays} school days)${sessions.length >= shortLimit ? ': long for leave; grant only what the circumstance needs' : ''}`,
    citation: cap
      ? leave.citation
      : { source: wtisa, where: 'Leave of absence: the school decides how long; only what the circumstance needs' },
  });
  checks.push({
    id: 'evidence',
    question: 'Was evidence provided?',
    passed: request.evidenceProvided ? true : null,
    says: request.evidenceProvided ? 'Evidence provided' : 'No evidence yet: ask for it before deciding',
    citation: leave.citation,
  });

  const blocking = checks.filter((c) => c.passed === false && c.id !== 'notice' && !(c.id === 'short' && !cap));
  const outcome: LeaveDecision['outcome'] = blocking.length === 0 ? 'grant-possible' : 'refuse';
  const csa = request.dateOfBirth ? isCompulsorySchoolAge(request.dateOfBirth, request.from) : true;
  const threshold = policy.penaltyThreshold;
  const withoutWarning =
    leave.penaltyWithoutWarningFromDays !== undefined && schoolDays >= leave.penaltyWithoutWarningFromDays;
  const penaltyRoute = csa && (sessions.length >= threshold.sessions || withoutWarning);
  const ifTakenAnyway: LeaveDecision['ifTakenAnyway'] = {
    code: 'G',
    penaltyRoute,
    withoutWarning: penaltyRoute && withoutWarning,
    says: !csa
      ? 'Record G; the pupil is not of compulsory school age, so no penalty notice can follow'
      : withoutWarning
        ? `Record G; ${schoolDays} school days without consent: the policy asks the council for a penalty notice without a warning first`
        : sessions.length >= threshold.sessions
          ? `Record G; ${sessions.length} sessions of G alone reach the threshold of ${threshold.sessions} in ${threshold.schoolWeeks} school weeks: a penalty notice can be considered without a notice to improve, since support is not appropriate for a holiday`
          : `Record G; ${sessions.length} sessions count toward the threshold of ${threshold.sessions} unauthorised sessions in ${threshold.schoolWeeks} school weeks`,
    citation: withoutWarning ? leave.citation : threshold.citation,
  };
  const code = specific ?? 'C';
  return {
    sessions,
    sessionCount: sessions.length,
    schoolDays,
    noticeSchoolDays,
    checks,
    outcome,
    codeIfGranted: code,
    maxGrantableSessions: cap !== undefined ? cap - 1 : undefined,
    ifTakenAnyway,
    summary:
      outcome === 'grant-possible'
        ? `Leave can be granted as ${code} for ${sessions.length} session${sessions.length === 1 ? '' : 's'} (${schoolDays} school day${schoolDays === 1 ? '' : 's'}), at the head’s discretion.`
        : `Refuse: ${blocking.map((c) => c.says).join('; ')}.`,
  };
}
