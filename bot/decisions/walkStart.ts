import { codeForSituation, type Pupil } from '../../rules/index.ts';
import { type BotMessage, type ConversationInfo, type UserInfo } from '../host/featureHost.ts';
import { type SchoolData } from '../schools/schoolData.ts';
import { WALK_NAMESPACE } from './decisionStore.ts';
import { type DecisionServices } from './decisionServices.ts';
import { walkPupil } from './decisionTargets.ts';
import { walkCard } from './walkCards.ts';
import { WALKTHROUGHS } from './walkDefinitions.ts';
import { startWalk } from './walkMachine.ts';
import { walkContext, whoWhen } from './walkSession.ts';
import { CONCLUSION_STEP, type WalkState, type WalkthroughKind } from './walkthrough.ts';
import { whichCodePrefill } from './whichCodeWalkthrough.ts';

export interface StartRequest {
  kind: WalkthroughKind;
  school: SchoolData;
  pupil?: Pupil;
  /** For "what code for ...?": the situation as typed, which may settle the code at once. */
  situation?: string;
  conversation: ConversationInfo;
  user: UserInfo;
}

/**
 * Opens a walk-through: stores its first state (a record of its own, so it survives restarts and is shared
 * by everyone in the conversation) and returns its first card. Starting one about a pupil is audited.
 */
export async function startWalkthrough(services: DecisionServices, request: StartRequest): Promise<BotMessage> {
  const definition = WALKTHROUGHS[request.kind];
  const by = whoWhen(services, request);
  const code = request.kind === 'code' && request.situation ? codeForSituation(request.situation) : undefined;
  const prefill = code ? whichCodePrefill(code) : undefined;
  let state: WalkState = startWalk(
    definition,
    {
      id: services.newId(),
      schoolUrn: request.school.urn,
      pupil: request.pupil ? walkPupil(request.pupil) : undefined,
      asOf: request.school.asOf,
      profile: { id: request.school.policy.id, version: request.school.policy.version },
      startedBy: by.who,
      startedAt: by.at,
    },
    prefill,
  );
  const context = await walkContext(services, request.school, state);
  if (state.step === CONCLUSION_STEP) {
    // The question named the situation: open on its code, with Back leading up the tree.
    state = {
      ...state,
      status: 'concluded',
      conclusion: definition.conclude(state.answers, context),
      concludedBy: by.who,
      concludedByName: by.name,
      concludedAt: by.at,
    };
  }
  await services.store.putRecord(WALK_NAMESPACE, state.id, state, null);
  if (state.pupil) {
    await services.store.appendAudit({
      at: by.at,
      who: by.who,
      what: 'decision.started',
      schoolUrn: state.schoolUrn,
      upn: state.pupil.upn,
      detail: { walkId: state.id, kind: state.kind },
    });
  }
  services.log('decisions.started', {
    walk: state.id,
    kind: state.kind,
    school: state.schoolUrn,
    conversation: request.conversation.id,
  });
  return walkCard(definition, state, context);
}
