import { afterAll, describe, expect, it } from 'vitest';
import { RedisStateStore } from '../../../adapters/store/redisStateStore.ts';
import {
  deleteKeysWithPrefix,
  REDIS_SKIP_NOTE,
  redisUrlForTests,
  uniqueTestPrefix,
} from '../../adapters/store/redisTestConnection.ts';
import { SCAN_TOKEN, startAlertBot, writeAlertSchool, type AlertBot } from './alertBot.ts';
import { ScriptedConnector } from './scriptedConnector.ts';
import { installationUpdate, post } from './teamsActivity.ts';

const url = redisUrlForTests();
const CHANNELS = Array.from({ length: 6 }, (_, i) => `19:shared-${i}@thread.tacv2`);

describe.skipIf(!url)(`two bot instances on one Redis${url ? '' : ` (${REDIS_SKIP_NOTE})`}`, () => {
  const keyPrefix = uniqueTestPrefix('two-bots');
  const bots: AlertBot[] = [];
  const stores: RedisStateStore[] = [];
  let connector: ScriptedConnector;

  afterAll(async () => {
    for (const bot of bots) await bot.close();
    for (const store of stores) await store.close();
    await connector?.stop();
    if (url) await deleteKeysWithPrefix(url, keyPrefix);
  });

  it('both scan at once and both deliver, and every alert arrives once', { timeout: 30_000 }, async () => {
    connector = await new ScriptedConnector().start();
    const dataDir = writeAlertSchool();
    for (const name of ['a', 'b']) {
      const store = await RedisStateStore.connect(url!, { keyPrefix });
      stores.push(store);
      bots.push(await startAlertBot({ store, dataDir, instanceId: `instance-${name}` }));
    }
    // Installs arrive at whichever instance the load balancer picks.
    for (const [i, id] of CHANNELS.entries())
      expect((await post(`${bots[i % 2].url}/api/messages`, installationUpdate(connector.url, id))).status).toBe(200);
    const welcomes = connector.requests.length;
    const scans = await Promise.all(
      bots.map((bot) => post(`${bot.url}/api/scan`, undefined, { authorization: `Bearer ${SCAN_TOKEN}` })),
    );
    const queued = scans.map((s) => (s.body as { queued: number }).queued);
    expect(queued[0] + queued[1]).toBe(CHANNELS.length * 5);
    await Promise.all(bots.map((bot) => bot.runtime.deliver()));
    const delivered = connector
      .accepted()
      .slice(welcomes)
      .map((r) => `${r.conversationId}|${String(r.activity.summary)}`);
    expect(delivered).toHaveLength(CHANNELS.length * 5);
    expect(new Set(delivered).size).toBe(delivered.length);
    // A later scan on either instance finds nothing new.
    expect(
      (await post(`${bots[1].url}/api/scan`, undefined, { authorization: `Bearer ${SCAN_TOKEN}` })).body,
    ).toMatchObject({ queued: 0 });
  });
});
