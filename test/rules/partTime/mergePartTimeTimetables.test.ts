import { describe, expect, it } from 'vitest';
import { mergePartTimeTimetables } from '../../../rules/partTime/mergePartTimeTimetables.ts';
import { type PartTimeTimetable } from '../../../rules/partTime/partTimeTimetable.ts';

const timetable = (upn: string, start: string, extra: Partial<PartTimeTimetable> = {}): PartTimeTimetable => ({
  upn,
  start,
  proposedEnd: '2025-12-19',
  sessionsOff: [{ weekday: 5, half: 'PM' }],
  reviews: [],
  ...extra,
});

describe('mergePartTimeTimetables', () => {
  it('replaces the bundle’s timetable with the one recorded for the same pupil and start', () => {
    const bundle = [timetable('A', '2025-10-06'), timetable('B', '2025-09-08')];
    const recorded = [timetable('A', '2025-10-06', { endedOn: '2025-11-21' })];
    const merged = mergePartTimeTimetables(bundle, recorded);
    expect(merged).toHaveLength(2);
    expect(merged[0].endedOn).toBe('2025-11-21');
    expect(merged[1]).toBe(bundle[1]);
  });

  it('keeps a recorded timetable with another start beside the bundle’s for the same pupil', () => {
    const merged = mergePartTimeTimetables(
      [timetable('A', '2025-09-08')],
      [timetable('A', '2025-11-24'), timetable('0', '2025-11-24')],
    );
    expect(merged.map((t) => `${t.upn} ${t.start}`)).toEqual(['A 2025-09-08', '0 2025-11-24', 'A 2025-11-24']);
  });

  it('gives the bundle’s timetables unchanged when nothing is recorded, and does not change its input', () => {
    const bundle = [timetable('A', '2025-10-06')];
    const merged = mergePartTimeTimetables(bundle, []);
    expect(merged).toEqual(bundle);
    expect(merged).not.toBe(bundle);
  });
});
