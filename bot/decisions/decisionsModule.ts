import { randomUUID } from 'node:crypto';
import { decisionListCard } from '../../cards/decisions/decisionListCard.ts';
import { formatInstant } from '../../cards/formatInstant.ts';
import { roleName } from '../../cards/roleNames.ts';
import { formatShortDate, POLICY_PROFILES, type Pupil } from '../../rules/index.ts';
import { userKey } from '../access/access.ts';
import { type BotMessage, type FeatureHost, type FeatureModule, type MessageTurn } from '../host/featureHost.ts';
import { type SchoolData } from '../schools/schoolData.ts';
import { caseAction, decideAction, returnSentAction } from './decisionRecordActions.ts';
import {
  partTimeEndAction,
  partTimeReviewAction,
  recordPartTimeAction,
  showPartTimeAction,
  showPartTimeForPupil,
} from './partTimeActions.ts';
import { backAction, cancelAction, nextAction, startAction } from './walkStepActions.ts';
import { completedWalksFor } from './decisionStore.ts';
import { type DecisionServices } from './decisionServices.ts';
import { decisionPupil, decisionSchool, namedSchoolIn } from './decisionTargets.ts';
import { WALKTHROUGHS } from './walkDefinitions.ts';
import { decisionChoiceText } from './walkCards.ts';
import { pupilWalkRefusal } from './walkSession.ts';
import { startWalkthrough } from './walkStart.ts';
import { type WalkState, type WalkthroughKind } from './walkthrough.ts';

/** Message routes: each anchored, so they cannot catch a question meant for the query parser. */
export const DECISION_ROUTES = {
  leave:
    /^(?:is this leave exceptional|check (?:a |this )?leave request)(?: for (?<pupil>.*[^\s?])|(?<school> (?:at|in|for) .*[^\s?]))?\s*\??$/i,
  penalty: /^can (?:we|i) (?:issue|give|request) (?:a )?penalty(?: notice)? (?:for|to) (?<pupil>.*[^\s?])\s*\??$/i,
  sickness: /^(?:do we need a )?sickness return for (?<pupil>.*[^\s?])\s*\??$/i,
  code: /^(?:what|which) code(?: (?:for|should (?:i|we) use for|to use for) (?<situation>.*[^\s?]))?\s*\??$/i,
  list: /^decisions (?:for|about) (?<pupil>.*[^\s?])\s*\??$/i,
  partTime:
    /^(?:record|add|new|set up|start|create|agree)(?: an?| the)?(?: new)? part[- ]?time timetable (?:for|to) (?<pupil>.*[^\s?])\s*\??$/i,
  partTimePut: /^put (?<pupil>.*[^\s?]) on (?:an?|the) part[- ]?time timetable\s*\??$/i,
  partTimeShow: /^(?:show|open|review|end)(?: the)? part[- ]?time timetable (?:for|of) (?<pupil>.*[^\s?])\s*\??$/i,
} as const;

function decisionLine(state: WalkState): string {
  const parts = [
    `Concluded by ${state.concludedByName ?? state.concludedBy}, ${formatInstant(state.concludedAt ?? state.startedAt)}`,
    `policy ${POLICY_PROFILES.get(state.profile.id)?.name ?? state.profile.id} (${state.profile.version})`,
  ];
  if (state.decision) {
    const d = state.decision;
    parts.push(
      `recorded: ${decisionChoiceText(d)} by ${d.byName ?? d.by} (${roleName(d.byRole)}), ${formatInstant(d.at)}`,
    );
  } else parts.push('nothing recorded yet');
  return `${parts.join('; ')}.`;
}

/** "decisions for <pupil>": the pupil's completed walk-throughs, newest first, as a card. */
export function decisionListMessage(
  school: Pick<SchoolData, 'name'>,
  pupil: Pick<Pupil, 'givenName' | 'familyName' | 'yearGroup'>,
  walks: readonly WalkState[],
): BotMessage {
  return decisionListCard({
    title: `Decisions for ${pupil.givenName} ${pupil.familyName}`,
    subtitle: `Year ${pupil.yearGroup}, ${school.name}: ${walks.length} on record`,
    count: walks.length,
    emptyText: 'No decision walk-throughs have been completed for this pupil.',
    // Newest first; a long history is cut to the 20 most recent to stay under Teams' card size.
    rows: walks.slice(0, 20).map((w) => ({
      heading: `${WALKTHROUGHS[w.kind].title} · ${formatShortDate((w.concludedAt ?? w.startedAt).slice(0, 10))}`,
      headline: w.conclusion?.headline ?? '',
      detail: decisionLine(w),
    })),
  });
}

/**
 * Decision walk-throughs (leave of absence, penalty notice / notice to improve, sickness return, which
 * code, part-time timetable): message routes that open them, and the Action.Execute verbs their cards use. All state is in the
 * store, so any instance can answer any card and a restart loses nothing.
 */
export function decisionsModule(
  deps: Omit<DecisionServices, 'now' | 'newId' | 'today'> & Partial<Pick<DecisionServices, 'now' | 'newId' | 'today'>>,
): FeatureModule {
  const services: DecisionServices = {
    ...deps,
    now: deps.now ?? (() => new Date()),
    newId: deps.newId ?? randomUUID,
    today: deps.today ?? ((school) => school.asOf),
  };
  async function startFromMessage(
    turn: MessageTurn,
    kind: WalkthroughKind,
    typed?: string,
    situation?: string,
  ): Promise<void> {
    // "... for Amy Smith at Oakfield": a school named at the end chooses the school, not the pupil.
    const named = typed ? namedSchoolIn(services.schools, typed) : null;
    const pupilText = named ? named.rest || undefined : typed;
    let target = await decisionSchool(services, turn.conversation, turn.user, undefined, named?.school);
    // The code table is national: "which code?" works in a conversation not linked to a school yet.
    if (!target.ok && kind === 'code')
      target = await decisionSchool(services, turn.conversation, turn.user, services.schools[0].urn);
    if (!target.ok) return void (await turn.reply(target.reply));
    if (!target.access.canQuery && kind !== 'code')
      return void (await turn.reply(
        `You don't have a role at ${target.school.name}. Ask the head or attendance lead to add you.`,
      ));
    const definition = WALKTHROUGHS[kind];
    if (definition.needsPupil || pupilText) {
      const refusal = pupilWalkRefusal(target.access, target.school);
      if (refusal) return void (await turn.reply(refusal));
    }
    let pupil;
    if (pupilText) {
      const found = decisionPupil(target.school, pupilText);
      if (!found.ok) return void (await turn.reply(found.reply));
      pupil = found.pupil;
    } else if (definition.needsPupil && kind !== 'leave')
      return void (await turn.reply(`${definition.title}: which pupil? Ask "... for" and their name or UPN.`));
    await turn.reply(
      await startWalkthrough(services, {
        kind,
        school: target.school,
        pupil,
        situation,
        conversation: turn.conversation,
        user: turn.user,
      }),
    );
  }

  /**
   * The school and pupil a typed command names ("decisions for Amy Smith at Oakfield"), once the asker may
   * see that pupil's walk-throughs there; otherwise the reply saying why not has been sent.
   */
  async function commandPupil(turn: MessageTurn, typed: string) {
    const named = namedSchoolIn(services.schools, typed);
    const pupilText = named ? named.rest : typed;
    const target = await decisionSchool(services, turn.conversation, turn.user, undefined, named?.school);
    if (!target.ok) return void (await turn.reply(target.reply));
    const refusal = pupilWalkRefusal(target.access, target.school);
    if (refusal) return void (await turn.reply(refusal));
    const found = decisionPupil(target.school, pupilText);
    if (!found.ok) return void (await turn.reply(found.reply));
    return { target, pupil: found.pupil };
  }

  async function listDecisions(turn: MessageTurn, typed: string): Promise<void> {
    const asked = await commandPupil(turn, typed);
    if (!asked) return;
    const { target, pupil } = asked;
    const walks = await completedWalksFor(services.store, target.school.urn, pupil.upn);
    const at = services.now().toISOString();
    await services.store.appendAudit({
      at,
      who: userKey(turn.user),
      what: 'decision.listed',
      schoolUrn: target.school.urn,
      upn: pupil.upn,
      detail: { count: walks.length },
    });
    await turn.reply(decisionListMessage(target.school, pupil, walks));
  }

  async function showPartTime(turn: MessageTurn, typed: string): Promise<void> {
    const asked = await commandPupil(turn, typed);
    if (asked) await turn.reply(await showPartTimeForPupil(services, turn, asked.target, asked.pupil));
  }

  return {
    name: 'decisions',
    register(host: FeatureHost) {
      host.onMessage(DECISION_ROUTES.leave, (turn, m) =>
        startFromMessage(turn, 'leave', m.groups?.pupil ?? m.groups?.school),
      );
      host.onMessage(DECISION_ROUTES.penalty, (turn, m) => startFromMessage(turn, 'penalty', m.groups?.pupil));
      host.onMessage(DECISION_ROUTES.sickness, (turn, m) => startFromMessage(turn, 'sickness', m.groups?.pupil));
      host.onMessage(DECISION_ROUTES.code, (turn, m) => startFromMessage(turn, 'code', undefined, m.groups?.situation));
      host.onMessage(DECISION_ROUTES.list, (turn, m) => listDecisions(turn, m.groups!.pupil));
      host.onMessage(DECISION_ROUTES.partTime, (turn, m) => startFromMessage(turn, 'part-time', m.groups?.pupil));
      host.onMessage(DECISION_ROUTES.partTimePut, (turn, m) => startFromMessage(turn, 'part-time', m.groups?.pupil));
      host.onMessage(DECISION_ROUTES.partTimeShow, (turn, m) => showPartTime(turn, m.groups!.pupil));
      host.onAction('decisions.next', nextAction(services));
      host.onAction('decisions.back', backAction(services));
      host.onAction('decisions.cancel', cancelAction(services));
      host.onAction('decisions.decide', decideAction(services));
      host.onAction('decisions.case', caseAction(services));
      host.onAction('decisions.returnSent', returnSentAction(services));
      host.onAction('decisions.start', startAction(services));
      host.onAction('decisions.partTimeRecord', recordPartTimeAction(services));
      host.onAction('decisions.partTimeShow', showPartTimeAction(services));
      host.onAction('decisions.partTimeReview', partTimeReviewAction(services));
      host.onAction('decisions.partTimeEnd', partTimeEndAction(services));
    },
  };
}
