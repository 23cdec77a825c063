import { renderMyActionsCard, myActionsText } from '../../cards/meetings/myActionsCard.ts';
import { actionsOwnedBy, caseId, formatShortDate, pupilName } from '../../rules/index.ts';
import { userKey } from '../access/access.ts';
import { type BotMessage, type MessageTurn, type UserInfo } from '../host/featureHost.ts';
import { yearLabel } from '../queries/describeView.ts';
import { findPupils } from '../queries/findPupils.ts';
import { type SchoolData } from '../schools/schoolData.ts';
import { getCase, listCases, openCaseOnce } from './caseStore.ts';
import { caseMessageFor } from './caseMessage.ts';
import { actorOf, meetingScope } from './meetingScope.ts';
import { currentMeeting } from './meetingStore.ts';
import { todayOf, type MeetingsServices } from './meetingsServices.ts';

const ACTIONS_SHOWN = 20;

/** One pupil by name at a school, or the reply to give when there are none or several. */
function pupilByName(school: SchoolData, typed: string): { p: number } | { reply: string } {
  const found = findPupils(school.register.pupils, typed);
  if (found.length === 1) return { p: found[0] };
  if (found.length === 0) return { reply: `I can't find a pupil called "${typed}" at ${school.name}.` };
  const names = found
    .slice(0, 8)
    .map((p) => `${pupilName(school.register.pupils[p])} (${yearLabel(school.register.pupils[p].yearGroup)})`);
  return {
    reply: `Several pupils match "${typed}": ${names.join(', ')}${found.length > 8 ? ', ...' : ''}. Say the full name.`,
  };
}

/** `case <pupil>`: the case card, or an offer to open one when the pupil has none. */
export async function showCase(services: MeetingsServices, turn: MessageTurn, typed: string): Promise<void> {
  const scope = await meetingScope(services, turn.conversation, turn.user);
  if (!scope.ok) return void (await turn.reply(scope.reply));
  const found = pupilByName(scope.school, typed);
  if ('reply' in found) return void (await turn.reply(found.reply));
  const pupil = scope.school.register.pupils[found.p];
  const c = await getCase(services.store, scope.school.urn, pupil.upn);
  if (!c)
    return void (await turn.reply(
      `${pupilName(pupil)} has no case at ${scope.school.name}. Say "open a case for ${pupilName(pupil)}" to open one.`,
    ));
  await services.store.appendAudit({
    at: services.now().toISOString(),
    who: userKey(turn.user),
    what: 'view.case',
    schoolUrn: scope.school.urn,
    upn: pupil.upn,
    detail: { conversation: turn.conversation.id },
  });
  await turn.reply(
    await caseMessageFor(
      services,
      scope.school,
      c,
      scope.privacy,
      await currentMeeting(services.store, turn.conversation.id),
      turn.conversation,
    ),
  );
}

/** `open a case for <pupil>`: opened by staff, at the first stage of the school's staged process. */
export async function openCaseCommand(services: MeetingsServices, turn: MessageTurn, typed: string): Promise<void> {
  const scope = await meetingScope(services, turn.conversation, turn.user);
  if (!scope.ok) return void (await turn.reply(scope.reply));
  const found = pupilByName(scope.school, typed);
  if ('reply' in found) return void (await turn.reply(found.reply));
  const pupil = scope.school.register.pupils[found.p];
  const stages = scope.school.policy.stages;
  if (stages.length === 0)
    return void (await turn.reply(
      `${scope.school.policy.name} describes no staged process, so I can't place a case on it.`,
    ));
  const meeting = await currentMeeting(services.store, turn.conversation.id);
  const at = services.now().toISOString();
  const { case: c, opened } = await openCaseOnce(services.store, {
    schoolUrn: scope.school.urn,
    upn: pupil.upn,
    pupilName: pupilName(pupil),
    yearGroup: pupil.yearGroup,
    because: meeting?.state === 'running' ? 'meeting' : 'staff',
    stageId: stages[0].id,
    today: todayOf(services, scope.school),
    at,
    by: actorOf(turn.user),
    ...(meeting?.state === 'running' ? { meetingId: meeting.id } : {}),
  });
  if (opened) {
    await services.store.appendAudit({
      at,
      who: userKey(turn.user),
      what: 'case.opened',
      schoolUrn: scope.school.urn,
      upn: pupil.upn,
      detail: { case: caseId(scope.school.urn, pupil.upn) },
    });
    services.log('meetings.case-opened', { school: scope.school.urn, because: c.openedBecause });
  }
  const message = await caseMessageFor(services, scope.school, c, scope.privacy, meeting, turn.conversation);
  await turn.reply({
    ...message,
    text: `${opened ? 'Case opened' : 'There is already a case'} for ${c.pupilName}.\n${message.text}`,
  });
}

/** A person's open actions across every school's cases they have a role at. */
export async function myActionsMessage(services: MeetingsServices, user: UserInfo): Promise<BotMessage> {
  const cases = [];
  for (const school of services.schools) {
    if (!(await services.access.roleOf(school.urn, user))) continue;
    cases.push(...(await listCases(services.store, school.urn)));
  }
  const mine = actionsOwnedBy(cases, { id: userKey(user), name: user.name });
  // Each case is overdue by its own school's day.
  const todayAt = (urn: string) =>
    todayOf(
      services,
      services.schools.find((s) => s.urn === urn),
    );
  const view = {
    title: `Open actions for ${user.name ?? 'you'}: ${mine.length}`,
    actions: mine.slice(0, ACTIONS_SHOWN).map(({ c, action }) => ({
      caseKey: caseId(c.schoolUrn, c.upn),
      actionId: action.id,
      line: `${c.pupilName}: ${action.what}, due ${formatShortDate(action.due)}${action.due < todayAt(c.schoolUrn) ? ' (OVERDUE)' : ''}`,
      overdue: action.due < todayAt(c.schoolUrn),
    })),
    more: mine.length > ACTIONS_SHOWN ? `and ${mine.length - ACTIONS_SHOWN} more` : '',
  };
  return { text: myActionsText(view), card: renderMyActionsCard(view) };
}

/** `actions for me`. */
export async function myActions(services: MeetingsServices, turn: MessageTurn): Promise<void> {
  await turn.reply(await myActionsMessage(services, turn.user));
}
