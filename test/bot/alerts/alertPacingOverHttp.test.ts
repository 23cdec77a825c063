import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { TEAMS_PACING_LIMITS } from '../../../adapters/teams/pacingLimits.ts';
import { paceViolations } from '../../adapters/teams/fakeTeamsEndpoint.ts';
import { VirtualClock } from '../../adapters/teams/virtualClock.ts';
import { startAlertBot, type AlertBot } from './alertBot.ts';
import { ScriptedConnector } from './scriptedConnector.ts';
import { installationUpdate, post } from './teamsActivity.ts';

const channels = Array.from({ length: 20 }, (_, i) => `19:channel-${i}@thread.tacv2`);

describe('a burst of 200 alerts across 20 conversations over HTTP', () => {
  const clock = new VirtualClock();
  let connector: ScriptedConnector;
  let bot: AlertBot;

  beforeAll(async () => {
    connector = await new ScriptedConnector(() => clock.now()).start();
    // Virtual time stands still while a request is on the wire, so the connector sees when it was sent.
    bot = await startAlertBot({
      clock,
      wrapSend: (send) => async (reference, message) => {
        clock.hold();
        try {
          return await send(reference, message);
        } finally {
          clock.release();
        }
      },
    });
    for (const id of channels) await post(`${bot.url}/api/messages`, installationUpdate(connector.url, id));
  });
  afterAll(async () => {
    await bot?.close();
    await connector?.stop();
  });

  // Teams' 429s are exercised against the sender itself (test/adapters/teams/outboxSender.test.ts, in
  // virtual time): through botbuilder a 429 is retried inside the SDK with real-time waits before it
  // reaches the sender, which a virtual clock cannot shorten. Here the whole path is held to the limits.
  it('all arrive once and within the pacing limits at the connector', { timeout: 60_000 }, async () => {
    const welcomes = connector.requests.length;
    for (const conversationId of channels) {
      for (let n = 0; n < 10; n++) {
        const id = `${conversationId}#${n}`;
        await bot.store.enqueue(
          {
            id,
            conversationId,
            tenantId: 'tenant-1',
            kind: 'alert:test',
            createdAt: new Date(clock.now() + n).toISOString(),
            message: { text: id },
          },
          [id],
        );
      }
    }
    const started = clock.now();
    await bot.runtime.deliver();
    const burst = connector.requests.slice(welcomes);
    const accepted = burst.filter((r) => r.ok).map((r) => String(r.activity.text));
    expect(accepted).toHaveLength(200);
    expect(new Set(accepted).size).toBe(200);
    expect(
      paceViolations(
        burst.map((r) => r.at),
        TEAMS_PACING_LIMITS.perTenant,
      ),
    ).toEqual([]);
    for (const id of channels)
      expect(
        paceViolations(
          burst.filter((r) => r.conversationId === id).map((r) => r.at),
          TEAMS_PACING_LIMITS.perConversation,
        ),
      ).toEqual([]);
    // 200 sends at no more than 50 a second take at least 3 seconds of (virtual) time.
    expect(clock.now() - started).toBeGreaterThanOrEqual(3000);
    expect(await bot.store.listOutbox('pending')).toEqual([]);
  });
});
