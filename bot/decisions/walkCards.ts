import { conclusionCard, type ConclusionCardData } from '../../cards/decisions/conclusionCard.ts';
import { noticeCard } from '../../cards/decisions/noticeCard.ts';
import { stepCard, type StepFieldView } from '../../cards/decisions/stepCard.ts';
import { formatInstant } from '../../cards/formatInstant.ts';
import { roleName } from '../../cards/roleNames.ts';
import { formatShortDate } from '../../rules/index.ts';
import { type BotMessage } from '../host/featureHost.ts';
import { CASE_STATE_TITLES, currentState, nextCaseStates, type PenaltyCase } from './penaltyCase.ts';
import {
  CONCLUSION_STEP,
  stepOf,
  type StepField,
  type WalkContext,
  type WalkState,
  type WalkthroughDefinition,
} from './walkthrough.ts';

// Whether each test is met, not the answer to its question: "Could it be taken in the holidays?" is met by "no".
const VERDICT_MARK = { yes: 'Met:', no: 'Not met:', judge: 'To judge:', 'to-do': 'To do:' } as const;

function fieldView(field: StepField, previous: unknown): StepFieldView {
  return {
    id: field.id,
    kind: field.kind,
    label: field.label,
    required: field.optional !== true,
    value: previous === undefined ? '' : String(previous),
    choices:
      field.kind === 'choice' || field.kind === 'multi-choice'
        ? field.choices.map((c) => ({ title: c.title, value: c.value }))
        : [],
    min: field.kind === 'number' ? field.min : 0,
    max: field.kind === 'number' ? field.max : 0,
    maxLength: field.kind === 'text' ? field.maxLength : 0,
  };
}

function subtitle(definition: WalkthroughDefinition, state: WalkState, context: WalkContext): string {
  const who = state.pupil ? `${state.pupil.label} · ` : '';
  const policy =
    definition.kind === 'code'
      ? '2024 register codes'
      : `${context.school.name}, ${context.school.policy.name} (${state.profile.version}), as of ${formatShortDate(state.asOf)}`;
  return `${who}${policy}`;
}

export interface CardExtras {
  problems?: string[];
  /** The penalty case this walk-through opened, if any. */
  penaltyCase?: PenaltyCase | null;
}

/**
 * The recorded choice in words: "grant 10 sessions", a penalty case's state by its title ("Penalty notice
 * requested from the local authority"), never its id.
 */
export function decisionChoiceText(d: NonNullable<WalkState['decision']>): string {
  if (d.choice === 'timetable-recorded') return 'part-time timetable recorded';
  if (d.choice === 'grant') return `grant ${d.sessions} session${d.sessions === 1 ? '' : 's'}`;
  return CASE_STATE_TITLES[d.choice as keyof typeof CASE_STATE_TITLES] ?? d.choice.replace(/-/g, ' ');
}

function statusLine(state: WalkState): string {
  if (state.status === 'cancelled') return 'Cancelled.';
  const concluded = `Concluded by ${state.concludedByName ?? state.concludedBy}, ${formatInstant(state.concludedAt ?? '')}.`;
  if (state.status !== 'decided' || !state.decision) return `${concluded} Nothing decided yet.`;
  const d = state.decision;
  return `${concluded} Recorded: ${decisionChoiceText(d)}, by ${d.byName ?? d.by} (${roleName(d.byRole)}), ${formatInstant(d.at)}.`;
}

function conclusionView(
  definition: WalkthroughDefinition,
  state: WalkState,
  context: WalkContext,
  extras: CardExtras,
): ConclusionCardData {
  const c = state.conclusion!;
  const decided = state.status === 'decided';
  const penaltyCase = extras.penaltyCase ?? null;
  const caseNext = penaltyCase ? nextCaseStates(penaltyCase) : [];
  const draft = state.decision?.draft ?? c.draft;
  const requested = c.leaveSessions?.requested ?? 0;
  return {
    title: `${definition.title}: conclusion`,
    subtitle: subtitle(definition, state, context),
    problems: extras.problems ?? [],
    headline: c.headline,
    checks: c.checks.map((k) => ({
      verdict: VERDICT_MARK[k.verdict],
      question: k.question,
      says: k.says,
      cites: k.cites,
    })),
    sections: c.sections,
    hasDraft: draft !== undefined,
    draftTitle: draft?.title ?? '',
    draftText: draft?.text ?? '',
    citations: c.citations,
    statusLine:
      statusLine(state) +
      (penaltyCase
        ? ` Case: ${penaltyCase.steps.map((s) => `${CASE_STATE_TITLES[s.state]} ${formatShortDate(s.on)}${s.periodEnds ? ` (period to ${formatShortDate(s.periodEnds)})` : ''}`).join(' → ')}.`
        : ''),
    showDecide: state.kind === 'leave' && c.outcome !== 'not-valid-application' && !decided,
    decideDefault: c.outcome === 'grant-possible' ? 'grant' : 'refuse',
    decideSessions: c.leaveSessions?.grantable ?? 0,
    decideMaxSessions: Math.max(requested, 1),
    showCase: penaltyCase !== null && caseNext.length > 0,
    caseLine: penaltyCase ? `Case now: ${CASE_STATE_TITLES[currentState(penaltyCase)]}` : '',
    caseChoices: caseNext.map((s) => ({ title: CASE_STATE_TITLES[s], value: s })),
    caseId: penaltyCase?.id ?? '',
    showMarkSent: state.kind === 'sickness' && c.outcome === 'return-due' && !decided,
    showRecordPartTime: state.kind === 'part-time' && c.outcome !== 'not-lawful' && !decided,
    // Once a case has moved past "considered", its conclusion is the record of why and cannot be re-answered.
    canGoBack: !decided && state.history.length > 0 && (penaltyCase === null || penaltyCase.steps.length === 1),
    canCancel: !decided,
    walkId: state.id,
    step: state.step,
  };
}

/** The card for where a walk-through is now: its current step, its conclusion, or a cancelled note. */
export function walkCard(
  definition: WalkthroughDefinition,
  state: WalkState,
  context: WalkContext,
  extras: CardExtras = {},
): BotMessage {
  if (state.status === 'cancelled')
    return noticeCard({
      title: `${definition.title}: cancelled`,
      text: 'Nothing was decided. Start again with a new question when you need to.',
    });
  if (state.step === CONCLUSION_STEP && state.conclusion)
    return conclusionCard(conclusionView(definition, state, context, extras));
  const step = stepOf(definition, state.step);
  const previous = state.answers[step.id] ?? step.defaults?.(state.answers, context) ?? {};
  return stepCard({
    title: `${definition.title}: ${step.title}`,
    subtitle: `${subtitle(definition, state, context)} · step ${state.history.length + 1}`,
    facts: step.facts?.(state.answers, context) ?? [],
    problems: extras.problems ?? [],
    question: step.question,
    fields: step.fields.map((f) => fieldView(f, previous[f.id])),
    walkId: state.id,
    step: state.step,
    canGoBack: state.history.length > 0,
  });
}
