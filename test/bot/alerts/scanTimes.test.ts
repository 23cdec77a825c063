import { describe, expect, it } from 'vitest';
import { nextScanAfter, parseScanTimes, zonedInstant } from '../../../bot/alerts/scanTimes.ts';

const LONDON = 'Europe/London';
const times = parseScanTimes('14:00, 09:30');

describe('scan times', () => {
  it('reads times in any order and sorts them', () => {
    expect(times).toEqual([
      { hour: 9, minute: 30 },
      { hour: 14, minute: 0 },
    ]);
  });

  it('names the setting and the entry when a time is malformed', () => {
    expect(() => parseScanTimes('9.30')).toThrow('ALERT_SCAN_TIMES: "9.30" is not a time written HH:MM');
    expect(() => parseScanTimes('24:00')).toThrow(/"24:00"/);
  });

  it('scans at 09:30 London time, which is 09:30 UTC in winter and 08:30 UTC in summer', () => {
    expect(new Date(zonedInstant('2025-11-12', { hour: 9, minute: 30 }, LONDON)).toISOString()).toBe(
      '2025-11-12T09:30:00.000Z',
    );
    expect(new Date(zonedInstant('2025-06-12', { hour: 9, minute: 30 }, LONDON)).toISOString()).toBe(
      '2025-06-12T08:30:00.000Z',
    );
  });

  it('picks the next time today, then the first time tomorrow', () => {
    expect(nextScanAfter(Date.parse('2025-11-12T08:00:00Z'), times, LONDON)).toEqual({
      at: Date.parse('2025-11-12T09:30:00Z'),
      date: '2025-11-12',
    });
    expect(nextScanAfter(Date.parse('2025-11-12T09:30:00Z'), times, LONDON)).toEqual({
      at: Date.parse('2025-11-12T14:00:00Z'),
      date: '2025-11-12',
    });
    expect(nextScanAfter(Date.parse('2025-11-12T15:00:00Z'), times, LONDON)).toEqual({
      at: Date.parse('2025-11-13T09:30:00Z'),
      date: '2025-11-13',
    });
  });

  it('keeps the London clock across the change back from summer time', () => {
    // Clocks go back at 02:00 BST on Sunday 26 October 2025.
    expect(nextScanAfter(Date.parse('2025-10-25T15:00:00Z'), times, LONDON)).toEqual({
      at: Date.parse('2025-10-26T09:30:00Z'),
      date: '2025-10-26',
    });
    expect(nextScanAfter(Date.parse('2025-10-24T15:00:00Z'), times, LONDON)).toEqual({
      at: Date.parse('2025-10-25T08:30:00Z'),
      date: '2025-10-25',
    });
  });
});
