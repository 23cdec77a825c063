import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { EmbeddedStateStore } from '../../../adapters/store/embeddedStateStore.ts';
import {
  PART_TIME_NAMESPACE,
  partTimeRecordId,
  putRecordedTimetable,
} from '../../../adapters/store/partTimeTimetableRecords.ts';
import { AlertScanner } from '../../../bot/alerts/alertScanner.ts';
import { silentLog } from '../../../bot/log.ts';
import { FindingsCache } from '../../../bot/schools/findingsCache.ts';
import { RecordedTimetables } from '../../../bot/schools/recordedTimetables.ts';
import { type SchoolData } from '../../../bot/schools/schoolData.ts';
import { type PartTimeTimetable } from '../../../rules/partTime/partTimeTimetable.ts';
import { AUTUMN_2025, fixtureUpn, makeRegister, type FixtureSpec } from '../../support/registerFixture.ts';
import { schoolFromSpec } from '../support/scriptedBot.ts';

const SPEC: FixtureSpec = {
  school: { urn: '100040', name: 'Riverside School', policy: 'derby' },
  calendar: AUTUMN_2025,
  pupils: [{ givenName: 'Eve', familyName: 'Hart', dateOfBirth: '2012-09-09', marksUntil: '2025-11-21' }],
};

/** Eve's timetable as the school's export has it: since 6 October, no review date set. */
const FROM_EXPORT: PartTimeTimetable = {
  upn: fixtureUpn(1),
  start: '2025-10-06',
  proposedEnd: '2025-12-19',
  sessionsOff: [{ weekday: 5, half: 'PM' }],
  schoolAgreedOn: '2025-10-01',
  parentAgreedOn: '2025-10-01',
  reviews: [],
};
const REVIEWED: PartTimeTimetable = { ...FROM_EXPORT, reviews: [{ on: '2025-11-20' }], nextReview: '2025-12-18' };

function schoolWithExport(): SchoolData {
  const school = schoolFromSpec(SPEC);
  school.register.partTimeTimetables = [FROM_EXPORT];
  return school;
}

const rules = (cache: FindingsCache, school: SchoolData) =>
  cache.evaluation(school, '2025-11-21').findings.map((f) => f.rule);

describe('part-time timetables recorded in the bot, laid over the register’s own', () => {
  let dir: string;
  let store: EmbeddedStateStore;
  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'recorded-timetables-'));
    store = EmbeddedStateStore.open(dir);
  });
  afterEach(async () => {
    await store.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it('changes the findings the cache holds as soon as a review is recorded', () => {
    const recorded = new RecordedTimetables();
    const cache = new FindingsCache(undefined, recorded);
    const school = schoolWithExport();
    expect(rules(cache, school)).toEqual(['part-time-review-overdue']);
    recorded.put(school, REVIEWED);
    expect(rules(cache, school)).toEqual([]);
    expect(school.register.partTimeTimetables).toEqual([REVIEWED]);
  });

  it('lays the record over a register read afresh (a reload), not over the merge before it', () => {
    const recorded = new RecordedTimetables();
    const cache = new FindingsCache(undefined, recorded);
    const school = schoolWithExport();
    recorded.put(school, { ...FROM_EXPORT, start: '2025-11-24', reviews: [], nextReview: '2025-12-05' });
    recorded.put(school, { ...FROM_EXPORT, start: '2025-11-24', reviews: [], nextReview: '2025-12-12' });
    expect(school.register.partTimeTimetables!.map((t) => t.start)).toEqual(['2025-10-06', '2025-11-24']);
    const reloaded: SchoolData = { ...school, register: makeRegister(SPEC) };
    reloaded.register.partTimeTimetables = [FROM_EXPORT];
    cache.warm(reloaded);
    expect(reloaded.register.partTimeTimetables!.map((t) => `${t.start} ${t.nextReview ?? ''}`)).toEqual([
      '2025-10-06 ',
      '2025-11-24 2025-12-12',
    ]);
  });

  it('reads what another instance recorded on the next load, and keeps the findings when nothing changed', async () => {
    const recorded = new RecordedTimetables();
    const cache = new FindingsCache(undefined, recorded);
    const school = schoolWithExport();
    await recorded.load(store);
    const before = cache.evaluation(school, '2025-11-21');
    await recorded.load(store);
    expect(cache.evaluation(school, '2025-11-21')).toBe(before);
    await putRecordedTimetable(
      store,
      {
        schoolUrn: '100040',
        timetable: REVIEWED,
        history: [{ what: 'review', on: '2025-11-20', by: 'aad-2', at: '2025-11-21T09:00:00Z' }],
      },
      null,
    );
    await recorded.load(store);
    expect(rules(cache, school)).toEqual([]);
  });

  it('leaves another school’s register alone', () => {
    const recorded = new RecordedTimetables();
    const school = schoolWithExport();
    const other = schoolFromSpec({ ...SPEC, school: { urn: '100041', name: 'Other School' } });
    recorded.put(school, REVIEWED);
    recorded.applyTo(other);
    expect(other.register.partTimeTimetables).toEqual([]);
  });

  it('raises no part-time alert in a scan once another instance has recorded the review the export lacks', async () => {
    await store.putConversation({
      conversationId: '19:riverside@thread.tacv2',
      scope: 'channel',
      reference: {},
      installedAt: '2025-11-01T08:00:00Z',
    });
    await store.putBinding({
      conversationId: '19:riverside@thread.tacv2',
      schoolUrn: '100040',
      privacy: 'limited',
      alertsOff: [],
      boundAt: '2025-11-01T08:00:00Z',
    });
    const scan = async () => {
      const school = schoolWithExport();
      const scanner = new AlertScanner([school], store, silentLog, () => new Date(), new RecordedTimetables());
      await scanner.scan({ asOf: '2025-11-21' });
      return (await store.listOutbox()).filter((i) => i.kind.includes('part-time')).length;
    };
    await putRecordedTimetable(
      store,
      {
        schoolUrn: '100040',
        timetable: REVIEWED,
        history: [{ what: 'review', on: '2025-11-20', by: 'aad-2', at: '2025-11-21T09:00:00Z' }],
      },
      null,
    );
    expect(await scan()).toBe(0);
    await store.deleteRecord(PART_TIME_NAMESPACE, partTimeRecordId('100040', FROM_EXPORT));
    expect(await scan()).toBe(1);
  });
});
