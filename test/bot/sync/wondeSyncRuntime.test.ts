import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { EmbeddedStateStore } from '../../../adapters/store/embeddedStateStore.ts';
import { silentLog } from '../../../bot/log.ts';
import { FindingsCache } from '../../../bot/schools/findingsCache.ts';
import { loadSchools } from '../../../bot/schools/schoolData.ts';
import { readWondeSyncConfig } from '../../../bot/sync/wondeSyncConfig.ts';
import { startWondeSyncRuntime } from '../../../bot/sync/wondeSyncRuntime.ts';
import { type FakeWonde } from '../../support/fakeWonde.ts';
import { LOCAL_CODE_ID, REVOKED_ID, SCHOOL_ID, TOKEN, startFakeWonde } from '../../adapters/wonde/wondeFixture.ts';
import { findingsOf, fixedClock, rebuiltFindings, syncedDataDir, testClient } from './syncFixture.ts';

let fake: FakeWonde;
let stateDir: string;
let dataDir: string;

beforeEach(async () => {
  fake = await startFakeWonde();
  stateDir = mkdtempSync(`${tmpdir()}/wonde-state-`);
  dataDir = await syncedDataDir(fake);
});
afterEach(async () => {
  await fake.stop();
  rmSync(stateDir, { recursive: true, force: true });
  rmSync(dataDir, { recursive: true, force: true });
});

function start(schoolIds = [SCHOOL_ID], shared?: EmbeddedStateStore) {
  const store = shared ?? EmbeddedStateStore.open(stateDir);
  const schools = loadSchools(dataDir);
  const cache = new FindingsCache();
  const scanned: string[][] = [];
  const config = readWondeSyncConfig({
    WONDE_TOKEN: TOKEN,
    WONDE_SCHOOLS: schoolIds.join(','),
    WONDE_SYNC_TIMES: 'off',
  }).config!;
  const runtime = startWondeSyncRuntime({
    config,
    schools,
    cache,
    store,
    log: silentLog,
    instanceId: shared ? 'second' : 'first',
    clock: fixedClock(),
    timeZone: 'Europe/London',
    scheduled: false,
    pollMs: null,
    client: testClient(fake),
    afterSync: async (urns) => {
      scanned.push(urns);
    },
  });
  return { store, schools, cache, runtime, scanned };
}

describe('the Wonde sync in the running bot', () => {
  it('applies the new days in place, moves "today" on, and answers what a full rebuild answers', async () => {
    const { store, schools, cache, runtime, scanned } = start();
    const register = schools[0].register;
    expect(schools[0].asOf).toBe('2025-10-15');
    cache.warm(schools[0]);
    const report = await runtime.syncNow();
    expect(report.status).toBe('synced');
    expect(report.seq).toBe(1);
    // Two days (16th and 17th) for seven pupils, two sessions each.
    expect(report.applied).toEqual([{ urn: '100001', how: 'in-place', changed: 28, unchanged: 0, asOf: '2025-10-17' }]);
    expect(schools[0].register).toBe(register);
    expect(findingsOf(schools, cache)).toStrictEqual(rebuiltFindings(dataDir));
    expect(findingsOf(schools, cache)[0].findings.some((f) => f.rule === 'unexplained-absence')).toBe(true);
    expect(scanned).toEqual([['100001']]);
    await store.close();
  });

  it('carries an amendment (an N given its reason) into the running register as well as the bundle', async () => {
    const { store, schools, cache, runtime } = start();
    for (const mark of fake.marks.get(SCHOOL_ID)!)
      if (mark.student === 'A2001' && mark.date === '2025-10-15') mark.code = 'I';
    const report = await runtime.syncNow();
    expect(report.schools[0]).toMatchObject({ amendments: 2, marksAdded: 28 });
    expect(report.applied[0]).toMatchObject({ how: 'in-place', changed: 30 });
    expect(findingsOf(schools, cache)).toStrictEqual(rebuiltFindings(dataDir));
    await store.close();
  });

  it('publishes nothing and changes nothing when Wonde has nothing new', async () => {
    const { store, runtime } = start();
    await runtime.syncNow();
    const again = await runtime.syncNow();
    expect(again).toMatchObject({ status: 'synced', seq: 0, applied: [] });
    await store.close();
  });

  it('reports a revoked school, a school with no bundle here, and a code it does not know, and syncs the rest', async () => {
    const { store, runtime } = start([SCHOOL_ID, REVOKED_ID, LOCAL_CODE_ID]);
    const report = await runtime.syncNow();
    const [ok, revoked, unknown] = report.schools;
    expect(ok).toMatchObject({ wondeId: SCHOOL_ID, marksAdded: 28 });
    expect(revoked.error).toMatch(/has not approved this app or has revoked its access/);
    expect(unknown.error).toMatch(/no register bundle is loaded for URN 100003/);
    expect(report.applied).toHaveLength(1);
    await store.close();
  });

  it('gives way when another instance holds the sync lease', async () => {
    // Two runtimes on one store stand for two instances (the Redis test below runs two real bots).
    const first = start();
    const second = start([SCHOOL_ID], first.store);
    const [a, b] = await Promise.all([first.runtime.syncNow(), second.runtime.syncNow()]);
    expect([a.status, b.status].sort()).toEqual(['busy', 'synced']);
    // The lease is given up after the sync, so the next one goes ahead at once.
    expect((await second.runtime.syncNow()).status).toBe('synced');
    await first.store.close();
  });
});

describe('WONDE_* settings', () => {
  it('are off without a token, and name what is missing or wrong', () => {
    expect(readWondeSyncConfig({})).toEqual({ config: undefined, problems: [] });
    expect(readWondeSyncConfig({ WONDE_SCHOOLS: SCHOOL_ID }).problems[0]).toMatch(
      /WONDE_SCHOOLS is set but WONDE_TOKEN is not/,
    );
    expect(readWondeSyncConfig({ WONDE_TOKEN: TOKEN }).problems[0]).toMatch(/WONDE_SCHOOLS is not/);
    expect(readWondeSyncConfig({ WONDE_TOKEN: TOKEN, WONDE_SCHOOLS: '100001' }).problems[0]).toMatch(
      /Wonde school ids, such as A1930499544/,
    );
    expect(
      readWondeSyncConfig({ WONDE_TOKEN: TOKEN, WONDE_SCHOOLS: SCHOOL_ID, WONDE_SYNC_TIMES: '4pm' }).problems[0],
    ).toMatch(/WONDE_SYNC_TIMES: "4pm" is not a time/);
    const config = readWondeSyncConfig({ WONDE_TOKEN: TOKEN, WONDE_SCHOOLS: `${SCHOOL_ID}, ${SCHOOL_ID}` }).config!;
    expect(config).toMatchObject({ schools: [SCHOOL_ID], times: [{ hour: 16, minute: 30 }], pollMs: 30_000 });
  });
});
