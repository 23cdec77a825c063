import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { EmbeddedStateStore } from '../../../adapters/store/embeddedStateStore.ts';
import { type RunningBot } from '../../../bot/app/startBot.ts';
import { writeBundle } from '../../support/registerFixture.ts';
import { FIXTURE_SCHOOL } from '../support/botFixture.ts';
import { FakeConnector, inConversation } from '../support/fakeConnector.ts';
import {
  ANN,
  CAT,
  CHANNEL,
  TestClock,
  installed,
  postActivity,
  pressed,
  said,
  startMeetingBot,
  type Person,
} from './meetingBot.ts';

describe('cases from the channel: opening, refusals and the audit trail', () => {
  const root = mkdtempSync(join(tmpdir(), 'case-commands-'));
  const dataDir = writeBundle(join(root, 'data'), FIXTURE_SCHOOL);
  const clock = new TestClock(new Date('2025-11-24T09:00:00Z'));
  const store = EmbeddedStateStore.open(join(root, 'state'));
  let connector: FakeConnector;
  let running: { bot: RunningBot; url: string };
  const urn = '100001';

  beforeAll(async () => {
    connector = await new FakeConnector().start();
    running = await startMeetingBot(dataDir, join(root, 'state'), store, clock);
    await store.setRole(urn, ANN.id, 'attendance-lead');
    await store.setRole(urn, CAT.id, 'staff');
    await postActivity(running.url, installed(connector.url, ANN));
  });
  afterAll(async () => {
    await running?.bot.close();
    await store.close();
    await connector?.stop();
    rmSync(root, { recursive: true, force: true });
  });

  async function send(person: Person, text: string) {
    const before = connector.calls.length;
    expect((await postActivity(running.url, said(connector.url, person, text))).status).toBe(200);
    return connector.calls
      .slice(before)
      .filter((c) => c.method === 'POST' && inConversation(c.conversationId, CHANNEL) && c.activity.type === 'message')
      .map((c) => c.activity);
  }
  async function press(person: Person, verb: string, data: Record<string, unknown>) {
    const response = await postActivity(running.url, pressed(connector.url, person, 'card-1', verb, data));
    return (response.body as { value: unknown }).value;
  }
  const upnOf = (n: number) => running.bot.services.schools[0].register.pupils[n].upn;

  it('says a pupil has no case and how to open one, then opens it at the profile’s first stage', async () => {
    expect(String((await send(ANN, 'case Ben Jones'))[0].text)).toBe(
      'Ben Jones has no case at Oakfield Primary. Say "open a case for Ben Jones" to open one.',
    );
    const [opened] = await send(CAT, 'open a case for Ben Jones');
    expect(String(opened.summary)).toMatch(/^Case opened for Ben Jones\./);
    expect(JSON.stringify(opened.attachments)).toContain('Expect');
    expect(String((await send(ANN, 'open a case for Ben Jones'))[0].summary)).toMatch(
      /^There is already a case for Ben Jones\./,
    );
  });

  it('asks which pupil when a name fits several', async () => {
    expect(String((await send(ANN, 'case Amy'))[0].text)).toBe(
      'Several pupils match "Amy": Amy Smith (Year 9), Amy Stone (Year 7). Say the full name.',
    );
  });

  it('refuses card data it cannot read, a due date already passed, and a stage move by a member of staff', async () => {
    const caseKey = `${urn}|${upnOf(2)}`;
    expect(
      await press(ANN, 'meetings.addAction', {
        caseKey,
        actionWhat: 'Call',
        actionParty: 'school',
        actionDue: 'next week',
      }),
    ).toMatch(/^I couldn't read that: actionDue a date written YYYY-MM-DD/);
    expect(
      await press(ANN, 'meetings.addAction', {
        caseKey,
        actionWhat: 'Call',
        actionParty: 'police',
        actionDue: '2025-12-01',
      }),
    ).toMatch(/^I couldn't read that: actionParty/);
    expect(
      await press(ANN, 'meetings.addAction', {
        caseKey,
        actionWhat: 'Call',
        actionParty: 'school',
        actionDue: '2025-11-20',
      }),
    ).toBe('The due date 2025-11-20 has already passed.');
    expect(await press(CAT, 'meetings.moveStage', { caseKey, stageId: 'monitor' })).toBe(
      'Only the attendance lead, DSL, head or an LA officer can change the stage or agree the joint approach.',
    );
    expect(
      await press(ANN, 'meetings.addAction', {
        caseKey: `${urn}|${upnOf(4)}`,
        actionWhat: 'Call',
        actionParty: 'school',
        actionDue: '2025-12-01',
      }),
    ).toBe('There is no case for this pupil any more.');
  });

  it('switches the channel’s case alerts off and on, before reading “case …” as a pupil’s name', async () => {
    expect(String((await send(CAT, 'case alerts off'))[0].text)).toBe(
      'Case alerts (overdue actions and reviews, cases to open) are off for this conversation.',
    );
    expect((await store.getBinding(CHANNEL))?.alertsOff).toEqual(['cases']);
    await send(CAT, 'case alerts on');
    expect((await store.getBinding(CHANNEL))?.alertsOff).toEqual([]);
  });

  it('audits every change and view with who, what and which pupil, and no names or free text', async () => {
    const caseKey = `${urn}|${upnOf(2)}`;
    const card = await press(CAT, 'meetings.addAction', {
      caseKey,
      actionWhat: 'Ring mum about ${evil}',
      actionParty: 'family',
      actionDue: '2025-12-01',
    });
    expect(JSON.stringify(card)).toContain('Ring mum about $ {evil}');
    const audit = await store.listAudit({ upn: upnOf(2) });
    expect(audit.map((a) => [a.who, a.what, a.schoolUrn])).toEqual([
      [CAT.id, 'case.opened', urn],
      [CAT.id, 'case.addAction', urn],
    ]);
    expect(JSON.stringify(audit)).not.toMatch(/Ring mum|Ben Jones/);
  });
});
