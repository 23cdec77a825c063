import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { EmbeddedStateStore } from '../../../adapters/store/embeddedStateStore.ts';
import { putRecordedTimetable } from '../../../adapters/store/partTimeTimetableRecords.ts';
import { startBot, type RunningBot } from '../../../bot/app/startBot.ts';
import { readConfig } from '../../../bot/config.ts';
import { silentLog } from '../../../bot/log.ts';
import { type PartTimeTimetable } from '../../../rules/partTime/partTimeTimetable.ts';
import { AUTUMN_2025, fixtureUpn, writeBundle, type FixtureSpec } from '../../support/registerFixture.ts';

/** Eve's timetable as the school's export has it: since 6 October, no review date set (Derby para 21). */
const FROM_EXPORT: PartTimeTimetable = {
  upn: fixtureUpn(1),
  start: '2025-10-06',
  proposedEnd: '2025-12-19',
  sessionsOff: [{ weekday: 5, half: 'PM' }],
  schoolAgreedOn: '2025-10-01',
  parentAgreedOn: '2025-10-01',
  reviews: [],
};

const SPEC: FixtureSpec = {
  school: { urn: '100040', name: 'Riverside School', localAuthority: 'Fixture LA', policy: 'derby' },
  calendar: AUTUMN_2025,
  pupils: [{ givenName: 'Eve', familyName: 'Hart', dateOfBirth: '2012-09-09', marksUntil: '2025-11-21' }],
  partTimeTimetables: [FROM_EXPORT],
};

let root: string | undefined;
let bot: RunningBot | undefined;
let store: EmbeddedStateStore | undefined;
afterEach(async () => {
  await bot?.close();
  await store?.close();
  if (root) rmSync(root, { recursive: true, force: true });
  bot = store = root = undefined;
});

describe('a running bot and timetables recorded on another instance', () => {
  it('answers from a review another instance recorded within its refresh, without an alert scan', async () => {
    root = mkdtempSync(join(tmpdir(), 'timetable-refresh-'));
    const dataDir = writeBundle(join(root, 'data'), SPEC);
    const config = readConfig({
      ATTENDANCE_DATA: dataDir,
      ATTENDANCE_AS_OF: '2025-11-21',
      PORT: '0',
      ATTENDANCE_STATE_DIR: join(root, 'state'),
    });
    store = EmbeddedStateStore.open(config.stateDir);
    bot = await startBot({ config, store, log: silentLog, recordedTimetablesRefreshMs: 50 });
    const school = bot.services.schools[0];
    const partTimeRules = () =>
      bot!.services.cache
        .evaluation(school, '2025-11-21')
        .findings.filter((f) => f.rule.startsWith('part-time'))
        .map((f) => f.rule);
    expect(partTimeRules().length).toBeGreaterThan(0);

    // What another instance's walk-through writes: the review held, the next one set.
    await putRecordedTimetable(
      store,
      {
        schoolUrn: '100040',
        timetable: { ...FROM_EXPORT, reviews: [{ on: '2025-11-20' }], nextReview: '2025-12-18' },
        history: [{ what: 'review', on: '2025-11-20', by: 'aad-lead', at: '2025-11-21T09:00:00Z' }],
      },
      null,
    );
    await vi.waitFor(() => expect(partTimeRules()).toEqual([]), { timeout: 2_000, interval: 25 });
  });
});
