import { describe, expect, it } from 'vitest';
import { weeklyAttendance } from '../../rules/measures/weeklyAttendance.ts';
import { pupilMeasures } from '../../rules/measures/pupilMeasures.ts';
import { AUTUMN_2025, makeRegister, type FixturePupil } from '../support/registerFixture.ts';
import { contextAt } from './ruleHarness.ts';

// Autumn 2025 starts on Wednesday 3 September (6 sessions that week); half-term is 27-31 October; Monday
// 3 November is an INSET day, so that week has 8 sessions.
function series(pupils: FixturePupil[], asOf: string, who: number | number[] = 0) {
  const register = makeRegister({ calendar: AUTUMN_2025, pupils });
  return weeklyAttendance(contextAt(register, asOf), who);
}

describe('weekly attendance', () => {
  it('gives one point per school week, skipping half-term rather than showing a week of zeros', () => {
    const weeks = series([{}], '2025-11-07');
    expect(weeks.map((w) => w.weekOf)).toEqual([
      '2025-09-01',
      '2025-09-08',
      '2025-09-15',
      '2025-09-22',
      '2025-09-29',
      '2025-10-06',
      '2025-10-13',
      '2025-10-20',
      '2025-11-03',
    ]);
    expect(weeks[0].possible).toBe(6);
    expect(weeks.at(-1)!.possible).toBe(8);
    expect(weeks.every((w) => w.weekPercent === 100 && w.percentToDate === 100)).toBe(true);
  });

  it('shows a week of illness as 0% that week and carries it in the running figure', () => {
    const weeks = series([{ spans: [['2025-09-08', '2025-09-12', 'I']] }], '2025-09-19');
    expect(weeks.map((w) => w.weekPercent)).toEqual([100, 0, 100]);
    expect(weeks[1].percentToDate).toBeCloseTo((100 * 6) / 16);
    expect(weeks[2]).toMatchObject({ possibleToDate: 26, attendedToDate: 16 });
  });

  it('ends on the as-of day, counting only the sessions of the as-of week so far', () => {
    const weeks = series([{}], '2025-09-10');
    expect(weeks.map((w) => [w.weekOf, w.possible])).toEqual([
      ['2025-09-01', 6],
      ['2025-09-08', 6],
    ]);
  });

  it('agrees with the pupil measures at the as-of date', () => {
    const pupil: FixturePupil = { days: { '2025-09-15': 'G', '2025-10-01': 'NL', '2025-11-12': 'I' } };
    const register = makeRegister({ calendar: AUTUMN_2025, pupils: [pupil] });
    const ctx = contextAt(register, '2025-11-21');
    const last = weeklyAttendance(ctx, 0).at(-1)!;
    const m = pupilMeasures(ctx, 0);
    expect([last.possibleToDate, last.attendedToDate, last.percentToDate]).toEqual([
      m.possible,
      m.attended,
      m.attendancePercent,
    ]);
  });

  it('sums a group of pupils, so a cohort’s week is its sessions attended over its sessions possible', () => {
    const weeks = series([{}, { spans: [['2025-09-08', '2025-09-12', 'O']] }], '2025-09-12', [0, 1]);
    expect(weeks[1]).toMatchObject({ possible: 20, attended: 10, weekPercent: 50 });
  });

  it('has no percentage for a week when no session counted (a pupil not on roll, marked Y1 all week)', () => {
    const weeks = series([{ spans: [['2025-09-08', '2025-09-12', 'Y1']] }], '2025-09-12');
    expect(weeks[1]).toMatchObject({ possible: 0, weekPercent: null });
    expect(weeks[1].percentToDate).toBe(100);
  });

  it('is empty before the first school day of the period', () => {
    expect(series([{}], '2025-09-01')).toEqual([]);
  });
});
