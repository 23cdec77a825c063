import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { readConfig } from '../../../bot/config.ts';
import { ProactiveSendError, type ConversationRef } from '../../../bot/host/featureHost.ts';
import { FeatureRegistry } from '../../../bot/host/featureRegistry.ts';
import { silentLog } from '../../../bot/log.ts';
import { createTeamsBot } from '../../../bot/wiring/teamsBot.ts';
import { ScriptedConnector } from './scriptedConnector.ts';

/**
 * What the paced sender relies on from the wiring's proactive sends: a refused send rejects with Teams'
 * status (so the outbox can drop, wait or retry), and an accepted one resolves with the activity id.
 */
describe('proactive sends through the Teams wiring', () => {
  let connector: ScriptedConnector;
  const registry = new FeatureRegistry();
  beforeAll(async () => {
    connector = await new ScriptedConnector().start();
    createTeamsBot(readConfig({}), registry, silentLog);
  });
  afterAll(async () => connector?.stop());

  const reference = (): ConversationRef => ({
    serviceUrl: connector.url,
    channelId: 'msteams',
    conversation: { id: '19:c@thread.tacv2', conversationType: 'channel', tenantId: 't' },
    bot: { id: '28:bot' },
  });

  it('resolves with the id Teams gave an accepted send', async () => {
    connector.answer = () => ({ status: 200 });
    expect((await registry.proactive.send(reference(), { text: 'hello' })).id).toMatch(/^activity-/);
  });

  it('rejects with the status when Teams refuses the send (403: the bot was removed)', async () => {
    connector.answer = () => ({ status: 403 });
    const failure = await registry.proactive.send(reference(), { text: 'hello' }).catch((err: unknown) => err);
    expect(failure).toBeInstanceOf(ProactiveSendError);
    expect((failure as ProactiveSendError).status).toBe(403);
  });

  it('rejects with 429 once Teams keeps throttling', { timeout: 30_000 }, async () => {
    connector.answer = () => ({ status: 429, retryAfterSeconds: 0 });
    const failure = await registry.proactive.send(reference(), { text: 'hello' }).catch((err: unknown) => err);
    expect((failure as ProactiveSendError).status).toBe(429);
  });
});
