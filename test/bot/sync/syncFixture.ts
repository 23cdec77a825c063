import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { syncWondeSchool } from '../../../adapters/wonde/syncWondeSchool.ts';
import { WondeClient } from '../../../adapters/wonde/wondeClient.ts';
import { type Clock } from '../../../adapters/teams/clock.ts';
import { FindingsCache } from '../../../bot/schools/findingsCache.ts';
import { loadSchools, type SchoolData } from '../../../bot/schools/schoolData.ts';
import { AUTUMN_2025 } from '../../support/registerFixture.ts';
import { type FakeWonde } from '../../support/fakeWonde.ts';
import { SCHOOL_ID, TOKEN } from '../../adapters/wonde/wondeFixture.ts';

/** 17:00 on Friday 17 October 2025 in London: after that day's registers closed. */
export const EVENING = Date.parse('2025-10-17T16:00:00Z');

export const fixedClock = (at = EVENING): Clock => ({ now: () => at, sleep: async () => undefined });

export const testClient = (fake: FakeWonde) =>
  new WondeClient({ token: TOKEN, baseUrl: fake.baseUrl, sleep: async () => undefined });

/**
 * ATTENDANCE_DATA holding Castle Hill's bundle as a first sync left it: the autumn term's calendar, and
 * Wonde's marks to `through`.
 */
export async function syncedDataDir(fake: FakeWonde, through = '2025-10-15'): Promise<string> {
  const root = mkdtempSync(join(tmpdir(), 'wonde-data-'));
  const calendar = join(root, 'term-dates.json');
  writeFileSync(calendar, JSON.stringify(AUTUMN_2025));
  await syncWondeSchool(testClient(fake), {
    schoolId: SCHOOL_ID,
    into: join(root, 'castle-hill'),
    from: '2025-10-06',
    to: through,
    seenAt: '2025-10-15T17:00:00.000Z',
    calendar,
  });
  return root;
}

/** Every school's findings at its own "today", as the bot's cache gives them. */
export function findingsOf(schools: readonly SchoolData[], cache = new FindingsCache()) {
  return schools.map((s) => ({ urn: s.urn, asOf: s.asOf, findings: cache.evaluation(s, s.asOf).findings }));
}

/** The same, from the bundles read afresh: what a restart or a reload would answer. */
export function rebuiltFindings(dataDir: string) {
  return findingsOf(loadSchools(dataDir));
}
