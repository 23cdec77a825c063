import { afterEach, describe, expect, it } from 'vitest';
import { runScanSchedule } from '../../../bot/alerts/scanScheduler.ts';
import { parseScanTimes } from '../../../bot/alerts/scanTimes.ts';
import { silentLog } from '../../../bot/log.ts';
import { AlertsHarness, conversation } from './alertsHarness.ts';

describe('scheduled scans', () => {
  let h: AlertsHarness;
  afterEach(async () => h.close());

  it('scan at 09:30 and 14:00 London time on school days only: none at weekends, in half-term or on an INSET day', async () => {
    h = new AlertsHarness();
    await h.install(conversation('19:channel'));
    // Friday 24 October 2025, 07:00 UTC (08:00 BST): the last day before half-term.
    h.clock.advance(Date.parse('2025-10-24T07:00:00Z') - h.clock.now());
    const runs: { at: string; date: string; scanned: number }[] = [];
    const stop = new AbortController();
    await runScanSchedule(
      {
        times: parseScanTimes('09:30,14:00'),
        timeZone: 'Europe/London',
        clock: h.clock,
        log: silentLog,
        scan: async (date) => {
          const report = await h.scanner.scan({ onlyIfSchoolDay: date });
          runs.push({ at: new Date(h.clock.now()).toISOString(), date, scanned: report.schools.length });
          if (date >= '2025-11-04') stop.abort();
        },
      },
      stop.signal,
    );
    const scannedAt = runs.filter((r) => r.scanned > 0).map((r) => r.at);
    expect(scannedAt).toEqual([
      '2025-10-24T08:30:00.000Z', // 09:30 BST
      '2025-10-24T13:00:00.000Z', // 14:00 BST
      '2025-11-04T09:30:00.000Z', // 09:30 GMT, after half-term and the INSET day on Monday 3 November
    ]);
    expect(runs.filter((r) => r.scanned === 0).map((r) => r.date)).toContain('2025-11-03');
  });
});
