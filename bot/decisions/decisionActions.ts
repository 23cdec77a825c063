import { z } from 'zod';
import { VersionConflictError } from '../../adapters/store/stateStore.ts';
import { isIsoDate } from '../../rules/dates/isoDate.ts';
import { type ActionResult, type ActionTurn } from '../host/featureHost.ts';
import { CASE_NAMESPACE, RETURN_NAMESPACE, returnId, type SicknessReturnRecord } from './decisionStore.ts';
import { CASE_ROLES, LEAVE_DECISION_ROLES, RETURN_ROLES, type DecisionServices } from './decisionServices.ts';
import { decisionPupil, decisionSchool } from './decisionTargets.ts';
import { leaveLetter } from './leaveLetter.ts';
import { leaveDecisionFor, leaveRequestFrom } from './leaveWalkthrough.ts';
import { recordPastNotice } from '../../adapters/store/pastNoticeRecords.ts';
import { normaliseParent, type PastNoticeOutcome } from '../../rules/decisions/penaltyHistory.ts';
import { advanceCase, CASE_STATES, type PenaltyCase } from './penaltyCase.ts';
import { penaltyWorking } from './penaltyWalkthrough.ts';
import { sicknessDecision } from './sicknessWalkthrough.ts';
import { answerStep, cancelWalk, goBack, recordDecision, type WalkTransition } from './walkMachine.ts';
import {
  asResult,
  currentCard,
  openWalk,
  penaltyCaseOf,
  pupilWalkRefusal,
  saveWalk,
  whoWhen,
  type OpenWalk,
} from './walkSession.ts';
import { startWalkthrough } from './walkStart.ts';
import { type WalkState } from './walkthrough.ts';

const id = z.string().trim().min(1).max(80);
const isoDate = z.string().trim().refine(isIsoDate, 'a date (YYYY-MM-DD)');
/** Every card action names its walk-through and the step the card showed; inputs are checked per step. */
const cardRef = z.object({ walkId: id, step: z.string().trim().min(1).max(40) });
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
const startData = z.object({ kind: z.enum(['leave', 'penalty', 'sickness']), schoolUrn: id, upn: id });

const STALE_CARD = 'This card is out of date or was changed: start the walk-through again.';

async function applyTransition(
  services: DecisionServices,
  walk: OpenWalk,
  transition: WalkTransition,
): Promise<{ ok: true; state: WalkState } | { ok: false; result: ActionResult }> {
  if (!transition.ok)
    return { ok: false, result: await currentCard(services, walk, walk.record.value, transition.problems) };
  return saveWalk(services, walk, transition.state);
}

/** After a penalty walk-through concludes that a notice (or notice to improve) is in play, its case opens as "considered". */
async function openPenaltyCase(
  services: DecisionServices,
  walk: OpenWalk,
  state: WalkState,
  at: string,
  who: string,
): Promise<void> {
  const working = penaltyWorking(state.answers, walk.context);
  const existing = await penaltyCaseOf(services, state.id);
  // Going Back and concluding again changes the same case only while nothing has happened on it.
  if (existing && existing.value.steps.length > 1) return;
  if (
    !['notice-to-improve-first', 'improvement-period-running', 'issue-penalty-notice'].includes(
      working.decision.outcome,
    ) ||
    !state.pupil
  ) {
    if (existing) await services.store.deleteRecord(CASE_NAMESPACE, state.id);
    return;
  }
  const value: PenaltyCase = {
    id: state.id,
    schoolUrn: state.schoolUrn,
    upn: state.pupil.upn,
    parentKey: working.parentKey,
    walkId: state.id,
    sessions: working.threshold.sessions,
    steps: [{ state: 'considered', on: state.asOf, by: who, at }],
  };
  await services.store.putRecord(CASE_NAMESPACE, state.id, value, existing ? existing.version : null);
}

/**
 * The penalty walk-through's "earlier notices" step: a notice this parent had before, with its real date,
 * goes on the record (audited, with who recorded it) so the 3-year count and the sessions it relied on
 * come from the record from now on, in this walk-through and every later one.
 */
async function recordEarlierNotice(
  services: DecisionServices,
  walk: OpenWalk,
  state: WalkState,
  by: { who: string; name?: string; at: string },
): Promise<void> {
  const history = state.answers.history;
  if (!history || history.earlierIssuedOn === undefined || !state.pupil) return;
  const parentName = String(state.answers.parent.parentName);
  await recordPastNotice(
    services.store,
    {
      upn: state.pupil.upn,
      parentName,
      parentKey: normaliseParent(parentName),
      issuedOn: String(history.earlierIssuedOn),
      amount: Number(history.earlierAmount),
      outcome: history.earlierOutcome as PastNoticeOutcome,
    },
    { ...by, source: 'chat' },
  );
  services.log('decisions.pastNotice', { walk: state.id, school: walk.school.urn });
}

async function audit(
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
function onWalk<T extends { walkId: string }>(
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
