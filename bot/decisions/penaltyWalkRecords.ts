import { CASE_NAMESPACE } from './decisionStore.ts';
import { type DecisionServices } from './decisionServices.ts';
import { recordPastNotice } from '../../adapters/store/pastNoticeRecords.ts';
import { normaliseParent, type PastNoticeOutcome } from '../../rules/index.ts';
import { type PenaltyCase } from './penaltyCase.ts';
import { penaltyWorking } from './penaltyWalkthrough.ts';
import { penaltyCaseOf, type OpenWalk } from './walkSession.ts';
import { type WalkState } from './walkthrough.ts';

/** After a penalty walk-through concludes that a notice (or notice to improve) is in play, its case opens as "considered". */
export async function openPenaltyCase(
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
export async function recordEarlierNotice(
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
