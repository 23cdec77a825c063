import { describe, expect, it } from 'vitest';
import { mergeRegisters } from '../../rules/register/mergeRegisters.ts';
import { codeRegimeNote, codeRegimeSummary } from '../../rules/register/codeRegimeSummary.ts';
import { AUTUMN_2025, fixtureUpn, makeRegister } from '../support/registerFixture.ts';
import { findingOf, findingsAt } from './ruleHarness.ts';

const SUMMER_2025 = { terms: [{ name: 'Summer 2', start: '2025-06-02', end: '2025-07-22' }] };

describe('mergeRegisters', () => {
  it('lets the penalty window reach across the summer holiday into the previous school year', () => {
    // 6 sessions of G in the last week of the summer term, 4 of O in the second week of September.
    const previous = makeRegister({
      calendar: SUMMER_2025,
      pupils: [{ upn: fixtureUpn(1), days: { '2025-07-21': 'GG', '2025-07-22': 'GG', '2025-07-18': 'GG' } }],
    });
    const current = makeRegister({
      calendar: AUTUMN_2025,
      pupils: [{ upn: fixtureUpn(1), days: { '2025-09-08': 'OO', '2025-09-09': 'OO' } }],
    });
    expect(findingOf(findingsAt(current, '2025-09-12'), 'penalty-threshold')).toBeUndefined();
    const { register, previousSessions, pupilsMatched } = mergeRegisters(previous, current);
    expect(previousSessions).toBe(previous.calendar.sessionCount);
    expect(pupilsMatched).toBe(1);
    const f = findingOf(findingsAt(register, '2025-09-12'), 'penalty-threshold');
    expect(f?.evidence.count).toBe(10);
    expect(f?.evidence.byCode).toEqual({ G: 6, O: 4 });
    // The window is 10 school weeks: the summer holiday weeks are not among them.
    expect(f?.evidence.window).toMatchObject({ from: '2025-06-02', to: '2025-09-12', schoolWeeks: 10, complete: true });
    expect((f?.evidence.window as { weekMondays: string[] }).weekMondays).not.toContain('2025-08-04');
  });

  it('keeps this year’s measures to this school year', () => {
    const previous = makeRegister({ calendar: SUMMER_2025, pupils: [{ upn: fixtureUpn(1), usual: 'I' }] });
    const current = makeRegister({ calendar: AUTUMN_2025, pupils: [{ upn: fixtureUpn(1) }] });
    const findings = findingsAt(mergeRegisters(previous, current).register, '2025-09-30');
    expect(findings.map((f) => f.rule)).toEqual([]);
  });

  it('keeps only this year’s roll, matched by UPN, and this year’s marks where the two overlap', () => {
    // The previous export ran to Friday 5 September and says O for 3-5 September; this year's says present.
    const previous = makeRegister({
      calendar: {
        terms: [
          { name: 'Summer 2', start: '2025-06-02', end: '2025-07-22' },
          { name: 'Autumn 1', start: '2025-09-03', end: '2025-09-05' },
        ],
      },
      pupils: [
        { upn: fixtureUpn(1), spans: [['2025-09-03', '2025-09-05', 'O']] },
        { upn: fixtureUpn(2), usual: 'G' },
      ],
    });
    const current = makeRegister({
      calendar: AUTUMN_2025,
      pupils: [{ upn: fixtureUpn(3) }, { upn: fixtureUpn(1), days: { '2025-09-08': 'OO', '2025-09-09': 'OO' } }],
    });
    const merged = mergeRegisters(previous, current);
    expect(merged.register.pupils.map((p) => p.upn)).toEqual([fixtureUpn(3), fixtureUpn(1)]);
    expect(merged.pupilsMatched).toBe(1);
    expect(merged.overlappingSessionsDropped).toBe(6);
    const findings = findingsAt(merged.register, '2025-09-12');
    expect(findings.filter((f) => f.rule === 'penalty-threshold')).toEqual([]);
    expect(findingOf(findings, 'n-code-overdue')).toBeUndefined();
  });
});

describe('pre-2024 registers', () => {
  const SUMMER_2024 = { terms: [{ name: 'Summer 2', start: '2024-07-01', end: '2024-07-19' }] };

  it('reads H as authorised, J as attendance and Y as not possible, and says so', () => {
    const register = makeRegister({
      calendar: SUMMER_2024,
      pupils: [{ days: { '2024-07-01': 'HH', '2024-07-02': 'JY' } }],
    });
    const summary = codeRegimeSummary(register);
    expect(summary).toMatchObject({
      sessionsBefore2024: 30,
      firstDate: '2024-07-01',
      lastDate: '2024-07-19',
      withdrawnCodes: { H: 2, J: 1, Y: 1 },
    });
    expect(codeRegimeNote(summary)).toMatch(
      /30 sessions from 2024-07-01 to 2024-07-19 predate the 2024 register codes.*withdrawn codes found: 2 H, 1 J, 1 Y/,
    );
  });

  it('has no note for a register wholly under the 2024 codes', () => {
    expect(codeRegimeNote(codeRegimeSummary(makeRegister({ calendar: AUTUMN_2025, pupils: [{}] })))).toBeUndefined();
  });
});
