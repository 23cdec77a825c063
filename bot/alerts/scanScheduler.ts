import { type Clock } from '../../adapters/teams/clock.ts';
import { type Log } from '../log.ts';
import { nextScanAfter, type ScanTime } from './scanTimes.ts';

export interface ScanSchedulerOptions {
  times: readonly ScanTime[];
  /** The schools' clock (Europe/London for England). */
  timeZone: string;
  clock: Clock;
  /** Runs the scan for a date; the scan skips schools for which that date is not a school day. */
  scan: (date: string) => Promise<unknown>;
  log: Log;
}

/**
 * Scans at the configured times every day, on the schools' clock, until `signal` aborts. Sleeping on the
 * injected clock lets a test run a fortnight of schedule in virtual time. A failed scan is logged and the
 * schedule carries on: the next scan raises whatever this one missed.
 */
export async function runScanSchedule(options: ScanSchedulerOptions, signal: AbortSignal): Promise<void> {
  const { clock, log } = options;
  while (!signal.aborted) {
    const next = nextScanAfter(clock.now(), options.times, options.timeZone);
    await clock.sleep(next.at - clock.now());
    if (signal.aborted) return;
    try {
      await options.scan(next.date);
    } catch (err) {
      log('alerts.scheduled-scan-failed', { date: next.date, error: (err as Error).name });
    }
  }
}
