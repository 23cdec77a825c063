import { parseStepAnswers } from './stepAnswerSchema.ts';
import {
  CONCLUSION_STEP,
  stepOf,
  type WalkAnswers,
  type WalkContext,
  type WalkState,
  type WalkthroughDefinition,
} from './walkthrough.ts';

export type WalkTransition = { ok: true; state: WalkState } | { ok: false; problems: string[] };

export interface WhoWhen {
  who: string;
  /** The display name Teams gave, for the record's "decided by"; never logged. */
  name?: string;
  at: string;
}

/** A new walk-through on its first step (or on a later one when a question already answered the first). */
export function startWalk(
  definition: WalkthroughDefinition,
  init: Omit<WalkState, 'kind' | 'step' | 'history' | 'answers' | 'status'>,
  prefilled?: { answers: WalkAnswers; history: string[]; step: string },
): WalkState {
  return {
    ...init,
    kind: definition.kind,
    step: prefilled?.step ?? definition.first,
    history: prefilled?.history ?? [],
    answers: prefilled?.answers ?? {},
    status: 'open',
  };
}

/** The answers of the steps actually taken: a branch left by going Back must not feed the conclusion. */
function answersOnPath(state: WalkState, extraStep: string, extra: WalkAnswers[string]): WalkAnswers {
  const kept: WalkAnswers = {};
  for (const id of state.history) if (state.answers[id]) kept[id] = state.answers[id];
  kept[extraStep] = extra;
  return kept;
}

/**
 * Applies the answers to the step on show and moves on: to the next step, or to the conclusion when none
 * is left, which is worked out there and then and kept with the record. `cardStep` is the step the card
 * that was pressed showed; if the walk has moved on since (someone else answered), nothing changes.
 */
export function answerStep(
  definition: WalkthroughDefinition,
  state: WalkState,
  cardStep: string,
  data: Record<string, unknown>,
  context: WalkContext,
  by: WhoWhen,
): WalkTransition {
  if (state.status !== 'open') return { ok: false, problems: [`This walk-through is already ${state.status}.`] };
  if (state.step !== cardStep || state.step === CONCLUSION_STEP)
    return {
      ok: false,
      problems: ['Someone has already answered this step; the card now shows where the walk-through is.'],
    };
  const step = stepOf(definition, state.step);
  const parsed = parseStepAnswers(step.fields, data);
  if (!parsed.ok) return parsed;
  const problem = step.check?.(parsed.answers, state.answers, context);
  if (problem) return { ok: false, problems: [problem] };
  const answers = answersOnPath(state, step.id, parsed.answers);
  const history = [...state.history, step.id];
  const next = definition.next(step.id, answers, context);
  if (next !== null)
    return {
      ok: true,
      state: { ...state, answers: { ...state.answers, [step.id]: parsed.answers }, history, step: next },
    };
  return {
    ok: true,
    state: {
      ...state,
      answers,
      history,
      step: CONCLUSION_STEP,
      status: 'concluded',
      conclusion: definition.conclude(answers, context),
      concludedBy: by.who,
      concludedByName: by.name,
      concludedAt: by.at,
    },
  };
}

/** Back to the step before; from the conclusion this reopens the walk-through. A recorded decision stays. */
export function goBack(state: WalkState, cardStep: string): WalkTransition {
  if (state.status === 'decided' || state.status === 'cancelled')
    return { ok: false, problems: [`This walk-through is already ${state.status}.`] };
  if (state.step !== cardStep)
    return { ok: false, problems: ['Someone has already moved this walk-through on; the card now shows where it is.'] };
  if (state.history.length === 0) return { ok: false, problems: ['This is the first step.'] };
  const history = state.history.slice(0, -1);
  const step = state.history[state.history.length - 1];
  const { conclusion: _c, concludedBy: _b, concludedByName: _n, concludedAt: _a, ...rest } = state;
  return { ok: true, state: { ...rest, history, step, status: 'open' } };
}

export function cancelWalk(state: WalkState, by: WhoWhen): WalkTransition {
  if (state.status === 'decided' || state.status === 'cancelled')
    return { ok: false, problems: [`This walk-through is already ${state.status}.`] };
  return { ok: true, state: { ...state, status: 'cancelled', cancelledBy: by.who } };
}

/** The final choice (grant or refuse and how many sessions, a case state, a return sent) with who and when. */
export function recordDecision(
  state: WalkState,
  decision: { choice: string; sessions?: number; note?: string; draft?: { title: string; text: string } },
  by: WhoWhen & { role: string },
): WalkTransition {
  if (state.status !== 'concluded')
    return {
      ok: false,
      problems: [
        state.status === 'decided'
          ? 'A decision is already recorded for this walk-through.'
          : 'Finish the walk-through before recording a decision.',
      ],
    };
  return {
    ok: true,
    state: {
      ...state,
      status: 'decided',
      decision: { ...decision, by: by.who, byName: by.name, byRole: by.role, at: by.at },
    },
  };
}
