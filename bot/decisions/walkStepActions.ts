import { z } from 'zod';
import { type ActionResult, type ActionTurn } from '../host/featureHost.ts';
import { CASE_NAMESPACE } from './decisionStore.ts';
import { type DecisionServices } from './decisionServices.ts';
import { decisionPupil, decisionSchool } from './decisionTargets.ts';
import { answerStep, cancelWalk, goBack } from './walkMachine.ts';
import { asResult, currentCard, penaltyCaseOf, pupilWalkRefusal, whoWhen } from './walkSession.ts';
import { startWalkthrough } from './walkStart.ts';
import { applyTransition, audit, cardRef, id, onWalk, STALE_CARD } from './walkActionSupport.ts';
import { openPenaltyCase, recordEarlierNotice } from './penaltyWalkRecords.ts';

const startData = z.object({ kind: z.enum(['leave', 'penalty', 'sickness', 'part-time']), schoolUrn: id, upn: id });

export function nextAction(services: DecisionServices) {
  return onWalk(
    services,
    cardRef,
    () => STALE_CARD,
    async (walk, ref, turn) => {
      const by = whoWhen(services, turn);
      const saved = await applyTransition(
        services,
        walk,
        answerStep(walk.definition, walk.record.value, ref.step, turn.data, walk.context, by),
      );
      if (!saved.ok) return saved.result;
      const state = saved.state;
      if (state.kind === 'penalty' && ref.step === 'history') await recordEarlierNotice(services, walk, state, by);
      if (state.status === 'concluded' && state.conclusion) {
        if (state.kind === 'penalty') await openPenaltyCase(services, walk, state, by.at, by.who);
        if (state.pupil)
          await audit(services, state, by.who, by.at, 'decision.concluded', { outcome: state.conclusion.outcome });
        services.log('decisions.concluded', {
          walk: state.id,
          kind: state.kind,
          outcome: state.conclusion.outcome,
          steps: state.history.length,
        });
      }
      return currentCard(services, walk, state);
    },
  );
}

export function backAction(services: DecisionServices) {
  return onWalk(
    services,
    cardRef,
    () => STALE_CARD,
    async (walk, ref) => {
      // Once a penalty case has moved on, its conclusion is the record of why: it cannot be re-answered.
      const penaltyCase =
        walk.record.value.kind === 'penalty' ? await penaltyCaseOf(services, walk.record.value.id) : null;
      if (penaltyCase && penaltyCase.value.steps.length > 1)
        return currentCard(services, walk, walk.record.value, [
          'The case has moved on from this conclusion, so it cannot be changed; start a new walk-through instead.',
        ]);
      const saved = await applyTransition(services, walk, goBack(walk.record.value, ref.step));
      if (!saved.ok) return saved.result;
      return currentCard(services, walk, saved.state);
    },
  );
}

export function cancelAction(services: DecisionServices) {
  return onWalk(
    services,
    cardRef,
    () => STALE_CARD,
    async (walk, _ref, turn) => {
      const by = whoWhen(services, turn);
      const saved = await applyTransition(services, walk, cancelWalk(walk.record.value, by));
      if (!saved.ok) return saved.result;
      // A case only considered goes with the walk-through that opened it; one that moved on stays on record.
      const penaltyCase = saved.state.kind === 'penalty' ? await penaltyCaseOf(services, saved.state.id) : null;
      if (penaltyCase && penaltyCase.value.steps.length === 1)
        await services.store.deleteRecord(CASE_NAMESPACE, saved.state.id);
      if (saved.state.pupil) await audit(services, saved.state, by.who, by.at, 'decision.cancelled');
      return currentCard(services, walk, saved.state);
    },
  );
}

/** Opens a walk-through from another feature's card (an alert's "Walk through it" button). */
export function startAction(services: DecisionServices) {
  return async (turn: ActionTurn): Promise<ActionResult> => {
    const parsed = startData.safeParse(turn.data);
    if (!parsed.success) return { message: STALE_CARD };
    const target = await decisionSchool(services, turn.conversation, turn.user, parsed.data.schoolUrn);
    if (!target.ok) return { message: target.reply };
    const refusal = pupilWalkRefusal(target.access, target.school);
    if (refusal) return { message: refusal };
    const pupil = decisionPupil(target.school, parsed.data.upn);
    if (!pupil.ok) return { message: pupil.reply };
    return asResult(
      await startWalkthrough(services, {
        kind: parsed.data.kind,
        school: target.school,
        pupil: pupil.pupil,
        conversation: turn.conversation,
        user: turn.user,
      }),
    );
  };
}
