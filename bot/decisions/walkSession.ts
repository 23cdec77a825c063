import { VersionConflictError, type VersionedRecord } from '../../adapters/store/stateStore.ts';
import { userKey } from '../access/access.ts';
import { type ActionResult, type ActionTurn, type BotMessage } from '../host/featureHost.ts';
import { type SchoolData } from '../schools/schoolData.ts';
import { CASE_NAMESPACE, loadWalk, recordedFacts, WALK_NAMESPACE } from './decisionStore.ts';
import { PUPIL_WALK_ROLES, type DecisionServices } from './decisionServices.ts';
import { decisionSchool } from './decisionTargets.ts';
import { type PenaltyCase } from './penaltyCase.ts';
import { walkCard } from './walkCards.ts';
import { WALKTHROUGHS } from './walkDefinitions.ts';
import { type WhoWhen } from './walkMachine.ts';
import { type WalkContext, type WalkState, type WalkthroughDefinition } from './walkthrough.ts';
import { type Access } from '../access/access.ts';

/** A walk-through loaded for an action: its record, definition, school, what the presser may do, the context. */
export interface OpenWalk {
  record: VersionedRecord<WalkState>;
  definition: WalkthroughDefinition;
  school: SchoolData;
  access: Access;
  context: WalkContext;
}

export function whoWhen(services: DecisionServices, turn: Pick<ActionTurn, 'user'>): WhoWhen {
  return { who: userKey(turn.user), name: turn.user.name, at: services.now().toISOString() };
}

/** A card result, or the message as a toast when there is no card to show. */
export function asResult(message: BotMessage): ActionResult {
  return message.card ? { card: message.card, text: message.text } : { message: message.text };
}

/** Why someone may not open or press a walk-through about a pupil here; undefined when they may. */
export function pupilWalkRefusal(access: Access, school: SchoolData): string | undefined {
  if (!access.role || !PUPIL_WALK_ROLES.has(access.role))
    return `Decision walk-throughs about pupils are for the head, attendance and safeguarding leads and LA officers at ${school.name}.`;
  // Leave reasons, illness and family circumstances are detail a limited conversation must not show.
  if (access.privacy !== 'full')
    return 'Decision walk-throughs hold family and medical detail: start them in a personal chat with me, or in the school’s safeguarding channel.';
  return undefined;
}

/** The context a step or conclusion reads: the school, the pupil's register row and the record's facts. */
export async function walkContext(
  services: DecisionServices,
  school: SchoolData,
  state: Pick<WalkState, 'id' | 'pupil'>,
): Promise<WalkContext> {
  const index = state.pupil ? school.register.pupils.findIndex((p) => p.upn === state.pupil!.upn) : -1;
  return {
    school,
    pupil: index >= 0 ? school.register.pupils[index] : undefined,
    pupilIndex: index >= 0 ? index : undefined,
    recorded: await recordedFacts(services.store, school.urn, state.pupil?.upn, state.id),
    today: services.today(school),
  };
}

/** Loads the walk-through a card belongs to and checks the presser may act on it, on every press. */
export async function openWalk(
  services: DecisionServices,
  turn: ActionTurn,
  walkId: string,
): Promise<{ ok: true; walk: OpenWalk } | { ok: false; result: ActionResult }> {
  const record = await loadWalk(services.store, walkId);
  if (!record)
    return { ok: false, result: { message: 'I have no record of this walk-through any more: start it again.' } };
  const target = await decisionSchool(services, turn.conversation, turn.user, record.value.schoolUrn);
  if (!target.ok) return { ok: false, result: { message: target.reply } };
  const definition = WALKTHROUGHS[record.value.kind];
  if (record.value.pupil || definition.needsPupil) {
    const refusal = pupilWalkRefusal(target.access, target.school);
    if (refusal) return { ok: false, result: { message: refusal } };
  }
  return {
    ok: true,
    walk: {
      record,
      definition,
      school: target.school,
      access: target.access,
      context: await walkContext(services, target.school, record.value),
    },
  };
}

export async function penaltyCaseOf(
  services: DecisionServices,
  walkId: string,
): Promise<VersionedRecord<PenaltyCase> | null> {
  return services.store.getRecord<PenaltyCase>(CASE_NAMESPACE, walkId);
}

/** The card for a walk-through as it stands, with its penalty case when it opened one. */
export async function currentCard(
  services: DecisionServices,
  walk: Pick<OpenWalk, 'definition' | 'context'>,
  state: WalkState,
  problems?: string[],
): Promise<ActionResult> {
  const penaltyCase = state.kind === 'penalty' ? ((await penaltyCaseOf(services, state.id))?.value ?? null) : null;
  return asResult(walkCard(walk.definition, state, walk.context, { problems, penaltyCase }));
}

/**
 * Writes the walk-through's next state if nobody else wrote it since it was read. On a clash the other
 * press wins and this one gets the card as it now stands, so two people pressing at once cannot leave a
 * state neither of them saw.
 */
export async function saveWalk(
  services: DecisionServices,
  walk: OpenWalk,
  next: WalkState,
): Promise<{ ok: true; state: WalkState } | { ok: false; result: ActionResult }> {
  try {
    const saved = await services.store.putRecord(WALK_NAMESPACE, next.id, next, walk.record.version);
    return { ok: true, state: saved.value };
  } catch (err) {
    if (!(err instanceof VersionConflictError)) throw err;
    const latest = await loadWalk(services.store, next.id);
    if (!latest) return { ok: false, result: { message: 'This walk-through was removed while you answered.' } };
    return {
      ok: false,
      result: await currentCard(services, walk, latest.value, [
        'Someone else answered this card at the same moment; this is where the walk-through is now.',
      ]),
    };
  }
}
