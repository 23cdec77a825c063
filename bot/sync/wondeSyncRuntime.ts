import { type StateStore } from '../../adapters/store/stateStore.ts';
import { type Clock } from '../../adapters/teams/clock.ts';
import { syncWondeSchool, describeLeftOut } from '../../adapters/wonde/syncWondeSchool.ts';
import { WondeClient } from '../../adapters/wonde/wondeClient.ts';
import { addDays, isWeekend, lastMarkedSchoolDay } from '../../rules/index.ts';
import { nextScanAfter, zonedParts } from '../alerts/scanTimes.ts';
import { type Log } from '../log.ts';
import { type FindingsCache } from '../schools/findingsCache.ts';
import { loadSchool, type SchoolData } from '../schools/schoolData.ts';
import { applySchoolUpdate, type SchoolUpdateApplied } from './applyRegisterUpdate.ts';
import { changedMarks, pupilsDiffer } from './changedMarks.ts';
import {
  latestRegisterUpdate,
  publishRegisterUpdate,
  registerUpdatesAfter,
  type SchoolMarksUpdate,
} from './registerJournal.ts';
import { releaseSyncLease, takeSyncLease } from './syncLease.ts';
import { type WondeSyncConfig } from './wondeSyncConfig.ts';

/** How far back each sync reaches before the register's last marked day: amendments made since come in too. */
const AMENDMENT_DAYS = 14;
/** Longer than any sync should take; a holder that died frees the lease after this. */
const LEASE_MS = 15 * 60_000;

export interface SyncRequest {
  /** Wonde ids to sync; every followed school when absent. */
  schools?: readonly string[];
  from?: string;
  to?: string;
}

export interface SchoolSyncReport {
  wondeId: string;
  urn?: string;
  from?: string;
  to?: string;
  marksFetched?: number;
  marksAdded?: number;
  amendments?: number;
  /** What Wonde gave that could not be placed (a code with no DfE equivalent, a student with no UPN). */
  leftOut?: string[];
  error?: string;
}

export interface SyncReport {
  status: 'synced' | 'busy';
  instance: string;
  /** The update every instance applies (0 when nothing changed). */
  seq: number;
  schools: SchoolSyncReport[];
  applied: SchoolUpdateApplied[];
}

export interface WondeSyncRuntimeOptions {
  config: WondeSyncConfig;
  /** The bot's schools (the array every feature holds) and findings cache. */
  schools: SchoolData[];
  cache: FindingsCache;
  store: StateStore;
  log: Log;
  instanceId: string;
  clock: Clock;
  timeZone: string;
  /** ATTENDANCE_AS_OF, when the bot's "today" is fixed. */
  fixedAsOf?: string;
  /** Scheduled syncs on (the product) or off (tests sync through the route). */
  scheduled: boolean;
  /** Looks for updates other instances synced; null turns the loop off (tests call catchUp). */
  pollMs: number | null;
  /** Runs on the syncing instance after its update is applied: raising the new day's alerts, once. */
  afterSync?: (urns: string[]) => Promise<void>;
  /** Builds the Wonde client; tests pass one with a sleep that does not wait. */
  client?: WondeClient;
}

export interface WondeSyncRuntime {
  readonly name: 'wonde-sync';
  /** Syncs now (if no other instance is): fetch, write the bundles, publish, apply, raise alerts. */
  syncNow(request?: SyncRequest): Promise<SyncReport>;
  /** Applies every update published since the last one this instance applied. */
  catchUp(): Promise<SchoolUpdateApplied[]>;
  readonly appliedSeq: number;
  stop(): void;
}

/**
 * The Wonde feed beside the bot: at WONDE_SYNC_TIMES (after registers close) and on `POST /api/sync`, one
 * instance (the lease holder) fetches each followed school from Wonde, merges it into the school's bundle
 * through the import pipeline, and publishes what changed in the shared store; every instance (that one
 * too) applies each published update to its running registers in order, in place. The syncing instance
 * then scans for the new day's alerts, which the outbox's delivery keys raise once whichever instance scans.
 */
export function startWondeSyncRuntime(options: WondeSyncRuntimeOptions): WondeSyncRuntime {
  const { config, store, log, clock } = options;
  const client = options.client ?? new WondeClient({ token: config.token, baseUrl: config.baseUrl });
  const stopping = new AbortController();
  let applied = 0;
  // Updates published before this instance read its bundles are already in them: start after the latest.
  let queue: Promise<unknown> = latestRegisterUpdate(store).then(
    (seq) => {
      applied = seq;
    },
    (err: unknown) => log('sync.start-failed', { error: (err as Error).name }),
  );
  let syncing = false;

  const catchUp = (): Promise<SchoolUpdateApplied[]> => {
    const run = queue.then(async () => {
      const { updates, missed } = await registerUpdatesAfter(store, applied);
      const results: SchoolUpdateApplied[] = [];
      if (missed > 0) {
        // Too far behind to apply updates one by one: the bundles hold them all, so read them again.
        log('sync.reread-all', { missed });
        for (let i = 0; i < options.schools.length; i++) {
          const fresh = loadSchool(options.schools[i].dir, options.fixedAsOf);
          options.cache.forget(fresh.urn);
          options.schools.splice(i, 1, fresh);
        }
      }
      for (const update of updates) {
        for (const school of update.schools) {
          const result = applySchoolUpdate(options.schools, options.cache, school, options.fixedAsOf);
          results.push(result);
          log('sync.applied', { seq: update.seq, school: result.urn, how: result.how, changed: result.changed });
        }
        applied = update.seq;
      }
      return results;
    });
    queue = run.catch(() => undefined);
    return run;
  };

  const today = () => zonedParts(clock.now(), options.timeZone).date;

  const syncNow = async (request: SyncRequest = {}): Promise<SyncReport> => {
    const busy: SyncReport = { status: 'busy', instance: options.instanceId, seq: applied, schools: [], applied: [] };
    if (syncing) return busy;
    syncing = true;
    try {
      if (!(await takeSyncLease(store, options.instanceId, clock.now(), LEASE_MS))) return busy;
      try {
        const reports: SchoolSyncReport[] = [];
        const updates: SchoolMarksUpdate[] = [];
        for (const wondeId of request.schools ?? config.schools) {
          const report: SchoolSyncReport = { wondeId };
          reports.push(report);
          try {
            const update = await syncOne(wondeId, request, report);
            if (update) updates.push(update);
          } catch (err) {
            report.error = (err as Error).message;
            log('sync.school-failed', { school: wondeId, error: (err as Error).name });
          }
        }
        let seq = 0;
        let appliedNow: SchoolUpdateApplied[] = [];
        if (updates.length > 0) {
          seq = (
            await publishRegisterUpdate(store, {
              at: new Date(clock.now()).toISOString(),
              by: options.instanceId,
              schools: updates,
            })
          ).seq;
          appliedNow = await catchUp();
          await options.afterSync?.(updates.map((u) => u.urn));
        }
        log('sync.done', { schools: reports.length, failed: reports.filter((r) => r.error).length, seq });
        return { status: 'synced', instance: options.instanceId, seq, schools: reports, applied: appliedNow };
      } finally {
        await releaseSyncLease(store, options.instanceId);
      }
    } finally {
      syncing = false;
    }
  };

  /** One school: fetch and merge into its bundle, and what changed against the running register. */
  async function syncOne(
    wondeId: string,
    request: SyncRequest,
    report: SchoolSyncReport,
  ): Promise<SchoolMarksUpdate | null> {
    const wonde = await client.school(wondeId);
    const school = options.schools.find((s) => s.urn === wonde.urn);
    if (!school)
      throw new Error(
        `no register bundle is loaded for URN ${wonde.urn ?? '(none)'} (Wonde school ${wondeId}); create it once with attendance sync wonde --school ${wondeId} --out <bundle under ATTENDANCE_DATA>, then reload`,
      );
    const held = school.register;
    const last = lastMarkedSchoolDay(held);
    const to = request.to ?? today();
    const from =
      request.from ??
      (last >= 0 ? addDays(held.calendar.dayDate[last], -AMENDMENT_DAYS) : addDays(to, -AMENDMENT_DAYS));
    const result = await syncWondeSchool(client, {
      schoolId: wondeId,
      into: school.dir,
      from: from < to ? from : to,
      to,
      seenAt: new Date(clock.now()).toISOString(),
      // One school's odd code must not hold up its other marks, nor the other schools: what is left out
      // is reported with the sync and logged as counts.
      lenient: true,
    });
    Object.assign(report, {
      urn: school.urn,
      from: result.from,
      to: result.to,
      marksFetched: result.marksFetched,
      marksAdded: result.imported.marksAdded,
      amendments: result.imported.amendments.length,
      leftOut: describeLeftOut(result.rows),
    });
    const written = result.imported.register;
    const marks = changedMarks(held, written, result.from, result.to);
    const pupilsChanged = pupilsDiffer(held, written);
    if (marks.length === 0 && !pupilsChanged) return null;
    return { urn: school.urn, marks, ...(pupilsChanged ? { pupilsChanged } : {}) };
  }

  if (config.times.length > 0 && options.scheduled) {
    void (async () => {
      while (!stopping.signal.aborted) {
        const next = nextScanAfter(clock.now(), config.times, options.timeZone);
        await clock.sleep(next.at - clock.now());
        if (stopping.signal.aborted) return;
        if (isWeekend(next.date)) continue;
        try {
          await syncNow();
        } catch (err) {
          log('sync.scheduled-failed', { error: (err as Error).name });
        }
      }
    })();
  }
  if (options.pollMs !== null) {
    const every = options.pollMs;
    void (async () => {
      while (!stopping.signal.aborted) {
        await clock.sleep(every);
        if (stopping.signal.aborted) return;
        await catchUp().catch((err: unknown) => log('sync.apply-failed', { error: (err as Error).name }));
      }
    })();
  }
  return {
    name: 'wonde-sync',
    syncNow,
    catchUp,
    get appliedSeq() {
      return applied;
    },
    stop: () => stopping.abort(),
  };
}
