import { describe, expect, it } from 'vitest';
import { illnessTally } from '../../rules/findings/sicknessReturn.ts';
import { AUTUMN_2025, makeRegister, type FixturePupil } from '../support/registerFixture.ts';
import { contextAt, findingOf, findingsAt } from './ruleHarness.ts';

function sickness(pupil: FixturePupil, asOf: string, policy = 'national') {
  return findingOf(findingsAt({ calendar: AUTUMN_2025, pupils: [pupil] }, asOf, policy), 'sickness-return');
}

describe('sickness-return', () => {
  it('is due on the 15th consecutive school day of illness, counted across a weekend', () => {
    // 3 weeks from Monday 6 October: the 15th school day is Friday 24 October.
    const pupil: FixturePupil = { spans: [['2025-10-06', '2025-10-24', 'I']] };
    expect(sickness(pupil, '2025-10-23')).toBeUndefined();
    const f = sickness(pupil, '2025-10-24');
    expect(f?.evidence).toMatchObject({
      illnessDays: 15,
      consecutive: true,
      longestEpisodeDays: 15,
      reachedOn: '2025-10-24',
    });
    expect(f?.episode).toBe('2025-10-06');
  });

  it('is due on 15 days cumulative over separate spells', () => {
    const pupil: FixturePupil = {
      spans: [
        ['2025-09-08', '2025-09-12', 'I'],
        ['2025-09-22', '2025-09-26', 'I'],
        ['2025-10-13', '2025-10-16', 'I'],
      ],
      days: { '2025-11-05': 'I' },
    };
    expect(sickness(pupil, '2025-11-04')).toBeUndefined();
    const f = sickness(pupil, '2025-11-05');
    expect(f?.evidence).toMatchObject({
      illnessDays: 15,
      consecutive: false,
      longestEpisodeDays: 5,
      reachedOn: '2025-11-05',
    });
    expect((f?.evidence.episodes as unknown[]).length).toBe(4);
  });

  it('counts an I session as half a day', () => {
    const register = makeRegister({ calendar: AUTUMN_2025, pupils: [{ spans: [['2025-10-06', '2025-10-24', 'I/']] }] });
    expect(illnessTally(contextAt(register, '2025-10-24'), 0).days).toBe(7.5);
    expect(sickness({ spans: [['2025-10-06', '2025-10-24', 'I/']] }, '2025-10-24')).toBeUndefined();
  });

  it('keeps an illness spell unbroken across the half-term', () => {
    const register = makeRegister({ calendar: AUTUMN_2025, pupils: [{ spans: [['2025-10-20', '2025-11-14', 'I']] }] });
    const tally = illnessTally(contextAt(register, '2025-11-14'), 0);
    // 5 days before half-term; the INSET day is not a school day; then 4 + 5.
    expect(tally.episodes).toEqual([{ start: '2025-10-20', end: '2025-11-14', days: 14 }]);
  });

  it('names a new episode for a later spell long enough to need a return of its own (national)', () => {
    const pupil: FixturePupil = {
      spans: [
        ['2025-09-08', '2025-09-26', 'I'],
        ['2025-11-10', '2025-12-01', 'I'],
      ],
    };
    expect(sickness(pupil, '2025-10-01')?.episode).toBe('2025-09-08');
    expect(sickness(pupil, '2025-12-01')?.episode).toBe('2025-11-10');
  });

  it('makes one return a year under 004, whatever the spells', () => {
    const pupil: FixturePupil = {
      spans: [
        ['2025-09-08', '2025-09-26', 'I'],
        ['2025-11-10', '2025-12-01', 'I'],
      ],
    };
    const first = sickness(pupil, '2025-10-01', 'stockport-bramhall');
    const later = sickness(pupil, '2025-12-01', 'stockport-bramhall');
    expect(first?.episode).toBe('2025/26');
    expect(later?.episode).toBe('2025/26');
    expect(later?.evidence.returnFor).toEqual({ schoolYear: '2025/26' });
    expect(later?.citation.where).toMatch(/once a year/);
  });

  it('is not raised for a pupil below compulsory school age', () => {
    expect(
      sickness({ dateOfBirth: '2021-03-01', yearGroup: 'R', spans: [['2025-10-06', '2025-10-24', 'I']] }, '2025-10-24'),
    ).toBeUndefined();
  });

  it('sends Nottingham’s return to the city council with no routine demand for medical evidence', () => {
    const f = sickness({ spans: [['2025-10-06', '2025-10-24', 'I']] }, '2025-10-24', 'nottingham');
    expect(f?.nextStep).toMatch(/Nottingham City Council/);
    expect(f?.citation).toEqual({
      source: 'Nottingham City Council, Working Together to Improve School Attendance (briefing slides, 2024)',
      where: expect.stringMatching(/Health Related Absence/),
    });
  });
});
