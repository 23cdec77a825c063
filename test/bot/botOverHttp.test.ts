import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { FakeConnector } from './support/fakeConnector.ts';
import { startTestBot, type TestBot } from './support/botFixture.ts';
import { actionExecute, channelMessage, postActivity } from './support/teamsActivities.ts';
import { expectValidCard } from '../support/validateCard.ts';
import { ProactiveSendError, type ConversationRef } from '../../bot/host/featureHost.ts';

/** Pupil names on a list card, read from the card the bot posted. */
function listedNames(activity: Record<string, unknown>): string[] {
  const card = (
    activity.attachments as {
      content: { body: { type: string; items?: { type: string; columns?: { items: { text: string }[] }[] }[] }[] };
    }[]
  )[0].content;
  return card.body.filter((b) => b.type === 'Container').map((c) => c.items![0].columns![0].items[0].text);
}

describe('the bot over HTTP (local mode, fake Teams connector)', () => {
  let connector: FakeConnector;
  let testBot: TestBot;

  beforeAll(async () => {
    connector = await new FakeConnector().start();
    testBot = await startTestBot();
  });
  afterAll(async () => {
    await testBot?.close();
    await connector?.stop();
  });

  async function ask(text: string, conversationId = '19:attendance-channel@thread.tacv2') {
    const before = connector.calls.length;
    const activity = channelMessage({ serviceUrl: connector.url, text, conversationId });
    const response = await postActivity(testBot.url, activity);
    expect(response.status).toBe(200);
    const replies = connector.calls.slice(before).filter((c) => c.method === 'POST');
    expect(replies).toHaveLength(1);
    expect(replies[0].activityId).toBe(activity.id);
    return replies[0].activity;
  }

  it('answers "which pupils hit the penalty threshold?" in a channel naming exactly those pupils', async () => {
    const reply = await ask('which pupils hit the penalty threshold?');
    expect(listedNames(reply)).toEqual(['Amy Smith', 'Amy Stone']);
    expectValidCard((reply.attachments as { content: unknown }[])[0].content);
    // Clients that cannot show cards get the same answer as text.
    const card = (reply.attachments as { content: { fallbackText: string } }[])[0].content;
    expect(card.fallbackText).toContain('Amy Smith (Year 9): 12 unauthorised sessions in 10 school weeks');
    expect(String(reply.summary)).toMatch(/^Penalty threshold reached: 2 pupils/);
  });

  it('answers "who is persistently absent?" naming exactly those pupils', async () => {
    const reply = await ask('who is persistently absent?');
    expect(listedNames(reply)).toEqual(['Amy Smith', 'Ben Jones']);
  });

  it('narrows by year group', async () => {
    const reply = await ask('who is persistently absent in year 7?');
    expect(listedNames(reply)).toEqual([]);
    expect(JSON.stringify(reply.attachments)).toContain('No pupil is persistently absent.');
  });

  it('answers with the help card when it does not understand, rather than staying silent', async () => {
    const reply = await ask('what is the weather like');
    expect(JSON.stringify(reply.attachments)).toContain("Sorry, I didn't understand that");
  });

  it('shows a pupil card, audits the view, and hides context flags in a channel', async () => {
    const reply = await ask('how is Ben Jones doing?');
    const json = JSON.stringify(reply.attachments);
    expect(json).toContain('Persistent absence');
    expect(json).not.toContain('Social worker');
    const audit = await testBot.bot.services.store.listAudit({
      upn: testBot.bot.services.schools[0].register.pupils[2].upn,
    });
    expect(audit.map((a) => a.what)).toContain('view.pupil');
  });

  it('asks which pupil when a name matches several, and shows the chosen one from the card', async () => {
    const reply = await ask('how is Amy doing?');
    const card = (reply.attachments as { content: { actions: { verb: string; data: Record<string, unknown> }[] } }[])[0]
      .content;
    expectValidCard(card);
    expect(JSON.stringify(card)).toContain('Amy Smith');
    expect(JSON.stringify(card)).toContain('Amy Stone');
    const [urn, upn] = ['100001', testBot.bot.services.schools[0].register.pupils[1].upn];
    const before = connector.calls.length;
    const response = await postActivity(
      testBot.url,
      actionExecute({
        serviceUrl: connector.url,
        verb: card.actions[0].verb,
        data: { ...card.actions[0].data, upn: `${urn}|${upn}` },
        replyToId: 'activity-card-1',
      }),
    );
    expect(response.status).toBe(200);
    const body = response.body as { statusCode: number; value: unknown };
    expect(body.statusCode).toBe(200);
    expect(JSON.stringify(body.value)).toContain('Amy Stone');
    // Universal Actions: the new card replaces the old one for everyone in the conversation.
    const update = connector.calls.slice(before).find((c) => c.method === 'PUT');
    expect(update?.activityId).toBe('activity-card-1');
  });

  it('answers a card refresh for the viewer alone: no update to the shared card', async () => {
    // Only people with a role assignment in the store are named (local mode's default role names nobody).
    await testBot.bot.services.store.setRole('100001', 'aad-staff-1', 'designated-safeguarding-lead');
    const reply = await ask('who is persistently absent?');
    const refresh = (
      reply.attachments as {
        content: { refresh?: { action: { verb: string; data: Record<string, unknown> }; userIds: string[] } };
      }[]
    )[0].content.refresh;
    expect(refresh?.userIds).toEqual(['29:staff-user']);
    const before = connector.calls.length;
    const invoke = actionExecute({
      serviceUrl: connector.url,
      verb: refresh!.action.verb,
      data: refresh!.action.data,
      replyToId: 'activity-card-2',
    });
    (invoke.value as { trigger: string }).trigger = 'automatic';
    const response = await postActivity(testBot.url, invoke);
    expect(response.status).toBe(200);
    expect(JSON.stringify((response.body as { value: unknown }).value)).toContain('shown only to you');
    expect(connector.calls.slice(before)).toEqual([]);
  });

  it('sends and updates proactively by stored reference, and reports what Teams refused with its status', async () => {
    const reference: ConversationRef = {
      serviceUrl: connector.url,
      channelId: 'msteams',
      conversation: { id: '19:proactive@thread.tacv2', conversationType: 'channel', tenantId: 'tenant-1' },
      bot: { id: '28:attendance-bot' },
    };
    const { proactive } = testBot.bot.registry;
    const sent = await proactive.send(reference, { text: 'Morning digest' });
    expect(sent.id).toMatch(/^activity-/);
    await proactive.update(reference, sent.id, { text: 'Morning digest (updated)' });
    const calls = connector.calls.filter((c) => c.conversationId === '19:proactive@thread.tacv2');
    // botbuilder posts a proactive message as a reply to its continuation activity's id, as in Teams' samples.
    expect(calls.map((c) => [c.method, c.method === 'PUT' ? c.activityId : '-', c.activity.text])).toEqual([
      ['POST', '-', 'Morning digest'],
      ['PUT', sent.id, 'Morning digest (updated)'],
    ]);
    connector.refuse('19:removed@thread.tacv2', 403);
    const removed = await proactive
      .send({ ...reference, conversation: { id: '19:removed@thread.tacv2' } }, { text: 'x' })
      .catch((e: unknown) => e);
    expect(removed).toBeInstanceOf(ProactiveSendError);
    expect((removed as ProactiveSendError).conversationGone).toBe(true);
    // botbuilder's HTTP client retries a 429 itself first (honouring Retry-After), so ask for no wait here.
    connector.refuse('19:busy@thread.tacv2', 429, 0);
    const busy = (await proactive
      .send({ ...reference, conversation: { id: '19:busy@thread.tacv2' } }, { text: 'x' })
      .catch((e: unknown) => e)) as ProactiveSendError;
    expect(busy).toBeInstanceOf(ProactiveSendError);
    expect([busy.status, busy.retryAfterSeconds]).toEqual([429, 0]);
  });

  it('serves GET /healthz', async () => {
    const response = await fetch(`${testBot.url}/healthz`);
    expect(response.status).toBe(200);
    expect(await response.json()).toMatchObject({ status: 'ok', schools: 1, localMode: true });
  });
});
