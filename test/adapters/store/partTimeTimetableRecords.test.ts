import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { EmbeddedStateStore } from '../../../adapters/store/embeddedStateStore.ts';
import {
  getRecordedTimetable,
  listRecordedTimetables,
  PART_TIME_NAMESPACE,
  putRecordedTimetable,
  type RecordedPartTimeTimetable,
} from '../../../adapters/store/partTimeTimetableRecords.ts';
import { RedisStateStore } from '../../../adapters/store/redisStateStore.ts';
import { ResilientStateStore } from '../../../adapters/store/resilientStateStore.ts';
import { VersionConflictError, type StateStore } from '../../../adapters/store/stateStore.ts';
import { StoreUnavailableError } from '../../../adapters/store/storeUnavailableError.ts';
import { deleteKeysWithPrefix, REDIS_SKIP_NOTE, redisUrlForTests, uniqueTestPrefix } from './redisTestConnection.ts';

const RECORD: RecordedPartTimeTimetable = {
  schoolUrn: '100001',
  timetable: {
    upn: 'A820123425001',
    start: '2025-11-24',
    proposedEnd: '2025-12-19',
    sessionsOff: [
      { weekday: 1, half: 'PM' },
      { weekday: 3, half: 'PM' },
    ],
    schoolAgreedOn: '2025-11-20',
    parentAgreedOn: '2025-11-20',
    plan: 'Health care plan',
    nextReview: '2025-12-05',
    reviews: [],
  },
  walkId: 'walk-1',
  history: [{ what: 'recorded', on: '2025-11-21', by: 'aad-1', byName: 'Sam Lead', at: '2025-11-21T10:00:00.000Z' }],
};

function roundTrip(
  name: string,
  open: () => Promise<{ store: StateStore; reopen: () => Promise<StateStore>; done: () => Promise<void> }>,
) {
  describe(`recorded part-time timetables in the ${name} store`, () => {
    let store: StateStore;
    let handle: Awaited<ReturnType<typeof open>>;
    beforeEach(async () => {
      handle = await open();
      store = handle.store;
    });
    afterEach(async () => {
      await handle.done();
    });

    it('keeps a recorded timetable, with a review and its history, across a restart', async () => {
      const first = await putRecordedTimetable(store, RECORD, null);
      expect(first.version).toBe(1);
      const reviewed: RecordedPartTimeTimetable = {
        ...RECORD,
        timetable: {
          ...RECORD.timetable,
          reviews: [{ on: '2025-12-05', extendedTo: '2026-01-09' }],
          nextReview: undefined,
        },
        history: [...RECORD.history, { what: 'review', on: '2025-12-05', by: 'aad-1', at: '2025-12-05T15:00:00.000Z' }],
      };
      await putRecordedTimetable(store, JSON.parse(JSON.stringify(reviewed)), 1);
      store = await handle.reopen();
      const read = await getRecordedTimetable(store, '100001', 'A820123425001', '2025-11-24');
      expect(read?.version).toBe(2);
      expect(read?.value.timetable.reviews).toEqual([{ on: '2025-12-05', extendedTo: '2026-01-09' }]);
      expect(read?.value.timetable.nextReview).toBeUndefined();
      expect(read?.value.history.map((h) => h.what)).toEqual(['recorded', 'review']);
      expect((await listRecordedTimetables(store, '100001')).records).toHaveLength(1);
      expect((await listRecordedTimetables(store, '100002')).records).toHaveLength(0);
    });

    it('refuses a second recording of the same pupil and start: the first one stands', async () => {
      await putRecordedTimetable(store, RECORD, null);
      await expect(putRecordedTimetable(store, { ...RECORD, walkId: 'walk-2' }, null)).rejects.toBeInstanceOf(
        VersionConflictError,
      );
      expect(
        (await getRecordedTimetable(store, '100001', RECORD.timetable.upn, RECORD.timetable.start))?.value.walkId,
      ).toBe('walk-1');
    });

    it('leaves out a record that does not fit the shape, and says which and why', async () => {
      await putRecordedTimetable(store, RECORD, null);
      await store.putRecord(
        PART_TIME_NAMESPACE,
        '100001:X:2025-01-01',
        { schoolUrn: '100001', timetable: { upn: 'X' } },
        null,
      );
      const { records, problems } = await listRecordedTimetables(store);
      expect(records).toHaveLength(1);
      expect(problems).toHaveLength(1);
      expect(problems[0]).toContain('100001:X:2025-01-01');
      expect(problems[0]).toContain('record it again in the bot');
    });
  });
}

roundTrip('embedded', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'part-time-store-'));
  let store: StateStore = EmbeddedStateStore.open(dir);
  return {
    store,
    reopen: async () => {
      await store.close();
      store = EmbeddedStateStore.open(dir);
      return store;
    },
    done: async () => {
      await store.close();
      rmSync(dir, { recursive: true, force: true });
    },
  };
});

const url = redisUrlForTests();
describe.skipIf(!url)(`redis${url ? '' : ` (${REDIS_SKIP_NOTE})`}`, () => {
  roundTrip('Redis', async () => {
    const keyPrefix = uniqueTestPrefix('part-time');
    let store: StateStore = await RedisStateStore.connect(url!, { keyPrefix });
    return {
      store,
      reopen: async () => {
        await store.close();
        store = await RedisStateStore.connect(url!, { keyPrefix });
        return store;
      },
      done: async () => {
        await store.close();
        await deleteKeysWithPrefix(url!, keyPrefix);
      },
    };
  });
});

describe('recording a part-time timetable while the store is down', () => {
  it('is refused plainly by the outage wrapper, and nothing is written', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'part-time-outage-'));
    const inner = EmbeddedStateStore.open(dir);
    const state = { down: false };
    const flaky = new Proxy(inner, {
      get(target, key, receiver) {
        const value = Reflect.get(target, key, receiver) as unknown;
        if (typeof value !== 'function' || key === 'close') return value;
        return (...args: unknown[]) =>
          state.down
            ? Promise.reject(Object.assign(new Error('connect ECONNREFUSED'), { code: 'ECONNREFUSED' }))
            : (value as (...a: unknown[]) => unknown).apply(target, args);
      },
    });
    const resilient = new ResilientStateStore(flaky, { storeName: 'redis', log: () => {}, probeEveryMs: 60_000 });
    try {
      state.down = true;
      const refused = await putRecordedTimetable(resilient, RECORD, null).catch((e: unknown) => e);
      expect(refused).toBeInstanceOf(StoreUnavailableError);
      expect((refused as Error).message).toContain('nothing was changed');
      state.down = false;
      expect(await inner.listRecords(PART_TIME_NAMESPACE)).toHaveLength(0);
    } finally {
      await resilient.stop();
      await inner.close();
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
