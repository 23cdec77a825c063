import {
  applicantCheck,
  decideLeaveOfAbsence,
  formatShortDate,
  LEAVE_REASONS,
  type LeaveDecision,
  type LeaveReason,
  type LeaveRequest,
  leaveSessions,
  type SchoolCalendar,
} from '../../rules/index.ts';
import { citationText } from './citationText.ts';
import { whoActs } from './crossBorderActs.ts';
import { leaveLetter } from './leaveLetter.ts';
import {
  linearNext,
  type Conclusion,
  type WalkAnswers,
  type WalkContext,
  type WalkthroughDefinition,
} from './walkthrough.ts';

const YES_NO = [
  { value: 'yes', title: 'Yes' },
  { value: 'no', title: 'No' },
] as const;
const YES_NO_UNSURE = [...YES_NO, { value: 'unsure', title: 'Not sure yet' }] as const;

const REASON_TITLES: Record<LeaveReason, string> = {
  holiday: 'A holiday',
  bereavement: 'A bereavement or funeral',
  'serious-illness-of-relative': 'Serious illness of a close relative',
  'once-in-a-lifetime-event': 'A once-in-a-lifetime family event',
  'religious-observance': 'Religious observance beyond the days code R covers',
  'licensed-performance': 'A licensed performance (C1)',
  interview: 'An interview (J1)',
  'armed-forces-leave': 'A parent’s leave from the armed forces',
  'study-for-exam': 'Study for a public examination (S)',
  other: 'Something else',
};

/** The leave request the answers describe, in the shape the pure decision takes. */
export function leaveRequestFrom(answers: WalkAnswers, dateOfBirth?: string): LeaveRequest {
  const yesNo = (v: unknown) => (v === 'yes' ? true : v === 'no' ? false : undefined);
  const dates = answers.dates;
  return {
    dateOfBirth,
    applicant: {
      relationship: String(answers.applicant.relationship),
      livesWithPupil: answers.applicant.livesWithPupil === 'yes',
    },
    appliedOn: String(answers.applied.appliedOn),
    from: String(dates.from),
    to: String(dates.to),
    fromSession: dates.fromSession === 'PM' ? 'PM' : undefined,
    toSession: dates.toSession === 'AM' ? 'AM' : undefined,
    reason: answers.reason.reason as LeaveReason,
    evidenceProvided: answers.circumstances.evidence === 'yes',
    couldBeTakenInHolidays: yesNo(answers.circumstances.couldBeTakenInHolidays),
    recurring: yesNo(answers.circumstances.recurring),
  };
}

/** "Mon 6 Oct 2025 (AM, PM), Tue 7 Oct 2025 (AM)": the school sessions a request covers, by day. */
export function sessionsByDay(sessions: readonly { date: string; session: 'AM' | 'PM' }[]): string {
  const days = new Map<string, string[]>();
  for (const s of sessions) days.set(s.date, [...(days.get(s.date) ?? []), s.session]);
  return [...days].map(([date, halves]) => `${formatShortDate(date)} (${halves.join(', ')})`).join('; ');
}

function coveredFacts(answers: WalkAnswers, calendar: SchoolCalendar): string[] {
  if (!answers.dates) return [];
  const sessions = leaveSessions(
    calendar,
    leaveRequestFrom({
      ...answers,
      applicant: { relationship: '', livesWithPupil: 'yes' },
      applied: { appliedOn: String(answers.dates.from) },
      reason: { reason: 'other' },
      circumstances: {},
    }),
  );
  if (sessions.length === 0) return ['These dates cover no school sessions: the school is closed on all of them.'];
  const days = new Set(sessions.map((s) => s.date)).size;
  return [
    `The dates cover ${sessions.length} school session${sessions.length === 1 ? '' : 's'} on ${days} school day${days === 1 ? '' : 's'} (closures, weekends and holidays left out): ${sessionsByDay(sessions)}.`,
  ];
}

function leaveConclusion(decision: LeaveDecision, answers: WalkAnswers, context: WalkContext): Conclusion {
  const { school } = context;
  const policy = school.policy;
  const verdict = (passed: boolean | null) =>
    (passed === null ? 'judge' : passed ? 'yes' : 'no') as 'yes' | 'no' | 'judge';
  const request = leaveRequestFrom(answers);
  const granted =
    decision.outcome === 'grant-possible'
      ? Math.min(decision.sessionCount, decision.maxGrantableSessions ?? decision.sessionCount)
      : 0;
  const headline =
    decision.outcome === 'grant-possible'
      ? `Grant possible as ${decision.codeIfGranted} for ${granted} session${granted === 1 ? '' : 's'}, at the head’s discretion.`
      : decision.checks.some((c) => c.id === 'short' && c.passed === false) &&
          decision.checks.filter((c) => c.passed === false && c.id !== 'notice').length === 1
        ? `Refuse as asked: ${decision.sessionCount} sessions is over the policy’s cap; at most ${decision.maxGrantableSessions} could be granted as ${decision.codeIfGranted}.`
        : `Refuse: ${decision.summary.replace(/^Refuse: /, '')}`;
  // Leave taken anyway goes down the penalty route: for a cross-border pupil, the School LA's.
  const acts = decision.ifTakenAnyway.penaltyRoute ? whoActs(context, ['penalty-notice', 'prosecution']) : undefined;
  return {
    outcome: decision.outcome,
    headline,
    checks: decision.checks.map((c) => ({
      question: c.question,
      verdict: verdict(c.passed),
      says: c.says,
      cites: citationText(c.citation),
    })),
    sections: [
      {
        title: 'Sessions requested',
        lines: [
          `${decision.sessionCount} sessions (${decision.schoolDays} school days), ${decision.noticeSchoolDays} school days’ notice: ${sessionsByDay(decision.sessions)}`,
        ],
      },
      {
        title: 'If the leave is taken anyway',
        lines: [
          decision.ifTakenAnyway.says,
          decision.ifTakenAnyway.penaltyRoute
            ? `Penalty route: ${decision.ifTakenAnyway.withoutWarning ? 'request a penalty notice without a warning first' : 'consider a penalty notice (no notice to improve needed for unauthorised leave)'} (${citationText(decision.ifTakenAnyway.citation)}).`
            : 'No penalty route on this absence alone.',
        ],
      },
      ...(acts ? [acts.section] : []),
    ],
    draft: leaveLetter({
      choice: decision.outcome === 'grant-possible' ? 'grant' : 'refuse',
      sessions: granted,
      pupilLabel: context.pupil ? `${context.pupil.givenName} ${context.pupil.familyName}` : 'your child',
      schoolName: school.name,
      from: request.from,
      to: request.to,
      decision,
      policy,
    }),
    citations: [citationText(policy.leave.citation), ...(acts ? [acts.citation] : [])],
    leaveSessions: { requested: decision.sessionCount, grantable: granted },
  };
}

/** Works the leave decision out again from stored answers (for the letter after the head's choice). */
export function leaveDecisionFor(answers: WalkAnswers, context: WalkContext): LeaveDecision {
  return decideLeaveOfAbsence(
    leaveRequestFrom(answers, context.pupil?.dateOfBirth),
    context.school.register.calendar,
    context.school.policy,
  );
}

const ORDER = ['applicant', 'applied', 'dates', 'reason', 'circumstances'];

/** The applicant's answer says the pupil does not live with them: reg 11's first test already fails. */
function notValidApplication(answers: WalkAnswers): boolean {
  return answers.applicant?.livesWithPupil === 'no';
}

/**
 * A request from someone the pupil does not normally live with is not an application reg 11 recognises:
 * the walk-through stops at its first step and says so, with nothing to grant or refuse.
 */
function invalidApplicationConclusion(answers: WalkAnswers, context: WalkContext): Conclusion {
  const check = applicantCheck({ relationship: String(answers.applicant.relationship), livesWithPupil: false });
  const pupil = context.pupil ? `${context.pupil.givenName} ${context.pupil.familyName}` : 'the pupil';
  return {
    outcome: 'not-valid-application',
    headline: 'Not a valid application: leave can only be requested by a parent the pupil normally lives with.',
    checks: [{ question: check.question, verdict: 'no', says: check.says, cites: citationText(check.citation) }],
    sections: [
      {
        title: 'What to do',
        lines: [
          'Nothing is granted or refused on this request, and the head records no decision on it.',
          `Tell the applicant that a request for ${pupil} must come from a parent ${pupil} normally lives with.`,
          'If the pupil is absent on those dates without leave, the absence is unauthorised (G for a holiday).',
        ],
      },
    ],
    citations: [citationText(check.citation)],
  };
}

/**
 * Leave of absence, one question a card: who applied, when, the dates (shown as the school sessions they
 * cover), the reason, then the exceptional tests; the conclusion comes from `decideLeaveOfAbsence`.
 */
export const leaveWalkthrough: WalkthroughDefinition = {
  kind: 'leave',
  title: 'Leave of absence',
  needsPupil: true,
  first: 'applicant',
  // A request from someone the pupil does not live with stops at the first step.
  next: (stepId, answers, context) =>
    stepId === 'applicant' && notValidApplication(answers) ? null : linearNext(ORDER)(stepId, answers, context),
  steps: [
    {
      id: 'applicant',
      title: 'Who applied',
      question: 'Who made the request, and does the pupil normally live with them?',
      fields: [
        {
          id: 'relationship',
          kind: 'choice',
          label: 'Applicant',
          choices: [
            { value: 'mother', title: 'Mother' },
            { value: 'father', title: 'Father' },
            { value: 'carer', title: 'Carer or guardian' },
            { value: 'step-parent', title: 'Step-parent' },
            { value: 'other', title: 'Someone else' },
          ],
        },
        { id: 'livesWithPupil', kind: 'choice', label: 'The pupil normally lives with them', choices: YES_NO },
      ],
    },
    {
      id: 'applied',
      title: 'When it was applied for',
      question: 'On what date did the request reach the school?',
      fields: [{ id: 'appliedOn', kind: 'date', label: 'Date applied' }],
      facts: (_answers, context) => {
        const leave = context.school.policy.leave;
        return [
          leave.noticeSchoolDays
            ? `${context.school.policy.name} asks for ${leave.noticeSchoolDays} school days’ notice.`
            : `${context.school.policy.name} asks only that leave is requested in advance.`,
        ];
      },
    },
    {
      id: 'dates',
      title: 'The dates',
      question: 'Which dates is the leave for?',
      fields: [
        { id: 'from', kind: 'date', label: 'First day' },
        {
          id: 'fromSession',
          kind: 'choice',
          label: 'Starting',
          choices: [
            { value: 'AM', title: 'In the morning' },
            { value: 'PM', title: 'In the afternoon' },
          ],
          optional: true,
        },
        { id: 'to', kind: 'date', label: 'Last day' },
        {
          id: 'toSession',
          kind: 'choice',
          label: 'Ending',
          choices: [
            { value: 'PM', title: 'At the end of the day' },
            { value: 'AM', title: 'At midday' },
          ],
          optional: true,
        },
      ],
      check: (answers, all, context) => {
        if (String(answers.to) < String(answers.from)) return 'The last day is before the first day.';
        const covered = leaveSessions(context.school.register.calendar, {
          from: String(answers.from),
          to: String(answers.to),
          fromSession: answers.fromSession === 'PM' ? 'PM' : undefined,
          toSession: answers.toSession === 'AM' ? 'AM' : undefined,
        });
        if (covered.length === 0)
          return 'Those dates cover no school sessions (the school is closed on all of them), so no leave is needed.';
        if (all.applied && String(all.applied.appliedOn) > String(answers.to))
          return 'The request is dated after the leave ends.';
        return undefined;
      },
    },
    {
      id: 'reason',
      title: 'The reason',
      question: 'What is the leave for?',
      fields: [
        {
          id: 'reason',
          kind: 'choice',
          label: 'Reason',
          choices: LEAVE_REASONS.map((r) => ({ value: r, title: REASON_TITLES[r] })),
        },
      ],
      facts: (answers, context) => coveredFacts(answers, context.school.register.calendar),
    },
    {
      id: 'circumstances',
      title: 'Is it exceptional?',
      question: 'Exceptional means rare, significant, unavoidable and short. Answer what you know.',
      fields: [
        {
          id: 'couldBeTakenInHolidays',
          kind: 'choice',
          label: 'Could it be taken in the 13 weeks of school holidays instead?',
          choices: YES_NO_UNSURE,
        },
        { id: 'recurring', kind: 'choice', label: 'Does it recur (every year or every term)?', choices: YES_NO_UNSURE },
        { id: 'evidence', kind: 'choice', label: 'Has evidence been provided?', choices: YES_NO },
      ],
      facts: (answers, context) => coveredFacts(answers, context.school.register.calendar),
    },
  ],
  conclude: (answers, context) =>
    notValidApplication(answers)
      ? invalidApplicationConclusion(answers, context)
      : leaveConclusion(leaveDecisionFor(answers, context), answers, context),
};
