import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { EmbeddedStateStore } from '../../../adapters/store/embeddedStateStore.ts';
import { type StateStore } from '../../../adapters/store/stateStore.ts';
import { OutboxSender } from '../../../adapters/teams/outboxSender.ts';
import { type RunningBot } from '../../../bot/app/startBot.ts';
import { type BotMessage, type ConversationRef } from '../../../bot/host/featureHost.ts';
import { silentLog } from '../../../bot/log.ts';
import { listCases } from '../../../bot/meetings/caseStore.ts';
import { lastEndedMeeting, currentMeeting } from '../../../bot/meetings/meetingStore.ts';
import { queueOverdueCaseAlerts } from '../../../bot/meetings/overdueCaseAlerts.ts';
import { registerFindings } from '../../../rules/engine/registerFindings.ts';
import { pupilName } from '../../../rules/pupils/pupil.ts';
import { FakeConnector, inConversation } from '../support/fakeConnector.ts';
import { expectValidCard } from '../../support/validateCard.ts';
import {
  ANN,
  CAT,
  CHANNEL,
  OMAR,
  TestClock,
  generateSchools,
  installed,
  postActivity,
  pressed,
  said,
  startMeetingBot,
  type Person,
} from './meetingBot.ts';

type Activity = Record<string, unknown>;
const cardOf = (activity: Activity) => (activity.attachments as { content: Record<string, unknown> }[])[0].content;

describe('a termly targeting support meeting over HTTP (generated school, fake Teams connector)', () => {
  const { dataDir, schools } = generateSchools();
  const root = mkdtempSync(join(tmpdir(), 'meetings-state-'));
  const stateDir = join(root, 'state');
  const clock = new TestClock(new Date('2025-11-24T09:00:00Z'));
  let connector: FakeConnector;
  let store: StateStore;
  let running: { bot: RunningBot; url: string };
  const urn = schools[0].urn;

  beforeAll(async () => {
    connector = await new FakeConnector().start();
    store = EmbeddedStateStore.open(stateDir);
    running = await startMeetingBot(dataDir, stateDir, store, clock);
  });
  afterAll(async () => {
    await running?.bot.close();
    await store?.close();
    await connector?.stop();
    rmSync(root, { recursive: true, force: true });
    rmSync(join(dataDir, '..'), { recursive: true, force: true });
  });

  /** Sends a message as `person` and returns the messages the bot posted in reply, in order (typing indicators left out). */
  async function send(person: Person, text: string): Promise<Activity[]> {
    const before = connector.calls.length;
    const response = await postActivity(running.url, said(connector.url, person, text));
    expect(response.status).toBe(200);
    return connector.calls
      .slice(before)
      .filter((c) => c.method === 'POST' && inConversation(c.conversationId, CHANNEL) && c.activity.type === 'message')
      .map((c) => c.activity);
  }

  /** Presses a button as `person`; returns the card that replaces the pressed one for everyone. */
  async function press(person: Person, verb: string, data: Record<string, unknown>): Promise<Record<string, unknown>> {
    const response = await postActivity(
      running.url,
      pressed(connector.url, person, 'card-under-discussion', verb, data),
    );
    expect(response.status).toBe(200);
    const body = response.body as { statusCode: number; type: string; value: unknown };
    expect(body.type, JSON.stringify(body.value)).toBe('application/vnd.microsoft.card.adaptive');
    return body.value as Record<string, unknown>;
  }

  const school = () => running.bot.services.schools.find((s) => s.urn === urn)!;
  const caseKeyOf = (card: Record<string, unknown>) =>
    JSON.stringify(card).match(/"caseKey":"(\d+\|[A-Z0-9]{13})"/)![1];

  const agreed: { owner: string; what: string; upn: string }[] = [];
  const discussed: string[] = [];

  it('prepares the agenda from the register: exactly the pupils the rules find severely, persistently or at risk of persistent absence', async () => {
    // Ann is the school's attendance lead and Cat a member of staff; Omar has local mode's default (LA officer).
    await store.setRole(urn, ANN.id, 'attendance-lead');
    await store.setRole(urn, CAT.id, 'staff');
    await postActivity(running.url, installed(connector.url, ANN));
    expect((await send(ANN, `link school ${urn}`)).length).toBe(1);
    const [reply] = await send(ANN, 'prepare the termly meeting');
    const card = cardOf(reply);
    expectValidCard(card, 'agenda card');
    const meeting = (await currentMeeting(store, CHANNEL))!;
    const s = school();
    const findings = registerFindings(s.register, { asOf: s.asOf, policy: s.policy }).findings();
    const expected = new Set(
      findings
        .filter((f) => ['severe-absence', 'persistent-absence', 'at-risk-of-persistent-absence'].includes(f.rule))
        .map((f) => f.upn),
    );
    expect(new Set(meeting.agenda.pupils.map((p) => p.upn))).toEqual(expected);
    expect(meeting.agenda.pupils.length).toBeGreaterThan(3);
    // Every severely absent pupil now has a case (000 para 35).
    const severe = findings.filter((f) => f.rule === 'severe-absence').map((f) => f.upn);
    const cases = await listCases(store, urn);
    expect(severe.every((u) => cases.some((c) => c.upn === u && c.openedBecause === 'severe-absence'))).toBe(true);
    expect(meeting.agenda.cohorts.map((c) => c.cohort)).toEqual([
      'All pupils',
      'Free school meals',
      'SEN support',
      'EHC plan',
      'With a social worker',
      'Looked after',
    ]);
    expect(meeting.agenda.cohorts[0].localAuthority!.pupils).toBeGreaterThan(meeting.agenda.cohorts[0].school.pupils);
    // National figures where DfE publishes them by that characteristic; none rather than a wrong one.
    expect(meeting.agenda.cohorts.map((c) => c.national !== null)).toEqual([true, true, true, true, false, false]);
    expect(JSON.stringify(card)).toContain('No earlier meeting is recorded for this school.');
    // A limited channel: no context flag on any line naming a pupil (cohort rows are aggregates).
    const texts = JSON.stringify(card).match(/"text":"[^"]*"/g) ?? [];
    const naming = texts.filter((t) => meeting.agenda.pupils.some((p) => t.includes(p.pupilName)));
    expect(naming.length).toBeGreaterThan(0);
    for (const line of naming)
      expect(line).not.toMatch(/social worker|looked after|\bSEN|EHC|free school meals|\bFSM/i);
  });

  it('opens cases from the agenda’s offer, starts the meeting and posts the agenda then the first case', async () => {
    const meeting = (await currentMeeting(store, CHANNEL))!;
    const s = school();
    const offered = meeting.agenda.pupils
      .filter((p) => p.level === 'persistent' && !p.hasCase)
      .filter((p) => s.register.pupils.filter((q) => pupilName(q) === p.pupilName).length === 1);
    expect(offered.length).toBeGreaterThanOrEqual(2);
    const agenda = await press(ANN, 'meetings.openCases', {
      meetingId: meeting.id,
      openUpns: offered
        .slice(0, 2)
        .map((p) => p.upn)
        .join(','),
    });
    expectValidCard(agenda, 'agenda after opening cases');
    expect(
      (await listCases(store, urn))
        .filter((c) => c.openedBecause === 'persistent-absence')
        .map((c) => c.upn)
        .sort(),
    ).toEqual(
      offered
        .slice(0, 2)
        .map((p) => p.upn)
        .sort(),
    );
    const posted = await send(ANN, 'start the meeting');
    expect(posted).toHaveLength(2);
    expect(JSON.stringify(cardOf(posted[0]))).toContain('Termly targeting support meeting');
    const first = cardOf(posted[1]);
    expectValidCard(first, 'case card');
    expect(JSON.stringify(first)).toMatch(/case 1 of \d+/);
    discussed.push(caseKeyOf(first));
  });

  it('records outcomes from two people acting on the same card at once: both land and the card shows both', async () => {
    const caseKey = discussed[0];
    const [byAnn, byOmar] = await Promise.all([
      press(ANN, 'meetings.addAction', {
        caseKey,
        actionWhat: 'Home visit with the family',
        actionParty: 'school',
        actionOwner: 'Ann Lead',
        actionDue: '2025-12-05',
      }),
      press(OMAR, 'meetings.addAction', {
        caseKey,
        actionWhat: 'Early help referral',
        actionParty: 'la',
        actionOwner: '',
        actionDue: '2025-12-12',
      }),
    ]);
    const both = [byAnn, byOmar].filter(
      (card) =>
        JSON.stringify(card).includes('Home visit with the family') &&
        JSON.stringify(card).includes('Early help referral'),
    );
    expect(both.length).toBeGreaterThanOrEqual(1);
    const staged = await press(OMAR, 'meetings.moveStage', { caseKey, stageId: 'stage-2' });
    expectValidCard(staged, 'case card after two actions and a stage move');
    const text = JSON.stringify(staged);
    expect(text).toContain('Home visit with the family');
    expect(text).toContain('Early help referral');
    expect(text).toContain('Stage 2: Getting help (action)');
    // 004's Stage 2 plan is reviewed every 4-6 weeks: the card asks for the next review until one is set.
    expect(text).toContain('is reviewed every 4-6 weeks: set the next review.');
    agreed.push(
      { owner: 'Ann Lead', what: 'Home visit with the family', upn: caseKey.split('|')[1] },
      { owner: 'Omar Officer', what: 'Early help referral', upn: caseKey.split('|')[1] },
    );
    // A change made from another copy of the case card (not the one the meeting posted) redraws the meeting's card too.
    const meetingCardId = (await currentMeeting(store, CHANNEL))!.cardActivities[caseKey.split('|')[1]];
    const before = connector.calls.length;
    await press(ANN, 'meetings.setReview', { caseKey, reviewDate: '2026-01-05' });
    const redraw = connector.calls.slice(before).find((c) => c.method === 'PUT' && c.activityId === meetingCardId);
    expect(JSON.stringify(redraw?.activity)).toContain('Stage 2: Getting help (action)');
    expect(JSON.stringify(redraw?.activity)).toContain('Mon, 5 Jan 2026');
  });

  it('moves to the next cases in turn and records a barrier, a review and an action on the second', async () => {
    const [second] = await send(ANN, 'next case');
    const card = cardOf(second);
    expect(JSON.stringify(card)).toMatch(/case 2 of \d+/);
    const caseKey = caseKeyOf(card);
    discussed.push(caseKey);
    await press(ANN, 'meetings.recordBarrier', {
      caseKey,
      barrierText: 'Anxiety about the journey to school',
      barrierSensitive: 'false',
    });
    await press(ANN, 'meetings.recordBarrier', {
      caseKey,
      barrierText: 'Parent recently bereaved',
      barrierSensitive: 'true',
    });
    await press(ANN, 'meetings.addAction', {
      caseKey,
      actionWhat: 'Attendance contract meeting',
      actionParty: 'family',
      actionOwner: 'Ann Lead',
      actionDue: '2025-11-26',
    });
    const reviewed = await press(ANN, 'meetings.setReview', {
      caseKey,
      reviewDate: '2026-01-12',
      leadName: 'Ann Lead',
    });
    const text = JSON.stringify(reviewed);
    expect(text).toContain('Anxiety about the journey to school');
    // A limited channel: the sensitive barrier is counted, not quoted.
    expect(text).not.toContain('bereaved');
    expect(text).toContain('1 more with restricted detail');
    // Staff whose role allows the full view get their own card by refresh; a member of staff does not.
    expect((reviewed.refresh as { userIds: string[] }).userIds).toEqual([`29:${ANN.id}`]);
    expect(JSON.stringify(await press(ANN, 'meetings.refreshCase', { caseKey }))).toContain('Parent recently bereaved');
    expect(JSON.stringify(await press(CAT, 'meetings.refreshCase', { caseKey }))).not.toContain('bereaved');
    agreed.push({ owner: 'Ann Lead', what: 'Attendance contract meeting', upn: caseKey.split('|')[1] });
    const [third] = await send(OMAR, 'next case');
    discussed.push(caseKeyOf(cardOf(third)));
    expect(JSON.stringify(cardOf(third))).toMatch(/case 3 of \d+/);
    expect(String((await send(CAT, 'here'))[0].text)).toContain('Cat Clerk is at the meeting');
  });

  it('ends the meeting with minutes naming who attended, each case’s outcome and exactly the actions agreed, by owner', async () => {
    const [minutes] = await send(ANN, 'end the meeting');
    const card = cardOf(minutes);
    expectValidCard(card, 'minutes card');
    const stored = (await lastEndedMeeting(store, urn))!;
    expect(stored.minutes!.attendees.map((a) => a.name)).toEqual(['Ann Lead', 'Cat Clerk', 'Omar Officer']);
    expect(stored.minutes!.cases.map((c) => `${urn}|${c.upn}`)).toEqual(discussed);
    expect(stored.minutes!.cases[0].outcome).toEqual(
      expect.arrayContaining([
        expect.stringContaining('Home visit with the family'),
        expect.stringContaining('Early help referral'),
        expect.stringContaining('Moved to Stage 2'),
      ]),
    );
    expect(stored.minutes!.cases[2].outcome).toEqual([]);
    const byOwner = stored.minutes!.actionsByOwner.map((o) => [o.owner, o.actions.map((a) => a.what).sort()]);
    expect(byOwner).toEqual([
      ['Ann Lead', ['Attendance contract meeting', 'Home visit with the family']],
      ['Omar Officer', ['Early help referral']],
    ]);
    expect(JSON.stringify(card)).toContain('Ann Lead, Cat Clerk, Omar Officer');
    expect(JSON.stringify(card)).toContain('Discussed; no change recorded');
  });

  it('starts the next agenda from the minutes: exactly the actions agreed, still open', async () => {
    const [reply] = await send(ANN, 'prepare the termly meeting');
    const meeting = (await currentMeeting(store, CHANNEL))!;
    expect(meeting.agenda.lastMeeting?.id).toBe((await lastEndedMeeting(store, urn))!.id);
    expect(
      meeting.agenda.carriedForward
        .map((a) => ({ owner: a.owner, what: a.what, upn: a.upn, done: a.done }))
        .sort((a, b) => a.what.localeCompare(b.what)),
    ).toEqual(agreed.map((a) => ({ ...a, done: false })).sort((a, b) => a.what.localeCompare(b.what)));
    for (const a of agreed) expect(JSON.stringify(cardOf(reply))).toContain(a.what);
    expectValidCard(cardOf(reply), 'second agenda');
  });

  it('lists a person’s open actions across cases with “actions for me”', async () => {
    const [reply] = await send(OMAR, 'actions for me');
    const text = JSON.stringify(cardOf(reply));
    expect(text).toContain('Open actions for Omar Officer: 1');
    expect(text).toContain('Early help referral');
    expectValidCard(cardOf(reply), 'my actions card');
  });

  it('raises an action left overdue through the alerts outbox once', async () => {
    const sender = new OutboxSender({
      store,
      owner: 'meetings-test',
      log: () => {},
      send: (reference, message) =>
        running.bot.registry.proactive.send(reference as ConversationRef, message as BotMessage),
    });
    const overdueSends = () =>
      connector.calls.filter(
        (c) =>
          c.method === 'POST' &&
          inConversation(c.conversationId, CHANNEL) &&
          String(c.activity.text).startsWith('Overdue on'),
      );
    clock.set('2025-11-26T18:00:00Z');
    expect(
      (await queueOverdueCaseAlerts(store, running.bot.services.schools, '2025-11-26', clock.now(), silentLog)).queued,
    ).toBe(0);
    clock.set('2025-11-27T08:00:00Z');
    expect(
      (await queueOverdueCaseAlerts(store, running.bot.services.schools, '2025-11-27', clock.now(), silentLog)).queued,
    ).toBe(1);
    await sender.drain();
    expect(overdueSends()).toHaveLength(1);
    expect(String(overdueSends()[0].activity.text)).toContain('Attendance contract meeting');
    expect(String(overdueSends()[0].activity.text)).not.toContain('Home visit');
    expect(
      (await queueOverdueCaseAlerts(store, running.bot.services.schools, '2025-11-28', clock.now(), silentLog)).queued,
    ).toBe(0);
    await sender.drain();
    expect(overdueSends()).toHaveLength(1);
  });

  it('keeps cases and minutes across a restart (embedded store)', async () => {
    await running.bot.close();
    await store.close();
    store = EmbeddedStateStore.open(stateDir);
    running = await startMeetingBot(dataDir, stateDir, store, clock);
    expect((await lastEndedMeeting(store, urn))!.minutes!.actionsByOwner).toHaveLength(2);
    const upn = agreed[0].upn;
    const name = pupilName(school().register.pupils.find((p) => p.upn === upn)!);
    const [reply] = await send(ANN, `case ${name}`);
    const text = JSON.stringify(cardOf(reply));
    expect(text).toContain('Home visit with the family');
    expect(text).toContain('Early help referral');
    expect(JSON.stringify(cardOf((await send(ANN, 'actions for me'))[0]))).toContain('Open actions for Ann Lead: 2');
  });
});
