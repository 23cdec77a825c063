import { describe, expect, it } from 'vitest';
import { workingDaysAfter } from '../../rules/findings/nCodeOverdue.ts';
import { AUTUMN_2025, type FixturePupil } from '../support/registerFixture.ts';
import { findingOf, findingsAt, rulesOf } from './ruleHarness.ts';

const spec = (pupil: FixturePupil) => ({ calendar: AUTUMN_2025, pupils: [pupil] });

describe('unexplained-absence', () => {
  it('is raised for an N on the as-of school day, and not the day after it is replaced', () => {
    const f = findingOf(findingsAt(spec({ days: { '2025-11-12': 'N/' } }), '2025-11-12'), 'unexplained-absence');
    expect(f?.evidence).toMatchObject({
      date: '2025-11-12',
      sessions: [{ date: '2025-11-12', session: 'AM', code: 'N' }],
    });
    expect(f?.reason).toMatch(/morning/);
    expect(
      findingOf(findingsAt(spec({ days: { '2025-11-12': 'N/' } }), '2025-11-13'), 'unexplained-absence'),
    ).toBeUndefined();
  });

  it('adds the social worker step for a pupil with a social worker (Derby para 27)', () => {
    const f = findingOf(
      findingsAt(spec({ socialWorker: true, days: { '2025-11-12': 'NN' } }), '2025-11-12', 'derby'),
      'unexplained-absence',
    );
    expect(f?.nextStep).toMatch(/youth offending team worker/);
    expect(f?.citation).toEqual({
      source: 'Derby City Council, Working Together to Improve School Attendance policy (2025)',
      where: expect.stringMatching(/para 27/),
    });
  });
});

describe('unexplained-3-days', () => {
  it('counts 3 consecutive school days across a weekend (Thursday, Friday, Monday)', () => {
    const pupil = { days: { '2025-11-13': 'NN', '2025-11-14': 'NN', '2025-11-17': 'NN' } };
    expect(findingOf(findingsAt(spec(pupil), '2025-11-14'), 'unexplained-3-days')).toBeUndefined();
    const f = findingOf(findingsAt(spec(pupil), '2025-11-17'), 'unexplained-3-days');
    expect(f?.evidence).toMatchObject({
      consecutiveSchoolDays: 3,
      from: '2025-11-13',
      to: '2025-11-17',
      schoolDays: ['2025-11-13', '2025-11-14', '2025-11-17'],
    });
    expect(f?.episode).toBe('2025-11-13');
  });

  it('is broken by a day the pupil attended, even for one session', () => {
    const pupil = { days: { '2025-11-13': 'NN', '2025-11-14': 'N\\', '2025-11-17': 'NN' } };
    expect(findingOf(findingsAt(spec(pupil), '2025-11-17'), 'unexplained-3-days')).toBeUndefined();
  });

  it('asks 001 for a safe and well visit on the third day', () => {
    const pupil = { days: { '2025-11-13': 'NN', '2025-11-14': 'NN', '2025-11-17': 'NN' } };
    const f = findingOf(findingsAt(spec(pupil), '2025-11-17', 'dudley-st-james'), 'unexplained-3-days');
    expect(f?.nextStep).toMatch(/safe and well/);
    expect(f?.citation.source).toBe('St James’s C of E Primary School (Dudley), Attendance Policy (2024)');
  });
});

describe('n-code-overdue', () => {
  it('is raised once an N is more than 5 school days old', () => {
    // N on Monday 10 November: 5 school days later is Monday 17th; the 6th is Tuesday 18th.
    const pupil = { days: { '2025-11-10': 'N/' } };
    expect(rulesOf(findingsAt(spec(pupil), '2025-11-17'))).not.toContain('n-code-overdue');
    const f = findingOf(findingsAt(spec(pupil), '2025-11-18'), 'n-code-overdue');
    expect(f?.evidence).toMatchObject({
      limit: 5,
      unit: 'school days',
      sessions: [{ date: '2025-11-10', session: 'AM', code: 'N', daysSince: 6 }],
    });
  });

  it('counts school days, so the half-term does not make an N overdue', () => {
    // N on Thursday 23 October; Friday 24th, then half-term and the INSET day are not school days.
    const pupil = { days: { '2025-10-23': 'NN' } };
    expect(rulesOf(findingsAt(spec(pupil), '2025-11-07'))).not.toContain('n-code-overdue'); // 5 school days
    expect(rulesOf(findingsAt(spec(pupil), '2025-11-10'))).toContain('n-code-overdue');
  });

  it('counts working days under 001, so the half-term week does count', () => {
    const pupil = { days: { '2025-10-23': 'NN' } };
    const f = findingOf(findingsAt(spec(pupil), '2025-10-31', 'dudley-st-james'), 'n-code-overdue');
    expect(f?.evidence).toMatchObject({ unit: 'working days' });
    expect(rulesOf(findingsAt(spec(pupil), '2025-10-30', 'dudley-st-james'))).not.toContain('n-code-overdue');
  });

  it('skips weekends and bank holidays when counting working days', () => {
    expect(workingDaysAfter('2025-12-24', '2025-12-31')).toBe(3); // 25th and 26th are bank holidays
    expect(workingDaysAfter('2025-11-14', '2025-11-17')).toBe(1);
  });
});
