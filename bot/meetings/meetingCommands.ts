import { randomUUID } from 'node:crypto';
import { type SchoolRole } from '../../adapters/store/stateStore.ts';
import { agendaText, renderAgendaCard } from '../../cards/meetings/agendaCard.ts';
import { minutesText, renderMinutesCard } from '../../cards/meetings/minutesCard.ts';
import { buildMeetingMinutes, caseId, pupilName, withAttendee } from '../../rules/index.ts';
import { userKey } from '../access/access.ts';
import { type MessageTurn } from '../host/featureHost.ts';
import { type SchoolData } from '../schools/schoolData.ts';
import { agendaCardView, prepareAgenda } from './agendaView.ts';
import { getCase, listCases, openCaseOnce } from './caseStore.ts';
import { caseMessageFor } from './caseMessage.ts';
import { minutesCardViews } from './minutesView.ts';
import { CHAIR_ROLES, actorOf, meetingScope, scopeFor } from './meetingScope.ts';
import { changeMeeting, currentMeeting, lastEndedMeeting, saveNewMeeting, type MeetingRecord } from './meetingStore.ts';
import { todayOf, type MeetingsServices } from './meetingsServices.ts';

function chairOnly(school: SchoolData): string {
  return `Only the attendance lead, DSL, head or an LA officer for ${school.name} can run its termly meeting.`;
}

/**
 * Every severely absent pupil has a case, with a joint approach to agree with the LA (000 para 35; 003
 * "plans in place for each SA pupil"): preparing a meeting opens the ones missing. Returns how many.
 */
async function openSevereCases(services: MeetingsServices, turn: MessageTurn, school: SchoolData): Promise<number> {
  // Who is severely absent is what the engine's findings say (the bot's cache of them).
  const severe = new Set(
    services.cache
      .evaluation(school, school.asOf)
      .findings.filter((f) => f.rule === 'severe-absence')
      .map((f) => f.upn),
  );
  const stage = school.policy.stages[0];
  if (!stage) return 0;
  let opened = 0;
  const at = services.now().toISOString();
  for (let p = 0; p < school.register.pupils.length; p++) {
    const pupil = school.register.pupils[p];
    if (!severe.has(pupil.upn)) continue;
    const result = await openCaseOnce(services.store, {
      schoolUrn: school.urn,
      upn: pupil.upn,
      pupilName: pupilName(pupil),
      yearGroup: pupil.yearGroup,
      because: 'severe-absence',
      stageId: stage.id,
      today: todayOf(services),
      at,
      by: actorOf(turn.user),
    });
    if (result.opened) {
      opened++;
      await services.store.appendAudit({
        at,
        who: userKey(turn.user),
        what: 'case.opened',
        schoolUrn: school.urn,
        upn: pupil.upn,
        detail: { case: caseId(school.urn, pupil.upn), because: 'severe-absence' },
      });
    }
  }
  return opened;
}

/** "prepare the termly meeting [for <school>]": builds the agenda from the register, cases and last minutes. */
export async function prepareMeeting(services: MeetingsServices, turn: MessageTurn, named?: string): Promise<void> {
  const scope = await meetingScope(services, turn.conversation, turn.user, named);
  if (!scope.ok) return void (await turn.reply(scope.reply));
  const { school } = scope;
  if (!CHAIR_ROLES.has(scope.role)) return void (await turn.reply(chairOnly(school)));
  const existing = await currentMeeting(services.store, turn.conversation.id);
  if (existing?.state === 'running')
    return void (await turn.reply('A meeting is running here. Say "end the meeting" before preparing the next one.'));
  await turn.typing();
  const severeOpened = await openSevereCases(services, turn, school);
  const last = await lastEndedMeeting(services.store, school.urn);
  const agenda = prepareAgenda(services, school, await listCases(services.store, school.urn), last);
  const by = actorOf(turn.user);
  const meeting: MeetingRecord = {
    id: `${school.urn}-${randomUUID().slice(0, 8)}`,
    schoolUrn: school.urn,
    conversationId: turn.conversation.id,
    state: 'prepared',
    preparedAt: services.now().toISOString(),
    preparedBy: by,
    agenda,
    caseOrder: [],
    presented: [],
    cardActivities: {},
    attendees: [],
  };
  await saveNewMeeting(services.store, meeting);
  await services.store.appendAudit({
    at: meeting.preparedAt,
    who: by.id,
    what: 'meeting.prepared',
    schoolUrn: school.urn,
    detail: { meeting: meeting.id, pupils: agenda.pupils.length, casesOpened: severeOpened },
  });
  services.log('meetings.prepared', {
    school: school.urn,
    meeting: meeting.id,
    pupils: agenda.pupils.length,
    casesDue: agenda.casesDue.length,
    severeOpened,
  });
  const view = agendaCardView(meeting.id, agenda, school);
  const opened =
    severeOpened > 0
      ? `\nOpened ${severeOpened} case${severeOpened === 1 ? '' : 's'} for severely absent pupils (each needs a joint approach with the LA).`
      : '';
  await turn.reply({
    text: `${agendaText(view)}${opened}\nSay "start the meeting" when everyone is here.`,
    card: renderAgendaCard(view),
  });
}

/**
 * The cases put to the meeting, in agenda order: the agenda's pupils who have a case (new ones first,
 * then by severity), then every other open case of the school, so existing plans are reviewed too.
 */
function caseOrder(meeting: MeetingRecord, caseUpns: readonly string[]): string[] {
  const open = new Set(caseUpns);
  const first = meeting.agenda.pupils.map((p) => p.upn).filter((u) => open.has(u));
  const due = meeting.agenda.casesDue.map((c) => c.upn).filter((u) => open.has(u));
  return [...new Set([...first, ...due, ...[...caseUpns].sort()])];
}

async function postNextCase(
  services: MeetingsServices,
  turn: MessageTurn,
  school: SchoolData,
  meeting: MeetingRecord,
  privacy: 'limited' | 'full',
): Promise<MeetingRecord> {
  // The next case is chosen inside the versioned update: two people saying "next case" at once get the
  // next two cases, not the same one twice.
  let upn: string | undefined;
  const updated = await changeMeeting(services.store, meeting.id, (m) => {
    upn = m.caseOrder.find((u) => !m.presented.includes(u));
    return upn ? { ...m, presented: [...m.presented, upn] } : m;
  });
  const c = upn ? await getCase(services.store, school.urn, upn) : null;
  if (!upn || !c) {
    await turn.reply(
      `That was the last case (${updated.presented.length} discussed). Say "end the meeting" to post the minutes.`,
    );
    return updated;
  }
  const sent = await turn.reply(await caseMessageFor(services, school, c, privacy, updated, turn.conversation));
  await services.store.appendAudit({
    at: services.now().toISOString(),
    who: userKey(turn.user),
    what: 'view.case',
    schoolUrn: school.urn,
    upn,
    detail: { meeting: meeting.id },
  });
  const key = upn;
  return sent.id
    ? changeMeeting(services.store, meeting.id, (m) => ({
        ...m,
        cardActivities: { ...m.cardActivities, [key]: sent.id! },
      }))
    : updated;
}

type RunningScope =
  | { reply: string }
  | { meeting: MeetingRecord; school: SchoolData; scope: { privacy: 'limited' | 'full'; role: SchoolRole } };

async function runningScope(
  services: MeetingsServices,
  turn: MessageTurn,
  wanted: MeetingRecord['state'],
): Promise<RunningScope> {
  const meeting = await currentMeeting(services.store, turn.conversation.id);
  if (!meeting || meeting.state !== wanted)
    return {
      reply:
        wanted === 'prepared'
          ? 'No meeting is prepared here. Say "prepare the termly meeting" first.'
          : 'No meeting is running here. Say "start the meeting" first.',
    };
  const school = services.schools.find((s) => s.urn === meeting.schoolUrn);
  if (!school) return { reply: 'This meeting is for a school I no longer hold.' };
  const scope = await scopeFor(services, school, turn.conversation, turn.user);
  if (!scope.ok) return { reply: scope.reply };
  return { meeting, school, scope };
}

/** "start the meeting": posts the agenda again, fixes the case order and posts the first case card. */
export async function startMeeting(services: MeetingsServices, turn: MessageTurn): Promise<void> {
  const found = await runningScope(services, turn, 'prepared');
  if ('reply' in found) return void (await turn.reply(found.reply));
  const { school, scope } = found;
  if (!CHAIR_ROLES.has(scope.role)) return void (await turn.reply(chairOnly(school)));
  const cases = await listCases(services.store, school.urn);
  const by = actorOf(turn.user);
  const started = services.now().toISOString();
  const meeting = await changeMeeting(services.store, found.meeting.id, (m) => ({
    ...m,
    state: 'running',
    startedAt: started,
    heldOn: started.slice(0, 10),
    caseOrder: caseOrder(
      m,
      cases.map((c) => c.upn),
    ),
    attendees: withAttendee(m.attendees, by),
  }));
  await services.store.appendAudit({
    at: started,
    who: by.id,
    what: 'meeting.started',
    schoolUrn: school.urn,
    detail: { meeting: meeting.id, cases: meeting.caseOrder.length },
  });
  services.log('meetings.started', { school: school.urn, meeting: meeting.id, cases: meeting.caseOrder.length });
  const view = agendaCardView(meeting.id, meeting.agenda, school);
  await turn.reply({
    text: `The meeting has started: ${meeting.caseOrder.length} cases to review. Say "here" to be recorded as attending, "next case" to move on.\n${agendaText(view)}`,
    card: renderAgendaCard(view),
  });
  await postNextCase(services, turn, school, meeting, scope.privacy);
}

/** "next case": the next case card in turn. */
export async function nextCase(services: MeetingsServices, turn: MessageTurn): Promise<void> {
  const found = await runningScope(services, turn, 'running');
  if ('reply' in found) return void (await turn.reply(found.reply));
  await postNextCase(services, turn, found.school, found.meeting, found.scope.privacy);
}

/** "here": records the person as attending. */
export async function markPresent(services: MeetingsServices, turn: MessageTurn): Promise<void> {
  const found = await runningScope(services, turn, 'running');
  if ('reply' in found) return void (await turn.reply(found.reply));
  const by = actorOf(turn.user);
  const meeting = await changeMeeting(services.store, found.meeting.id, (m) => ({
    ...m,
    attendees: withAttendee(m.attendees, by),
  }));
  await services.store.appendAudit({
    at: services.now().toISOString(),
    who: by.id,
    what: 'meeting.attended',
    schoolUrn: meeting.schoolUrn,
    detail: { meeting: meeting.id },
  });
  await turn.reply(`Noted: ${by.name} is at the meeting (${meeting.attendees.length} attending).`);
}

/** "end the meeting": stores and posts the minutes; the next agenda starts from them. */
export async function endMeeting(services: MeetingsServices, turn: MessageTurn): Promise<void> {
  const found = await runningScope(services, turn, 'running');
  if ('reply' in found) return void (await turn.reply(found.reply));
  const { school, scope } = found;
  if (!CHAIR_ROLES.has(scope.role)) return void (await turn.reply(chairOnly(school)));
  const cases = await listCases(services.store, school.urn);
  const ended = services.now().toISOString();
  const by = actorOf(turn.user);
  const meeting = await changeMeeting(services.store, found.meeting.id, (m) => {
    const attendees = withAttendee(m.attendees, by);
    const minutes = buildMeetingMinutes({
      meetingId: m.id,
      schoolUrn: m.schoolUrn,
      heldOn: m.heldOn ?? ended.slice(0, 10),
      attendees,
      discussed: m.presented,
      cases,
      policy: school.policy,
    });
    return { ...m, state: 'ended', endedAt: ended, attendees, minutes };
  });
  await services.store.appendAudit({
    at: ended,
    who: by.id,
    what: 'meeting.ended',
    schoolUrn: school.urn,
    detail: {
      meeting: meeting.id,
      cases: meeting.minutes!.cases.length,
      actions: meeting.minutes!.actionsByOwner.reduce((n, o) => n + o.actions.length, 0),
    },
  });
  services.log('meetings.ended', {
    school: school.urn,
    meeting: meeting.id,
    cases: meeting.minutes!.cases.length,
    attendees: meeting.attendees.length,
  });
  for (const view of minutesCardViews(meeting, school))
    await turn.reply({ text: minutesText(view), card: renderMinutesCard(view) });
}
