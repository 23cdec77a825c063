import {
  createEvaluationContext,
  decideSicknessReturn,
  formatShortDate,
  illnessTally,
  type IllnessTally,
  type SicknessReturnDecision,
} from '../../rules/index.ts';
import { citationText } from './citationText.ts';
import { whoActs } from './crossBorderActs.ts';
import {
  linearNext,
  type Conclusion,
  type WalkAnswers,
  type WalkContext,
  type WalkthroughDefinition,
} from './walkthrough.ts';

function tallyFor(context: WalkContext): IllnessTally {
  if (context.pupilIndex === undefined) throw new Error('the sickness-return walk-through needs a pupil');
  // Only the context (school year bounds, as-of day) is needed, not the school's findings: cheap enough for a 5-second invoke.
  const evaluation = createEvaluationContext(context.school.register, {
    asOf: context.school.asOf,
    policy: context.school.policy,
  });
  return illnessTally(evaluation, context.pupilIndex);
}

/** The pure decision for the answers given, with the returns already on record for this pupil. */
export function sicknessDecision(answers: WalkAnswers, context: WalkContext): SicknessReturnDecision {
  return decideSicknessReturn(
    {
      asOf: context.school.asOf,
      dateOfBirth: context.pupil?.dateOfBirth,
      tally: tallyFor(context),
      returnsMade: context.recorded.sicknessReturns,
      groundsToBelieve: answers.grounds.groundsToBelieve === 'yes',
      expectedReturn:
        answers.expected?.expectedReturn === undefined ? undefined : String(answers.expected.expectedReturn),
    },
    context.school.policy,
  );
}

const HEADLINES: Record<SicknessReturnDecision['outcome'], string> = {
  'not-compulsory-school-age': 'No sickness return: the pupil is not of compulsory school age.',
  'already-made': 'No new return: one was already made for this illness.',
  'return-due': 'A sickness return to the local authority is due.',
  'not-due': 'No sickness return yet.',
};

function sicknessConclusion(answers: WalkAnswers, context: WalkContext): Conclusion {
  const d = sicknessDecision(answers, context);
  // Education for a pupil too ill to attend is alternative provision: for a cross-border pupil, the Home LA's.
  const acts = d.outcome === 'return-due' ? whoActs(context, ['alternative-provision']) : undefined;
  const rule = context.school.policy.sicknessReturn;
  return {
    outcome: d.outcome,
    headline: HEADLINES[d.outcome],
    checks: [
      {
        question: `Ill on ${d.threshold} school days this school year, consecutive or cumulative?`,
        verdict: d.illnessDays >= d.threshold ? 'yes' : 'no',
        says: `${d.illnessDays} days (${rule.sessionCounts === 'half-day' ? 'each I session is half a day' : 'any day with an I session is a whole day'}); longest spell ${d.longestEpisodeDays} days over ${d.episodes} spell${d.episodes === 1 ? '' : 's'}`,
        cites: citationText(rule.citation),
      },
      {
        question: 'Reasonable grounds to believe the pupil will miss that many?',
        verdict: answers.grounds.groundsToBelieve === 'yes' ? 'yes' : 'no',
        says: answers.grounds.groundsToBelieve === 'yes' ? 'Yes, staff judge so' : 'Not on what is known',
        cites: citationText(rule.citation),
      },
      {
        question:
          rule.once === 'per-school-year'
            ? 'No return made yet this school year?'
            : 'No return made yet for this illness?',
        verdict: d.previousReturn ? 'no' : 'yes',
        says: d.previousReturn ? `Made on ${formatShortDate(d.previousReturn.sentOn)}` : 'None on record',
        cites: citationText(rule.citation),
      },
    ],
    sections: [
      { title: 'Why', lines: [...d.reasons, `Next: ${d.nextStep}`] },
      ...(d.outcome === 'return-due'
        ? [{ title: 'What the local authority needs', lines: d.notification.map((n) => `- ${n}`) }]
        : []),
      ...(acts ? [acts.section] : []),
    ],
    citations: [citationText(d.citation), ...(acts ? [acts.citation] : [])],
  };
}

/** Sickness return: the illness days counted, the staff's view of what is coming, then whether a return is due. */
export const sicknessWalkthrough: WalkthroughDefinition = {
  kind: 'sickness',
  title: 'Sickness return',
  needsPupil: true,
  first: 'grounds',
  next: linearNext(['grounds', 'expected']),
  steps: [
    {
      id: 'grounds',
      title: 'The illness so far',
      question: `Are there reasonable grounds to believe the pupil will miss this many school days in all because of illness?`,
      fields: [
        {
          id: 'groundsToBelieve',
          kind: 'choice',
          label: 'Reasonable grounds',
          choices: [
            { value: 'yes', title: 'Yes' },
            { value: 'no', title: 'No' },
          ],
        },
      ],
      facts: (_answers, context) => {
        const tally = tallyFor(context);
        const rule = context.school.policy.sicknessReturn;
        const spells = tally.episodes
          .map((e) => `${formatShortDate(e.start)} to ${formatShortDate(e.end)} (${e.days} days)`)
          .join('; ');
        const previous = context.recorded.sicknessReturns;
        return [
          `Illness (I) on ${tally.days} school days this school year to ${context.school.asOf}; a return is needed at ${rule.days}${tally.reachedOn ? `, reached on ${formatShortDate(tally.reachedOn)}` : ''}.`,
          tally.episodes.length > 0 ? `Spells: ${spells}.` : 'No illness recorded this school year.',
          previous.length > 0
            ? `Returns on record: ${previous.map((r) => `sent ${formatShortDate(r.sentOn)} for the illness from ${formatShortDate(r.returnFor)}`).join('; ')}.`
            : 'No sickness return on record for this pupil.',
        ];
      },
    },
    {
      id: 'expected',
      title: 'Expected return',
      question: 'When is the pupil expected back, if known?',
      fields: [{ id: 'expectedReturn', kind: 'date', label: 'Expected back on', optional: true }],
    },
  ],
  conclude: sicknessConclusion,
};
