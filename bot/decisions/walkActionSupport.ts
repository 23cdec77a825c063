import { z } from 'zod';
import { isIsoDate } from '../../rules/index.ts';
import { type ActionResult, type ActionTurn } from '../host/featureHost.ts';
import { type DecisionServices } from './decisionServices.ts';
import { type WalkTransition } from './walkMachine.ts';
import { currentCard, openWalk, saveWalk, type OpenWalk } from './walkSession.ts';
import { type WalkState } from './walkthrough.ts';

export const id = z.string().trim().min(1).max(80);
export const isoDate = z.string().trim().refine(isIsoDate, 'a date (YYYY-MM-DD)');
/** Every card action names its walk-through and the step the card showed; inputs are checked per step. */
export const cardRef = z.object({ walkId: id, step: z.string().trim().min(1).max(40) });

export const STALE_CARD = 'This card is out of date or was changed: start the walk-through again.';

/** Saves a walk-through after a transition, or redraws its card with the problems the transition found. */
export async function applyTransition(
  services: DecisionServices,
  walk: OpenWalk,
  transition: WalkTransition,
): Promise<{ ok: true; state: WalkState } | { ok: false; result: ActionResult }> {
  if (!transition.ok)
    return { ok: false, result: await currentCard(services, walk, walk.record.value, transition.problems) };
  return saveWalk(services, walk, transition.state);
}

/** Writes one audit entry for a walk-through, with its kind and the profile it was worked out under. */
export async function audit(
  services: DecisionServices,
  state: WalkState,
  who: string,
  at: string,
  what: string,
  detail: Record<string, string | number | boolean> = {},
) {
  await services.store.appendAudit({
    at,
    who,
    what,
    schoolUrn: state.schoolUrn,
    upn: state.pupil?.upn,
    detail: {
      walkId: state.id,
      kind: state.kind,
      profile: state.profile.id,
      profileVersion: state.profile.version,
      ...detail,
    },
  });
}

/**
 * The shared start of every card action on a walk-through: the invoke's data checked against `schema`
 * (refused with `invalid`'s wording when it does not fit), the walk-through opened with the presser's
 * access (refused when it cannot be), and only then `act`.
 */
export function onWalk<T extends { walkId: string }>(
  services: DecisionServices,
  schema: z.ZodType<T>,
  invalid: (problem: string) => string,
  act: (walk: OpenWalk, data: T, turn: ActionTurn) => Promise<ActionResult>,
) {
  return async (turn: ActionTurn): Promise<ActionResult> => {
    const parsed = schema.safeParse(turn.data);
    if (!parsed.success) return { message: invalid(parsed.error.issues[0].message) };
    const opened = await openWalk(services, turn, parsed.data.walkId);
    if (!opened.ok) return opened.result;
    return act(opened.walk, parsed.data, turn);
  };
}
