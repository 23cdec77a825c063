import { type SchoolToday } from '../schools/botToday.ts';
import { type StateStore } from '../../adapters/store/stateStore.ts';
import { systemClock, type Clock } from '../../adapters/teams/clock.ts';
import { type AlertsConfig } from '../alerts/alertsConfig.ts';
import { runScanSchedule } from '../alerts/scanScheduler.ts';
import { type Log } from '../log.ts';
import { type FindingsCache } from '../schools/findingsCache.ts';
import { type SchoolData } from '../schools/schoolData.ts';
import { queueCaseOffers } from './caseOffers.ts';
import { queueOverdueCaseAlerts } from './overdueCaseAlerts.ts';

export interface OverdueCaseRuntimeOptions {
  schools: readonly SchoolData[];
  store: StateStore;
  /** Findings per school, shared with the rest of the bot. */
  cache: FindingsCache;
  log: Log;
  /** The alert schedule (ALERT_SCAN_TIMES, ALERT_TIME_ZONE, ALERT_SCANS): overdue cases are checked with the alerts. */
  config: Pick<AlertsConfig, 'scanTimes' | 'timeZone' | 'scheduledScans'>;
  /** The alerts runtime's delivery: what is queued here goes out through the same paced sender. */
  deliver: () => Promise<unknown>;
  clock?: Clock;
  /**
   * The bot's day at a school when it comes from the registers (ATTENDANCE_AS_OF, local mode): each
   * scheduled check then looks at that day, not the clock's date, which such registers may never reach.
   */
  registerToday?: SchoolToday;
}

/**
 * Checks cases for overdue actions and reviews, and offers cases to pupils newly persistently or severely
 * absent (opening them for the severely absent), at the alert scan times, on school days only (a school's
 * calendar decides: nothing is raised in the holidays, and the first school day after raises it), and
 * hands what it queued to the alerts sender. Each item is raised once (see queueOverdueCaseAlerts).
 */
export function startOverdueCaseRuntime(options: OverdueCaseRuntimeOptions): { name: 'meetings'; stop(): void } {
  const stopping = new AbortController();
  const clock = options.clock ?? systemClock;
  if (options.config.scheduledScans) {
    void runScanSchedule(
      {
        times: options.config.scanTimes,
        timeZone: options.config.timeZone,
        clock,
        log: options.log,
        scan: async (date) => {
          const now = new Date(clock.now());
          const byDay = new Map<string, SchoolData[]>();
          for (const school of options.schools) {
            const day = options.registerToday ? options.registerToday(school) : date;
            if (school.register.calendar.dayIndex.has(day)) byDay.set(day, [...(byDay.get(day) ?? []), school]);
          }
          let queued = 0;
          for (const [day, open] of byDay) {
            queued += (await queueOverdueCaseAlerts(options.store, open, day, now, options.log)).queued;
            queued += (await queueCaseOffers(options.store, open, options.cache, day, now, options.log)).queued;
          }
          if (queued > 0) await options.deliver();
        },
      },
      stopping.signal,
    );
  }
  return { name: 'meetings', stop: () => stopping.abort() };
}
