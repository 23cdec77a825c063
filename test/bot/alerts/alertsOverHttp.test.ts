import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { reasonInputId } from '../../../cards/alerts/alertCard.ts';
import { expectValidCard } from '../../support/validateCard.ts';
import { SCAN_TOKEN, startAlertBot, type AlertBot } from './alertBot.ts';
import { ALERT_PUPILS } from './alertScenario.ts';
import { ScriptedConnector, type ConnectorRequest } from './scriptedConnector.ts';
import { actionExecute, installationUpdate, message, post } from './teamsActivity.ts';

const CHANNEL = '19:attendance@thread.tacv2';
const name = (key: keyof typeof ALERT_PUPILS) => `${ALERT_PUPILS[key].givenName} ${ALERT_PUPILS[key].familyName}`;

function cardOf(request: ConnectorRequest): { body: unknown[] } & Record<string, unknown> {
  return (request.activity.attachments as { content: { body: unknown[] } }[])[0].content;
}

/** Pupil names on an alert card: the bold name in each row's first column. */
function pupilsOn(card: { body: unknown[] }): string[] {
  return (card.body as { type: string; items?: { type: string; columns?: { items: { text: string }[] }[] }[] }[])
    .filter((b) => b.type === 'Container' && b.items?.[0]?.type === 'ColumnSet')
    .map((c) => c.items![0].columns![0].items[0].text);
}

const titleOf = (card: { body: unknown[] }) => (card.body[0] as { text: string }).text;

describe('alerts end to end over HTTP (local mode, fake Teams connector)', () => {
  let connector: ScriptedConnector;
  let bot: AlertBot;

  beforeAll(async () => {
    connector = await new ScriptedConnector().start();
    bot = await startAlertBot();
  });
  afterAll(async () => {
    await bot?.close();
    await connector?.stop();
  });

  const scan = (headers: Record<string, string> = { authorization: `Bearer ${SCAN_TOKEN}` }) =>
    post(`${bot.url}/api/scan`, undefined, headers);

  it('welcomes the channel it is installed in, bound to the only school', async () => {
    const response = await post(`${bot.url}/api/messages`, installationUpdate(connector.url, CHANNEL));
    expect(response.status).toBe(200);
    const [welcome] = connector.accepted(CHANNEL);
    expect(String(welcome.activity.text)).toMatch(/Oakfield Academy's attendance alerts/);
    expect(await bot.store.getBinding(CHANNEL)).toMatchObject({ schoolUrn: '100001', privacy: 'limited' });
  });

  it('refuses a scan without the token', async () => {
    expect((await scan({})).status).toBe(401);
    expect((await scan({ authorization: 'Bearer wrong-token' })).status).toBe(401);
  });

  it('delivers the digest naming exactly the pupils with N today and the follow-ups, and sickness returns for exactly the pupils who reached 15 days', async () => {
    const before = connector.accepted(CHANNEL).length;
    const response = await scan();
    expect(response.status).toBe(200);
    expect(response.body).toMatchObject({ queued: 5 });
    await bot.runtime.deliver();
    const cards = connector.accepted(CHANNEL).slice(before).map(cardOf);
    for (const card of cards) expectValidCard(card, titleOf(card));
    const digests = cards.filter((c) => titleOf(c).startsWith('Unexplained absence'));
    expect(digests).toHaveLength(1);
    expect(pupilsOn(digests[0])).toEqual([name('dayOne'), name('dayThree'), name('withSocialWorker'), name('overdue')]);
    const digestJson = JSON.stringify(digests[0]);
    expect(digestJson).toContain('Still unexplained: home visit due');
    expect(digestJson).toContain('N left too long: correct the register now');
    expect(digestJson).toContain('Extra safeguarding steps apply');
    expect(digestJson).not.toMatch(/social worker/i);
    expect(cards.filter((c) => titleOf(c).startsWith('Sickness return')).flatMap(pupilsOn)).toEqual([
      name('sickFifteen'),
    ]);
  });

  it('sends nothing on a second scan', async () => {
    const before = connector.requests.length;
    const response = await scan();
    expect(response.body).toMatchObject({ queued: 0 });
    await bot.runtime.deliver();
    expect(connector.requests.length).toBe(before);
  });

  it('answers "alerts" in the channel with what it hears', async () => {
    const before = connector.accepted(CHANNEL).length;
    const asked = message(connector.url, CHANNEL, 'alerts');
    await post(`${bot.url}/api/messages`, asked);
    const [reply] = connector.accepted(CHANNEL).slice(before);
    expect(String(reply.activity.text)).toMatch(/unexplained: on/);
    // The answer goes into the thread of the post that asked, not to the channel as a new post.
    expect(reply.conversationId).toBe((asked.conversation as { id: string }).id);
    expect(reply.conversationId).toMatch(/;messageid=\d+$/);
  });

  it('pressing a button updates the card for everyone and writes the audit record', async () => {
    const digest = connector
      .accepted(CHANNEL)
      .find((r) => r.activity.attachments && titleOf(cardOf(r)).startsWith('Unexplained absence'))!;
    const record = (
      await bot.store.listRecords<{ kind: string; cardId: string; rows: { upn: string; pupilName: string }[] }>(
        'alert-cards',
      )
    ).find((r) => r.value.kind === 'unexplained')!.value;
    const amy = record.rows.find((r) => r.pupilName === name('dayOne'))!;
    const started = performance.now();
    const pressed = await post(
      `${bot.url}/api/messages`,
      actionExecute(
        connector.url,
        CHANNEL,
        String((digest as ConnectorRequest & { id?: string }).id ?? 'card'),
        'alerts.act',
        { cardId: record.cardId, upn: amy.upn, act: 'reason-received', [reasonInputId(amy.upn)]: 'M' },
      ),
    );
    // Teams gives an invoke about 5 seconds before it shows the person an error.
    expect(performance.now() - started).toBeLessThan(5000);
    expect(pressed.status).toBe(200);
    const invokeResponse = pressed.body as { statusCode: number; type: string; value: unknown };
    expect(invokeResponse.statusCode).toBe(200);
    expect(invokeResponse.type).toBe('application/vnd.microsoft.card.adaptive');
    expectValidCard(invokeResponse.value);
    expect(JSON.stringify(invokeResponse.value)).toContain('Reason received (recorded as M): Lena Lead');
    expect((await bot.store.listAudit({ upn: amy.upn })).filter((e) => e.what !== 'alert.raised')).toEqual([
      expect.objectContaining({ who: 'aad-lead', what: 'alert.reason-received', schoolUrn: '100001' }),
    ]);
  });
});
