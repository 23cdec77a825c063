import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, afterEach, beforeEach, describe, expect, it } from 'vitest';
import { EmbeddedStateStore } from '../../../adapters/store/embeddedStateStore.ts';
import { RedisStateStore } from '../../../adapters/store/redisStateStore.ts';
import { type StateStore } from '../../../adapters/store/stateStore.ts';
import { startBot, type RunningBot } from '../../../bot/app/startBot.ts';
import { readConfig } from '../../../bot/config.ts';
import { silentLog } from '../../../bot/log.ts';
import { latestRegisterUpdate } from '../../../bot/sync/registerJournal.ts';
import { type FakeWonde } from '../../support/fakeWonde.ts';
import { SCHOOL_ID, TOKEN, startFakeWonde } from '../../adapters/wonde/wondeFixture.ts';
import {
  deleteKeysWithPrefix,
  REDIS_SKIP_NOTE,
  redisUrlForTests,
  uniqueTestPrefix,
} from '../../adapters/store/redisTestConnection.ts';
import { ScriptedConnector } from '../alerts/scriptedConnector.ts';
import { installationUpdate, post } from '../alerts/teamsActivity.ts';
import { findingsOf, rebuiltFindings, syncedDataDir } from './syncFixture.ts';

const SCAN_TOKEN = 'test-scan-token-0123456789';
const auth = { authorization: `Bearer ${SCAN_TOKEN}` };

interface Instance {
  bot: RunningBot;
  url: string;
  store: StateStore;
}

/** The product's bot (startBot with its own features and runtimes) with the Wonde feed pointed at the fake. */
async function startInstance(
  fake: FakeWonde,
  dataDir: string,
  store: StateStore,
  name: string,
  wonde = true,
): Promise<Instance> {
  const config = readConfig({
    ATTENDANCE_DATA: dataDir,
    ATTENDANCE_STATE_DIR: join(dataDir, `.state-${name}`),
    PORT: '0',
    SCAN_TOKEN,
    ALERT_SCANS: 'off',
    INSTANCE_ID: `instance-${name}`,
    ...(wonde
      ? {
          WONDE_TOKEN: TOKEN,
          WONDE_BASE_URL: fake.baseUrl,
          WONDE_SCHOOLS: SCHOOL_ID,
          WONDE_SYNC_TIMES: 'off',
          WONDE_POLL_SECONDS: '1',
        }
      : {}),
  });
  const bot = await startBot({ config, store, log: silentLog });
  return { bot, url: `http://127.0.0.1:${bot.server.port}`, store };
}

async function waitFor(check: () => boolean, ms = 10_000): Promise<void> {
  const until = Date.now() + ms;
  while (!check()) {
    if (Date.now() > until) throw new Error('timed out waiting');
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}

describe('POST /api/sync', () => {
  let fake: FakeWonde;
  let dataDir: string;
  let store: EmbeddedStateStore;
  let instance: Instance | undefined;

  beforeEach(async () => {
    fake = await startFakeWonde();
    dataDir = await syncedDataDir(fake);
    store = EmbeddedStateStore.open(mkdtempSync(join(tmpdir(), 'sync-state-')));
  });
  afterEach(async () => {
    await instance?.bot.close();
    instance = undefined;
    await store.close();
    await fake.stop();
    rmSync(dataDir, { recursive: true, force: true });
  });

  it('needs the operator token, checks its body, and says how to turn the feed on', async () => {
    instance = await startInstance(fake, dataDir, store, 'solo', false);
    expect((await post(`${instance.url}/api/sync`, undefined)).status).toBe(401);
    const off = await post(`${instance.url}/api/sync`, undefined, auth);
    expect(off).toMatchObject({
      status: 503,
      body: { error: expect.stringMatching(/set WONDE_TOKEN and WONDE_SCHOOLS/) },
    });
  });

  it('syncs, answers with what each school gave, and the bot answers from the new day at once', async () => {
    instance = await startInstance(fake, dataDir, store, 'solo');
    const bad = await post(`${instance.url}/api/sync`, { schools: ['100001'] }, auth);
    expect(bad).toMatchObject({ status: 400, body: { error: expect.stringMatching(/Wonde id such as A1930499544/) } });
    const done = await post(`${instance.url}/api/sync`, { to: '2025-10-17' }, auth);
    expect(done.status).toBe(200);
    expect(done.body).toMatchObject({
      status: 'synced',
      seq: 1,
      schools: [{ wondeId: SCHOOL_ID, urn: '100001', to: '2025-10-17', marksAdded: 28, amendments: 0, leftOut: [] }],
      applied: [{ urn: '100001', how: 'in-place', changed: 28, asOf: '2025-10-17' }],
    });
    const { schools, cache } = instance.bot.services;
    expect(findingsOf(schools, cache)).toStrictEqual(rebuiltFindings(dataDir));
  });
});

const url = redisUrlForTests();

describe.skipIf(!url)(`two bot instances on one Redis, fed by Wonde${url ? '' : ` (${REDIS_SKIP_NOTE})`}`, () => {
  const keyPrefix = uniqueTestPrefix('wonde-sync');
  const instances: Instance[] = [];
  let fake: FakeWonde;
  let connector: ScriptedConnector;
  let dataDir: string;

  afterAll(async () => {
    for (const i of instances) {
      await i.bot.close();
      await i.store.close();
    }
    await connector?.stop();
    await fake?.stop();
    if (dataDir) rmSync(dataDir, { recursive: true, force: true });
    if (url) await deleteKeysWithPrefix(url, keyPrefix);
  });

  it(
    'one syncs, both apply the same update in place, findings equal a rebuild, and the new day’s alerts are raised once',
    { timeout: 60_000 },
    async () => {
      fake = await startFakeWonde();
      connector = await new ScriptedConnector().start();
      dataDir = await syncedDataDir(fake);
      for (const name of ['a', 'b'])
        instances.push(await startInstance(fake, dataDir, await RedisStateStore.connect(url!, { keyPrefix }), name));
      const [a, b] = instances;
      expect(
        (await post(`${a.url}/api/messages`, installationUpdate(connector.url, '19:attendance@thread.tacv2'))).status,
      ).toBe(200);
      const registers = instances.map((i) => i.bot.services.schools[0].register);

      // Both are asked at once (a scheduler on each, or an operator's retry): one syncs, the other gives way.
      const answers = await Promise.all(instances.map((i) => post(`${i.url}/api/sync`, { to: '2025-10-17' }, auth)));
      const synced = answers.filter((r) => r.status === 200 && (r.body as { seq: number }).seq > 0);
      expect(synced).toHaveLength(1);
      for (const r of answers) expect([200, 409]).toContain(r.status);
      expect(await latestRegisterUpdate(a.store)).toBe(1);

      // The other instance applies the published update within its poll.
      await waitFor(() => instances.every((i) => i.bot.services.schools[0].asOf === '2025-10-17'));
      instances.forEach((i, k) => expect(i.bot.services.schools[0].register).toBe(registers[k]));
      const rebuilt = rebuiltFindings(dataDir);
      for (const i of instances)
        expect(findingsOf(i.bot.services.schools, i.bot.services.cache)).toStrictEqual(rebuilt);

      // The syncing instance scanned for the new day; a scan on the other finds nothing more to raise.
      const queued = (await a.store.listOutbox()).filter((item) => item.kind.startsWith('alert:'));
      expect(queued.length).toBeGreaterThan(0);
      expect(new Set(queued.map((item) => item.id)).size).toBe(queued.length);
      expect((await post(`${b.url}/api/scan`, undefined, auth)).body).toMatchObject({ queued: 0 });
      expect((await post(`${a.url}/api/scan`, undefined, auth)).body).toMatchObject({ queued: 0 });
    },
  );
});
