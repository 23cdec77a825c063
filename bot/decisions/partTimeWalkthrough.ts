import {
  decidePartTimeTimetable,
  effectiveEnd,
  formatLongDate,
  isInPlaceOn,
  type PartTimeDecision,
  type PartTimeProposal,
  type PartTimeReason,
  type WeeklySession,
  weeklySessionWords,
} from '../../rules/index.ts';
import { citationText } from './citationText.ts';
import {
  linearNext,
  type Conclusion,
  type StepAnswers,
  type WalkAnswers,
  type WalkContext,
  type WalkthroughDefinition,
} from './walkthrough.ts';

const WEEKDAYS = ['Monday', 'Tuesday', 'Wednesday', 'Thursday', 'Friday'] as const;

/** The ten weekly sessions as check boxes: "1-AM" is Monday morning. */
const SESSION_CHOICES = WEEKDAYS.flatMap((_day, i) =>
  (['AM', 'PM'] as const).map((half) => {
    const session: WeeklySession = { weekday: (i + 1) as WeeklySession['weekday'], half };
    return { value: `${i + 1}-${half}`, title: weeklySessionWords(session) };
  }),
);

function sessionsFrom(answer: string | number | undefined): WeeklySession[] {
  if (answer === undefined) return [];
  return String(answer)
    .split(',')
    .map((v) => {
      const [day, half] = v.split('-');
      return { weekday: Number(day) as WeeklySession['weekday'], half: half as WeeklySession['half'] };
    });
}

/** The bot's day at the school: what "today" means in the checks and wording below. */
const todayOf = (context: WalkContext) => context.today ?? context.school.asOf;

const text = (answers: StepAnswers | undefined, id: string) =>
  answers?.[id] === undefined ? undefined : String(answers[id]);

/** Whether the pupil's record asks for the social worker step (a looked-after child always has one). */
export function hasSocialWorker(context: WalkContext): boolean {
  return Boolean(context.pupil?.socialWorker || context.pupil?.lookedAfter);
}

/** The proposal as the answers give it; the agreement of a parent the pupil does not live with is left out. */
export function partTimeProposalFrom(answers: WalkAnswers, context: WalkContext): PartTimeProposal {
  const parentLivesWith = answers.parent?.parentAgreed === 'lives-with';
  return {
    reason: String(answers.reason.reason) as PartTimeReason,
    start: String(answers.dates.start),
    proposedEnd: String(answers.dates.proposedEnd),
    sessionsOff: sessionsFrom(answers.sessions?.sessionsOff),
    plan: text(answers.plan, 'plan'),
    schoolAgreedOn: answers.school?.schoolAgreed === 'yes' ? text(answers.school, 'schoolAgreedOn') : undefined,
    parentAgreedOn: parentLivesWith ? text(answers.parent, 'parentAgreedOn') : undefined,
    nextReview: text(answers.review, 'nextReview'),
    socialWorkerToldOn: hasSocialWorker(context) ? text(answers.socialWorker, 'socialWorkerToldOn') : undefined,
    localAuthorityToldOn: context.pupil?.sen === 'ehcp' ? text(answers.la, 'localAuthorityToldOn') : undefined,
  };
}

/** The pure decision (reg 11(6) and the guidance) on the answers given. */
export function partTimeDecisionFor(answers: WalkAnswers, context: WalkContext): PartTimeDecision {
  if (!context.pupil) throw new Error('the part-time timetable walk-through needs a pupil');
  return decidePartTimeTimetable(context.pupil, partTimeProposalFrom(answers, context), context.school.policy);
}

const HEADLINES: Record<PartTimeDecision['outcome'], string> = {
  record: 'Lawful: the part-time timetable can be recorded and used.',
  'record-with-actions': 'Lawful, with things still to do: the timetable can be recorded and used.',
  'not-lawful': 'Not lawful: do not use this timetable or record C2 for it.',
};

function partTimeConclusion(answers: WalkAnswers, context: WalkContext): Conclusion {
  const d = partTimeDecisionFor(answers, context);
  const proposal = partTimeProposalFrom(answers, context);
  const today = todayOf(context);
  const sections: Conclusion['sections'] = [];
  if (d.actions.length > 0)
    sections.push({
      title: d.outcome === 'not-lawful' ? 'What is missing' : 'Still to do',
      lines: d.actions.map((a) => `- ${a}`),
    });
  if (answers.parent?.parentAgreed === 'other-parent')
    sections.push({
      title: 'The parent who agreed',
      lines: [
        'A parent the pupil does not normally live with cannot agree a part-time timetable: their agreement does not count. Ask the parent the pupil lives with.',
      ],
    });
  sections.push({
    title: 'The timetable',
    lines: [
      `From ${formatLongDate(proposal.start)} to ${formatLongDate(proposal.proposedEnd)}.`,
      `Out of school each week (recorded C2): ${proposal.sessionsOff.map(weeklySessionWords).join(', ')}.`,
    ],
  });
  if (d.outcome !== 'not-lawful' && proposal.proposedEnd < today)
    sections.push({
      title: 'End date passed',
      lines: [
        `The proposed end date, ${formatLongDate(proposal.proposedEnd)}, is before today (${formatLongDate(today)}): once recorded it shows as past its end date until the pupil is back full time or a review extends it.`,
      ],
    });
  const citations = [...new Set(d.checks.map((c) => citationText(c.citation)))];
  return {
    outcome: d.outcome,
    headline: HEADLINES[d.outcome],
    checks: d.checks.map((c) => ({
      question: c.question,
      verdict: c.verdict,
      says: c.says,
      cites: citationText(c.citation),
    })),
    sections,
    citations,
  };
}

const yesNo = (yes: string, no: string) => [
  { value: 'yes', title: yes },
  { value: 'no', title: no },
];

/**
 * Recording a part-time timetable: why, the dates, the sessions off, the plan, both agreements, the first
 * review, and (only for a pupil who has one) the social worker told and (only with an EHC plan) the local
 * authority consulted; then whether it is lawful under reg 11(6) and the guidance, and "Record".
 */
export const partTimeWalkthrough: WalkthroughDefinition = {
  kind: 'part-time',
  title: 'Part-time timetable',
  needsPupil: true,
  first: 'reason',
  next: linearNext(
    ['reason', 'dates', 'sessions', 'plan', 'school', 'parent', 'review', 'socialWorker', 'la'],
    (step, _answers, context) =>
      (step === 'socialWorker' && !hasSocialWorker(context)) || (step === 'la' && context.pupil?.sen !== 'ehcp'),
  ),
  steps: [
    {
      id: 'reason',
      title: 'Why',
      question: 'Why is a part-time timetable proposed?',
      fields: [
        {
          id: 'reason',
          kind: 'choice',
          label: 'Reason',
          choices: [
            { value: 'medical', title: 'A medical condition prevents full-time attendance' },
            { value: 'reintegration', title: 'Part of a reintegration plan' },
            { value: 'other-exceptional', title: 'Other exceptional circumstances, in the pupil’s interest' },
            { value: 'behaviour', title: 'To manage the pupil’s behaviour' },
          ],
        },
      ],
      facts: (_answers, context) => {
        const upn = context.pupil?.upn;
        const own = (context.school.register.partTimeTimetables ?? []).filter((t) => t.upn === upn);
        if (own.length === 0) return ['No part-time timetable is on record for this pupil.'];
        return own.map(
          (t) =>
            `On record: from ${formatLongDate(t.start)}, ending ${formatLongDate(effectiveEnd(t))}${isInPlaceOn(t, todayOf(context)) ? ' (in place)' : t.endedOn ? `, ended ${formatLongDate(t.endedOn)}` : ''}.`,
        );
      },
    },
    {
      id: 'dates',
      title: 'The dates',
      question: 'When does it start, and when is the pupil proposed to be back full time?',
      fields: [
        { id: 'start', kind: 'date', label: 'Starts on' },
        { id: 'proposedEnd', kind: 'date', label: 'Proposed end date' },
      ],
      check: (a) =>
        String(a.proposedEnd) < String(a.start) ? 'The proposed end date must be on or after the start.' : undefined,
    },
    {
      id: 'sessions',
      title: 'The sessions off',
      question: 'Which sessions each week is the pupil not in school?',
      fields: [{ id: 'sessionsOff', kind: 'multi-choice', label: 'Sessions off each week', choices: SESSION_CHOICES }],
    },
    {
      id: 'plan',
      title: 'The plan',
      question:
        'Which wider support, health-care or reintegration plan does it belong to? Leave blank if there is none yet.',
      fields: [{ id: 'plan', kind: 'text', label: 'The plan', maxLength: 200, optional: true }],
    },
    {
      id: 'school',
      title: 'The school’s agreement',
      question: 'Has the school agreed the times and dates, and when?',
      fields: [
        { id: 'schoolAgreed', kind: 'choice', label: 'School agreed', choices: yesNo('Yes', 'Not yet') },
        { id: 'schoolAgreedOn', kind: 'date', label: 'Agreed on', optional: true },
      ],
      check: (a, _all, context) => agreementProblem(a.schoolAgreed === 'yes', a.schoolAgreedOn, context),
    },
    {
      id: 'parent',
      title: 'The parent’s agreement',
      question: 'Has a parent the pupil normally lives with agreed, and when?',
      fields: [
        {
          id: 'parentAgreed',
          kind: 'choice',
          label: 'Parent’s agreement',
          choices: [
            { value: 'lives-with', title: 'Yes, a parent the pupil normally lives with' },
            { value: 'other-parent', title: 'Only a parent the pupil does not live with' },
            { value: 'no', title: 'Not yet' },
          ],
        },
        { id: 'parentAgreedOn', kind: 'date', label: 'Agreed on', optional: true },
      ],
      facts: () => [
        'Only a parent the pupil normally lives with can agree a part-time timetable; a parent the pupil does not live with cannot, and their agreement does not make it lawful.',
      ],
      check: (a, _all, context) => agreementProblem(a.parentAgreed === 'lives-with', a.parentAgreedOn, context),
    },
    {
      id: 'review',
      title: 'The first review',
      question: 'When is it next reviewed with the pupil and their parents? Leave blank if no date is set yet.',
      fields: [{ id: 'nextReview', kind: 'date', label: 'Next review on', optional: true }],
      check: (a, all, context) => {
        if (a.nextReview === undefined) return undefined;
        const on = String(a.nextReview);
        if (on < todayOf(context))
          return `A review date before today (${formatLongDate(todayOf(context))}) is already overdue: give the date it will be held.`;
        if (on < String(all.dates.start)) return 'The review date must be on or after the start.';
        return undefined;
      },
    },
    {
      id: 'socialWorker',
      title: 'The social worker',
      question: 'The pupil has a social worker. When were they told and involved? Leave blank if not yet.',
      fields: [{ id: 'socialWorkerToldOn', kind: 'date', label: 'Social worker told on', optional: true }],
      check: (a, _all, context) => notAfterToday(a.socialWorkerToldOn, context),
    },
    {
      id: 'la',
      title: 'The local authority',
      question:
        'The pupil has an EHC plan. When was the timetable discussed with the local authority? Leave blank if not yet.',
      fields: [
        { id: 'localAuthorityToldOn', kind: 'date', label: 'Discussed with the local authority on', optional: true },
      ],
      check: (a, _all, context) => notAfterToday(a.localAuthorityToldOn, context),
    },
  ],
  conclude: partTimeConclusion,
};

function notAfterToday(on: string | number | undefined, context: WalkContext): string | undefined {
  return on !== undefined && String(on) > todayOf(context)
    ? `That date is after today (${formatLongDate(todayOf(context))}): record it once it has happened.`
    : undefined;
}

function agreementProblem(agreed: boolean, on: string | number | undefined, context: WalkContext): string | undefined {
  if (agreed && on === undefined) return 'Give the date it was agreed.';
  return agreed ? notAfterToday(on, context) : undefined;
}
