import {
  decidePenaltyNotice,
  describeCodes,
  formatShortDate,
  isCompulsorySchoolAge,
  PAST_NOTICE_OUTCOMES,
  type PastNoticeOutcome,
  type PenaltyNoticeDecision,
  type PenaltyNoticeInput,
  type PolicyProfile,
} from '../../rules/index.ts';
import { citationText } from './citationText.ts';
import { whoActs } from './crossBorderActs.ts';
import { normaliseParent } from './penaltyCase.ts';
import { penaltyReferral } from './penaltyReferral.ts';
import { penaltyThresholdFacts, unauthorisedSessionsSince, type ThresholdFacts } from './penaltyThresholdFacts.ts';
import {
  linearNext,
  type Conclusion,
  type StepAnswers,
  type WalkAnswers,
  type WalkContext,
  type WalkthroughDefinition,
} from './walkthrough.ts';

const SUPPORT_TITLES: Record<PenaltyNoticeInput['support'], string> = {
  'not-offered-yet': 'Not offered yet',
  'engaged-and-working': 'Offered, engaged with and working',
  'engaged-not-working': 'Offered and engaged with, but not working',
  'not-engaged': 'Offered but not engaged with',
  'not-appropriate': 'Not appropriate (e.g. an unauthorised term-time holiday)',
};

const OUTCOME_TITLES: Record<PastNoticeOutcome | 'withdrawn', string> = {
  issued: 'Issued, not yet paid',
  paid: 'Paid',
  unpaid: 'Unpaid (prosecution may follow)',
  withdrawn: 'Withdrawn',
};

const WITHOUT_WARNING: Record<NonNullable<ThresholdFacts['withoutWarning']> | 'none', (p: PolicyProfile) => string> = {
  'holiday-only': () => ': holiday only, so support is not appropriate',
  'leave-without-consent': (p) =>
    `: ${p.leave.penaltyWithoutWarningFromDays} or more school days of unauthorised leave, so the penalty route has no warning first`,
  none: () => '',
};

const RELATIONSHIPS = [
  { value: 'mother', title: 'Mother' },
  { value: 'father', title: 'Father' },
  { value: 'carer', title: 'Carer or guardian' },
  { value: 'step-parent', title: 'Step-parent' },
  { value: 'other', title: 'Another person with parental responsibility' },
] as const;

export interface PenaltyWorking {
  threshold: ThresholdFacts;
  decision: PenaltyNoticeDecision;
  parentKey: string;
  noticeToImprove?: { issuedOn: string; periodEnds: string; unauthorisedSessionsSince: number };
  compulsorySchoolAge: boolean;
}

/** The pure decision for the answers given, with the record's notices to this parent for this child. */
export function penaltyWorking(answers: WalkAnswers, context: WalkContext): PenaltyWorking {
  const { school, pupil } = context;
  if (!pupil || context.pupilIndex === undefined) throw new Error('the penalty walk-through needs a pupil');
  const parentKey = normaliseParent(String(answers.parent.parentName));
  const threshold = penaltyThresholdFacts(
    school,
    context.pupilIndex,
    context.recorded.reliedOn.filter((r) => r.parentKey === parentKey),
  );
  const support = answers.support.support as PenaltyNoticeInput['support'];
  const nti =
    answers.nti?.ntiIssued === 'yes'
      ? {
          issuedOn: String(answers.nti.ntiIssuedOn),
          periodEnds: String(answers.nti.ntiPeriodEnds),
          unauthorisedSessionsSince: unauthorisedSessionsSince(
            school,
            context.pupilIndex,
            String(answers.nti.ntiIssuedOn),
          ),
        }
      : undefined;
  const decision = decidePenaltyNotice(
    {
      on: school.asOf,
      dateOfBirth: pupil.dateOfBirth,
      thresholdMet: threshold.met,
      sessionsAlreadyPenalised: threshold.alreadyPenalised,
      holidayOnly: threshold.holidayOnly,
      support,
      previousNotices: context.recorded.previousNotices.filter((n) => n.parentKey === parentKey).map((n) => n.notice),
      noticeToImprove: nti,
    },
    school.policy,
  );
  return {
    threshold,
    decision,
    parentKey,
    noticeToImprove: nti,
    compulsorySchoolAge: isCompulsorySchoolAge(pupil.dateOfBirth, school.asOf),
  };
}

const NTI_OUTCOMES: ReadonlySet<PenaltyNoticeDecision['outcome']> = new Set([
  'notice-to-improve-first',
  'improvement-period-running',
]);

const HEADLINES: Record<PenaltyNoticeDecision['outcome'], (d: PenaltyNoticeDecision) => string> = {
  'threshold-not-met': () => 'No penalty notice: the threshold is not met.',
  'not-compulsory-school-age': () => 'No penalty notice: the pupil is not of compulsory school age.',
  'offer-support-first': () => 'Not yet: offer support first.',
  'notice-to-improve-first': (d) => `Issue a notice to improve first (improvement period ${d.improvementPeriod}).`,
  'improvement-period-running': () => 'Not yet: the improvement period is still running.',
  'issue-penalty-notice': (d) =>
    d.noticeNumber === 1
      ? `A penalty notice can be requested: £${d.amount?.full}, or £${d.amount?.reduced} if paid within ${d.amount?.reducedWithinDays} days.`
      : `A second penalty notice can be requested: £${d.amount?.full} flat, no reduced rate.`,
  'no-further-notice': () => 'No further notice: consider prosecution or other measures.',
};

function penaltyConclusion(answers: WalkAnswers, context: WalkContext): Conclusion {
  const working = penaltyWorking(answers, context);
  const { decision, threshold } = working;
  const policy = context.school.policy;
  const yes = (b: boolean) => (b ? 'yes' : 'no') as 'yes' | 'no';
  // A cross-border pupil's notice and any prosecution are the School LA's, the Home LA told of a prosecution.
  const acts =
    decision.outcome === 'not-compulsory-school-age' ? undefined : whoActs(context, ['penalty-notice', 'prosecution']);
  return {
    outcome: decision.outcome,
    headline: HEADLINES[decision.outcome](decision),
    checks: [
      {
        question: 'Is the pupil of compulsory school age?',
        verdict: yes(working.compulsorySchoolAge),
        says: working.compulsorySchoolAge ? 'Yes' : 'No: penalty notices apply only to pupils of compulsory school age',
        cites: citationText(policy.penaltyNotice.citation),
      },
      {
        question: `Has the pupil reached ${policy.penaltyThreshold.sessions} unauthorised sessions in ${policy.penaltyThreshold.schoolWeeks} school weeks?`,
        verdict: yes(threshold.met),
        says: threshold.met
          ? `${threshold.count} sessions (${describeCodes(threshold.byCode)})${WITHOUT_WARNING[threshold.withoutWarning ?? 'none'](policy)}`
          : 'Not at the school’s as-of date',
        cites: citationText(policy.penaltyThreshold.citation),
      },
      {
        question: 'Support offered and engaged with?',
        verdict: 'judge',
        says: SUPPORT_TITLES[answers.support.support as PenaltyNoticeInput['support']],
        cites: citationText(policy.noticeToImprove.citation),
      },
      {
        question: `Under the limit of ${policy.penaltyNotice.maxNoticesInPeriod} notices to this parent for this child in ${policy.penaltyNotice.periodYears} years (from the record)?`,
        verdict: decision.countedNotices.length >= policy.penaltyNotice.maxNoticesInPeriod ? 'no' : 'yes',
        says:
          decision.countedNotices.length === 0
            ? 'None on record'
            : `${decision.countedNotices.length}: ${decision.countedNotices.map((n) => `issued ${formatShortDate(n.issuedOn)} (${n.status})`).join('; ')}`,
        cites: citationText(policy.penaltyNotice.citation),
      },
    ],
    sections: [
      { title: 'Why', lines: [...decision.reasons, `Next: ${decision.nextStep}`] },
      // What a notice to improve must contain matters only where one is the next step or is running.
      ...(NTI_OUTCOMES.has(decision.outcome)
        ? [
            {
              title: `Notice to improve: improvement period ${decision.improvementPeriod}; it must contain`,
              lines: decision.mustInclude.map((m) => `- ${m}`),
            },
          ]
        : []),
      ...(acts ? [acts.section] : []),
    ],
    // Nothing goes to the local authority for a pupil no notice can apply to.
    draft:
      context.pupil && decision.outcome !== 'not-compulsory-school-age'
        ? penaltyReferral({
            schoolName: context.school.name,
            schoolUrn: context.school.urn,
            localAuthority: context.school.localAuthority,
            pupil: context.pupil,
            parentName: String(answers.parent.parentName),
            parentRelationship: String(answers.parent.relationship),
            support: SUPPORT_TITLES[answers.support.support as PenaltyNoticeInput['support']],
            noticeToImprove: working.noticeToImprove,
            threshold,
            decision,
          })
        : undefined,
    citations: [...decision.citations.map(citationText), ...(acts ? [acts.citation] : [])],
  };
}

/** Penalty notice or notice to improve: the parent, the support, any notice to improve, then the conclusion. */
export const penaltyWalkthrough: WalkthroughDefinition = {
  kind: 'penalty',
  title: 'Penalty notice or notice to improve',
  needsPupil: true,
  first: 'parent',
  // A notice to improve only comes into it where support was offered and has not worked.
  next: linearNext(
    ['parent', 'history', 'support', 'nti'],
    (step, answers) =>
      step === 'nti' && !['engaged-not-working', 'not-engaged'].includes(String(answers.support?.support)),
  ),
  steps: [
    {
      id: 'parent',
      title: 'Which parent',
      question: 'Notices go per parent, per child. Which parent is this about?',
      fields: [
        { id: 'parentName', kind: 'text', label: 'Parent’s name', maxLength: 80 },
        { id: 'relationship', kind: 'choice', label: 'Relationship', choices: RELATIONSHIPS },
      ],
      facts: (_answers, context) => {
        if (context.pupilIndex === undefined || !context.pupil) return [];
        const t = penaltyThresholdFacts(context.school, context.pupilIndex);
        const csa = isCompulsorySchoolAge(context.pupil.dateOfBirth, context.school.asOf);
        return [
          t.met
            ? `${t.count} unauthorised sessions (${describeCodes(t.byCode)}) in the last ${context.school.policy.penaltyThreshold.schoolWeeks} school weeks to ${formatShortDate(context.school.asOf)}.`
            : `Below the threshold of ${context.school.policy.penaltyThreshold.sessions} unauthorised sessions at ${formatShortDate(context.school.asOf)}.`,
          csa ? 'Of compulsory school age.' : 'Not of compulsory school age: no penalty notice can be issued.',
        ];
      },
    },
    {
      id: 'history',
      title: 'Earlier notices',
      question:
        'Has this parent had a penalty notice for this child that is not on record below? Give its real date to record it; leave blank if not.',
      fields: [
        { id: 'earlierIssuedOn', kind: 'date', label: 'Issued on', optional: true },
        { id: 'earlierAmount', kind: 'number', label: 'Amount (£)', min: 1, max: 2500, optional: true },
        {
          id: 'earlierOutcome',
          kind: 'choice',
          label: 'What happened',
          choices: PAST_NOTICE_OUTCOMES.map((value) => ({ value, title: OUTCOME_TITLES[value] })),
          optional: true,
        },
      ],
      facts: (answers, context) => {
        const parentKey = normaliseParent(String(answers.parent?.parentName ?? ''));
        const onRecord = context.recorded.previousNotices.filter((n) => n.parentKey === parentKey);
        const past = context.recorded.pastNotices.filter((n) => n.parentKey === parentKey);
        if (onRecord.length === 0) return ['No penalty notice to this parent for this child is on record.'];
        return [
          `On record for this parent and child: ${onRecord.map((n) => `issued ${formatShortDate(n.notice.issuedOn)} (${OUTCOME_TITLES[n.notice.status].toLowerCase()})`).join('; ')}.`,
          ...past.map(
            (n) =>
              `${formatShortDate(n.issuedOn)}, £${n.amount}: recorded by ${n.recordedBy}; sessions up to that day are not counted towards a new notice.`,
          ),
        ];
      },
      check: (answers, _all, context) => {
        const given = ['earlierIssuedOn', 'earlierAmount', 'earlierOutcome'].filter((f) => answers[f] !== undefined);
        if (given.length === 0) return undefined;
        if (given.length < 3)
          return 'To record an earlier notice give its date, its amount and what happened; or leave all three blank.';
        if (String(answers.earlierIssuedOn) > context.school.asOf)
          return `A notice recorded here was issued on or before ${formatShortDate(context.school.asOf)}.`;
        return undefined;
      },
    },
    {
      id: 'support',
      title: 'Support',
      question: 'Was support offered, and has the family engaged with it?',
      fields: [
        {
          id: 'support',
          kind: 'choice',
          label: 'Support',
          choices: Object.entries(SUPPORT_TITLES).map(([value, title]) => ({ value, title })),
        },
      ],
    },
    {
      id: 'nti',
      title: 'Notice to improve',
      question: 'Has this parent already had a notice to improve for this absence?',
      fields: [
        {
          id: 'ntiIssued',
          kind: 'choice',
          label: 'Notice to improve issued',
          choices: [
            { value: 'yes', title: 'Yes' },
            { value: 'no', title: 'No' },
          ],
        },
        { id: 'ntiIssuedOn', kind: 'date', label: 'Issued on', optional: true },
        { id: 'ntiPeriodEnds', kind: 'date', label: 'Improvement period ends', optional: true },
      ],
      defaults: (answers, context): StepAnswers => {
        const recorded = context.recorded.noticesToImprove.find(
          (n) => n.parentKey === normaliseParent(String(answers.parent?.parentName ?? '')),
        );
        return recorded ? { ntiIssued: 'yes', ntiIssuedOn: recorded.issuedOn, ntiPeriodEnds: recorded.periodEnds } : {};
      },
      facts: (answers, context) => {
        const p = context.school.policy.noticeToImprove.period;
        const recorded = context.recorded.noticesToImprove.find(
          (n) => n.parentKey === normaliseParent(String(answers.parent?.parentName ?? '')),
        );
        return [
          `${context.school.policy.name}: improvement period of ${p.min === p.max ? p.min : `${p.min}-${p.max}`} ${p.unit === 'weeks' ? 'weeks' : 'school days'}.`,
          recorded
            ? `On record: a notice to improve to this parent issued ${formatShortDate(recorded.issuedOn)}, improvement period to ${formatShortDate(recorded.periodEnds)}. Unauthorised sessions since then are counted from the register.`
            : 'No notice to improve to this parent is on record; unauthorised sessions since one are counted from the register.',
        ];
      },
      check: (answers) => {
        if (answers.ntiIssued !== 'yes') return undefined;
        if (answers.ntiIssuedOn === undefined || answers.ntiPeriodEnds === undefined)
          return 'Give the day the notice to improve was issued and the day its improvement period ends.';
        return String(answers.ntiPeriodEnds) > String(answers.ntiIssuedOn)
          ? undefined
          : 'The improvement period must end after the notice was issued.';
      },
    },
  ],
  conclude: penaltyConclusion,
};
