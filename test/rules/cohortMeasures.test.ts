import { describe, expect, it } from 'vitest';
import { cohortMeasures } from '../../rules/measures/cohortMeasures.ts';
import { compareWithTargets } from '../../rules/measures/targetComparison.ts';
import { AUTUMN_2025, makeRegister } from '../support/registerFixture.ts';
import { contextAt } from './ruleHarness.ts';

// To 30 September: 40 possible sessions each. Absence 4 (10%, PA), 0, 20 (50%, SA), and a pupil not yet on roll.
const register = makeRegister({
  calendar: AUTUMN_2025,
  pupils: [
    { yearGroup: '3', regGroup: '3A', fsm: true, sen: 'support', days: { '2025-09-08': 'I', '2025-09-09': 'OO' } },
    { yearGroup: '3', regGroup: '3B', fsm: false, sen: 'none' },
    {
      yearGroup: '8',
      regGroup: '8X',
      fsm: true,
      sen: 'ehcp',
      socialWorker: true,
      lookedAfter: true,
      youngCarer: true,
      spans: [['2025-09-03', '2025-09-16', 'O']],
    },
    { yearGroup: '8', usual: 'Z' },
  ],
});

describe('cohort measures', () => {
  const ctx = contextAt(register, '2025-09-30');

  it('sums sessions and counts persistent and severe absentees for the whole school', () => {
    const all = cohortMeasures(ctx);
    expect(all).toMatchObject({
      pupils: 3,
      possible: 120,
      absence: 24,
      authorised: 2,
      unauthorised: 22,
      persistentlyAbsent: 2,
      severelyAbsent: 1,
    });
    expect(all.attendancePercent).toBeCloseTo(80, 10);
    expect(all.persistentAbsencePercent).toBeCloseTo(200 / 3, 10);
  });

  it('narrows by year group, registration group and each context flag', () => {
    expect(cohortMeasures(ctx, { yearGroup: '3' }).pupils).toBe(2);
    expect(cohortMeasures(ctx, { regGroup: '3a' }).pupils).toBe(1);
    expect(cohortMeasures(ctx, { fsm: true })).toMatchObject({ pupils: 2, persistentlyAbsent: 2 });
    expect(cohortMeasures(ctx, { sen: 'any' }).pupils).toBe(2);
    expect(cohortMeasures(ctx, { sen: 'ehcp' }).pupils).toBe(1);
    expect(cohortMeasures(ctx, { socialWorker: true })).toMatchObject({ pupils: 1, severelyAbsent: 1 });
    expect(cohortMeasures(ctx, { lookedAfter: true }).pupils).toBe(1);
    expect(cohortMeasures(ctx, { youngCarer: false }).pupils).toBe(2);
    expect(cohortMeasures(ctx, { yearGroups: ['7', '8', '9'] }).pupils).toBe(1);
  });

  it('sets the school beside Central Bedfordshire’s 2027/28 targets', () => {
    const rows = compareWithTargets(contextAt(register, '2025-09-30', 'central-bedfordshire'));
    const by = Object.fromEntries(rows.map((r) => [r.measure, r]));
    expect(Object.keys(by)).toEqual([
      'attendance',
      'primary attendance',
      'secondary attendance',
      'persistent absence',
      'primary persistent absence',
      'secondary persistent absence',
      'FSM persistent absence',
    ]);
    expect(by.attendance).toMatchObject({ target: 94.5, met: false });
    expect(by['primary attendance']).toMatchObject({ target: 95, actual: 95, met: true, pupils: 2 });
    expect(by['secondary attendance']).toMatchObject({ target: 93.5, actual: 50, met: false });
    expect(by['primary persistent absence']).toMatchObject({ target: 13, actual: 50, met: false });
    expect(by['FSM persistent absence']).toMatchObject({ target: 25, actual: 100, met: false });
  });

  it('has no targets under the national profile', () => {
    expect(compareWithTargets(ctx)).toEqual([]);
  });
});
