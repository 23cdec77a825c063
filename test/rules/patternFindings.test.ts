import { describe, expect, it } from 'vitest';
import { AUTUMN_2025, type FixturePupil } from '../support/registerFixture.ts';
import { findingOf, findingsAt, rulesOf } from './ruleHarness.ts';

const spec = (pupil: FixturePupil) => ({ calendar: AUTUMN_2025, pupils: [pupil] });

describe('persistent-lateness', () => {
  it('is raised at 10 late sessions (L or U) in 10 school weeks, and not at 9', () => {
    const days: Record<string, string> = {};
    [
      '2025-11-04',
      '2025-11-05',
      '2025-11-06',
      '2025-11-07',
      '2025-11-10',
      '2025-11-11',
      '2025-11-12',
      '2025-11-13',
      '2025-11-14',
    ].forEach((d) => (days[d] = 'L\\'));
    expect(rulesOf(findingsAt(spec({ days }), '2025-11-14'))).not.toContain('persistent-lateness');
    days['2025-11-17'] = 'U\\';
    const f = findingOf(findingsAt(spec({ days }), '2025-11-17'), 'persistent-lateness');
    expect(f?.evidence).toMatchObject({ count: 10, byCode: { L: 9, U: 1 } });
  });
});

describe('broken-weeks', () => {
  it('is raised when half the school weeks so far have an absence, and not below half', () => {
    // To 3 October: 5 school weeks (from the week of 1 September).
    const three = { days: { '2025-09-03': '/M', '2025-09-10': 'I\\', '2025-09-17': 'O\\' } };
    const f = findingOf(findingsAt(spec(three), '2025-10-03'), 'broken-weeks');
    expect(f?.evidence).toMatchObject({
      brokenWeeks: 3,
      schoolWeeks: 5,
      brokenWeekMondays: ['2025-09-01', '2025-09-08', '2025-09-15'],
    });
    const two = { days: { '2025-09-03': '/M', '2025-09-10': 'I\\' } };
    expect(rulesOf(findingsAt(spec(two), '2025-10-03'))).not.toContain('broken-weeks');
  });

  it('needs at least two broken weeks, so one absence in the first week is not a pattern', () => {
    expect(rulesOf(findingsAt(spec({ days: { '2025-09-03': 'I' } }), '2025-09-05'))).not.toContain('broken-weeks');
  });

  it('cites 004’s Appendix A broken-weeks report under the Bramhall profile', () => {
    const f = findingOf(
      findingsAt(
        spec({ days: { '2025-09-03': '/M', '2025-09-10': 'I\\', '2025-09-17': 'O\\' } }),
        '2025-10-03',
        'stockport-bramhall',
      ),
      'broken-weeks',
    );
    expect(f?.citation).toEqual({
      source: 'Bramhall High School (Stockport), Attendance Policy (2024)',
      where: expect.stringMatching(/Appendix A, Support First Approach para 9/),
    });
  });
});

describe('a register’s findings', () => {
  it('orders findings by rule, then pupil name', () => {
    const findings = findingsAt(
      {
        calendar: AUTUMN_2025,
        pupils: [
          { givenName: 'Zoe', usual: 'O' },
          { givenName: 'Adam', usual: 'O' },
        ],
      },
      '2025-09-30',
    );
    expect(findings.slice(0, 4).map((f) => [f.rule, f.pupilName])).toEqual([
      ['persistent-absence', 'Adam Test'],
      ['persistent-absence', 'Zoe Test'],
      ['severe-absence', 'Adam Test'],
      ['severe-absence', 'Zoe Test'],
    ]);
  });
});
