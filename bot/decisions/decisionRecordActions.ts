import { z } from 'zod';
import { VersionConflictError } from '../../adapters/store/stateStore.ts';
import { CASE_NAMESPACE, RETURN_NAMESPACE, returnId, type SicknessReturnRecord } from './decisionStore.ts';
import { CASE_ROLES, LEAVE_DECISION_ROLES, RETURN_ROLES, type DecisionServices } from './decisionServices.ts';
import { leaveLetter } from './leaveLetter.ts';
import { leaveDecisionFor, leaveRequestFrom } from './leaveWalkthrough.ts';
import { advanceCase, CASE_STATES } from './penaltyCase.ts';
import { sicknessDecision } from './sicknessWalkthrough.ts';
import { recordDecision } from './walkMachine.ts';
import { currentCard, penaltyCaseOf, whoWhen } from './walkSession.ts';
import { applyTransition, audit, cardRef, id, isoDate, onWalk, STALE_CARD } from './walkActionSupport.ts';

const decideData = cardRef.extend({
  choice: z.enum(['grant', 'refuse']),
  sessions: z.preprocess(
    (v) => (v === '' || v === undefined ? undefined : v),
    z.coerce.number().int().min(0).max(400).optional(),
  ),
  draft: z.string().max(8000).optional(),
});
const caseData = z.object({
  walkId: id,
  caseId: id,
  state: z.enum(CASE_STATES),
  on: isoDate,
  periodEnds: z.preprocess((v) => (v === '' ? undefined : v), isoDate.optional()),
});

/** The head's grant or refusal of leave, with the sessions granted; only the head may record it. */
export function decideAction(services: DecisionServices) {
  return onWalk(
    services,
    decideData,
    (problem) => `The decision needs grant or refuse, and a whole number of sessions: ${problem}`,
    async (walk, data, turn) => {
      const state = walk.record.value;
      if (state.kind !== 'leave') return { message: STALE_CARD };
      if (!walk.access.role || !LEAVE_DECISION_ROLES.has(walk.access.role))
        return {
          message: `Only the head can record the decision on leave at ${walk.school.name}; the conclusion is there for them to read.`,
        };
      if (state.status !== 'concluded' || !state.conclusion)
        return currentCard(services, walk, state, [
          state.status === 'decided' ? 'A decision is already recorded.' : 'Finish the walk-through first.',
        ]);
      if (state.conclusion.outcome === 'not-valid-application')
        return currentCard(services, walk, state, [
          'This request is not a valid application, so there is nothing to decide.',
        ]);
      const decision = leaveDecisionFor(state.answers, walk.context);
      const { choice } = data;
      const sessions = choice === 'grant' ? (data.sessions ?? 0) : 0;
      const most = Math.min(decision.sessionCount, decision.maxGrantableSessions ?? decision.sessionCount);
      if (choice === 'grant' && (sessions < 1 || sessions > most)) {
        return currentCard(services, walk, state, [
          `Grant between 1 and ${most} sessions${decision.maxGrantableSessions !== undefined && most < decision.sessionCount ? ` (the policy never grants ${decision.maxGrantableSessions + 1} or more)` : ''}.`,
        ]);
      }
      const recommended = state.conclusion.outcome === 'grant-possible' ? 'grant' : 'refuse';
      const request = leaveRequestFrom(state.answers);
      const generated = leaveLetter({
        choice,
        sessions,
        pupilLabel: walk.context.pupil
          ? `${walk.context.pupil.givenName} ${walk.context.pupil.familyName}`
          : 'your child',
        schoolName: walk.school.name,
        from: request.from,
        to: request.to,
        decision,
        policy: walk.school.policy,
      });
      // Keep the draft as staff edited it on the card when the choice is the one it was drafted for.
      const draft =
        choice === recommended && sessions === state.conclusion.leaveSessions?.grantable && data.draft?.trim()
          ? { title: generated.title, text: data.draft }
          : generated;
      const by = whoWhen(services, turn);
      const saved = await applyTransition(
        services,
        walk,
        recordDecision(state, { choice, sessions, draft }, { ...by, role: walk.access.role }),
      );
      if (!saved.ok) return saved.result;
      await audit(services, saved.state, by.who, by.at, 'decision.recorded', {
        choice,
        sessions,
        code: choice === 'grant' ? decision.codeIfGranted : 'G-if-taken',
      });
      services.log('decisions.recorded', { walk: state.id, kind: state.kind, choice, sessions });
      return currentCard(services, walk, saved.state);
    },
  );
}

/** Moves a penalty case on (notice to improve issued, requested, issued, paid, withdrawn). */
export function caseAction(services: DecisionServices) {
  return onWalk(
    services,
    caseData,
    (problem) => `Choose what happened and its date: ${problem}`,
    async (walk, data, turn) => {
      if (!walk.access.role || !CASE_ROLES.has(walk.access.role))
        return { message: 'Only the head, the attendance lead or an LA officer can move a penalty case on.' };
      const record = await penaltyCaseOf(services, data.caseId);
      if (!record || record.value.walkId !== walk.record.value.id) return { message: STALE_CARD };
      const by = whoWhen(services, turn);
      const moved = advanceCase(record.value, {
        state: data.state,
        on: data.on,
        periodEnds: data.periodEnds,
        by: by.who,
        at: by.at,
      });
      if (!moved.ok) return currentCard(services, walk, walk.record.value, [moved.problem]);
      try {
        await services.store.putRecord(CASE_NAMESPACE, record.value.id, moved.case, record.version);
      } catch (err) {
        if (!(err instanceof VersionConflictError)) throw err;
        return currentCard(services, walk, walk.record.value, [
          'Someone else updated the case at the same moment; check it and record again if needed.',
        ]);
      }
      let state = walk.record.value;
      if (state.status === 'concluded') {
        const saved = await applyTransition(
          services,
          walk,
          recordDecision(state, { choice: data.state }, { ...by, role: walk.access.role }),
        );
        if (saved.ok) state = saved.state;
      }
      await audit(services, state, by.who, by.at, 'decision.case', {
        caseId: record.value.id,
        state: data.state,
        on: data.on,
        sessions: record.value.sessions.length,
      });
      services.log('decisions.case', { walk: state.id, case: record.value.id, state: data.state });
      return currentCard(services, walk, state);
    },
  );
}

/** Records that the sickness return went to the local authority, once per illness (or per year). */
export function returnSentAction(services: DecisionServices) {
  return onWalk(
    services,
    cardRef,
    () => STALE_CARD,
    async (walk, _ref, turn) => {
      const state = walk.record.value;
      if (state.kind !== 'sickness' || !state.pupil) return { message: STALE_CARD };
      if (!walk.access.role || !RETURN_ROLES.has(walk.access.role))
        return {
          message: 'Only the head, attendance or safeguarding lead, or an LA officer can mark a sickness return sent.',
        };
      if (state.status !== 'concluded' || state.conclusion?.outcome !== 'return-due')
        return currentCard(services, walk, state, ['No return is due on this walk-through.']);
      const by = whoWhen(services, turn);
      const { returnFor } = sicknessDecision(state.answers, walk.context);
      const sent: SicknessReturnRecord = {
        schoolUrn: state.schoolUrn,
        upn: state.pupil.upn,
        returnFor,
        sentOn: by.at.slice(0, 10),
        by: by.who,
        at: by.at,
        walkId: state.id,
      };
      try {
        await services.store.putRecord(
          RETURN_NAMESPACE,
          returnId(state.schoolUrn, state.pupil.upn, returnFor),
          sent,
          null,
        );
      } catch (err) {
        if (!(err instanceof VersionConflictError)) throw err;
        return currentCard(services, walk, state, ['A return for this illness is already marked sent.']);
      }
      const saved = await applyTransition(
        services,
        walk,
        recordDecision(state, { choice: 'return sent' }, { ...by, role: walk.access.role }),
      );
      if (!saved.ok) return saved.result;
      await audit(services, saved.state, by.who, by.at, 'decision.returnSent', { returnFor });
      return currentCard(services, walk, saved.state);
    },
  );
}
