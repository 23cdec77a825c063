import { describe, expect, it } from 'vitest';
import { AUTUMN_2025, type FixturePupil } from '../support/registerFixture.ts';
import { findingOf, findingsAt } from './ruleHarness.ts';

// As of Friday 28 November 2025 the 10 school weeks are the weeks of 15 September to 24 November: the
// October half-term (27-31 October) is not a school week, so the window reaches back across it.
const AS_OF = '2025-11-28';

function penalty(pupil: FixturePupil, asOf = AS_OF, policy = 'national') {
  return findingOf(findingsAt({ calendar: AUTUMN_2025, pupils: [pupil] }, asOf, policy), 'penalty-threshold');
}

describe('penalty-threshold', () => {
  it('is met by exactly 10 sessions of G, N, O and U mixed across the window', () => {
    const f = penalty({
      days: {
        '2025-09-15': 'GG',
        '2025-10-01': 'NN',
        '2025-10-20': 'OO',
        '2025-11-10': 'U/',
        '2025-11-24': 'UU',
        '2025-11-25': 'U/',
      },
    });
    expect(f).toBeDefined();
    expect(f!.evidence.count).toBe(10);
    expect(f!.evidence.byCode).toEqual({ G: 2, N: 2, O: 2, U: 4 });
    expect(f!.evidence.window).toMatchObject({ from: '2025-09-15', to: '2025-11-28', schoolWeeks: 10, complete: true });
    expect(f!.citation.where).toMatch(/10 sessions/);
  });

  it('is not met by 9 sessions', () => {
    expect(
      penalty({
        days: { '2025-09-15': 'GG', '2025-10-01': 'NN', '2025-10-20': 'OO', '2025-11-24': 'UU', '2025-11-25': 'U/' },
      }),
    ).toBeUndefined();
  });

  it('does not count the 10th session when it falls in the 11th school week back', () => {
    const nine = { '2025-09-16': 'OO', '2025-10-01': 'OO', '2025-10-20': 'OO', '2025-11-24': 'OO', '2025-11-25': 'O/' };
    expect(penalty({ days: { ...nine, '2025-09-12': 'O/' } })).toBeUndefined(); // week of 8 September: 11th back
    expect(penalty({ days: { ...nine, '2025-09-15': 'O/' } })?.evidence.count).toBe(10); // week of 15 September: 10th back
  });

  it('counts in school weeks, so a half-term inside the window adds no week', () => {
    const f = penalty({
      days: { '2025-09-15': 'GG', '2025-09-16': 'GG', '2025-09-17': 'GG', '2025-09-18': 'GG', '2025-09-19': 'GG' },
    });
    expect(f?.evidence.window).toMatchObject({ schoolWeeks: 10 });
    expect((f!.evidence.window as { weekMondays: string[] }).weekMondays).not.toContain('2025-10-27');
  });

  it('ends the window on the as-of day: sessions later that week do not count', () => {
    const pupil = {
      days: { '2025-11-17': 'NN', '2025-11-18': 'NN', '2025-11-19': 'NN', '2025-11-20': 'NN', '2025-11-27': 'NN' },
    };
    expect(penalty(pupil, '2025-11-26')).toBeUndefined();
    expect(penalty(pupil, '2025-11-27')?.evidence.count).toBe(10);
  });

  it('counts N toward the threshold until the tenth session', () => {
    const days: Record<string, string> = {};
    ['2025-11-17', '2025-11-18', '2025-11-19', '2025-11-20'].forEach((d) => (days[d] = 'NN'));
    days['2025-11-21'] = 'N/';
    expect(penalty({ days }, '2025-11-21')).toBeUndefined();
    days['2025-11-21'] = 'NN';
    expect(penalty({ days }, '2025-11-21')?.evidence.byCode).toEqual({ N: 10 });
  });

  it('does not count authorised absence or L', () => {
    expect(penalty({ spans: [['2025-11-17', '2025-11-28', 'I']], days: { '2025-11-10': 'LL' } })).toBeUndefined();
  });

  it('advises a penalty without a notice to improve when the sessions are all unauthorised holiday', () => {
    const f = penalty({ spans: [['2025-11-17', '2025-11-21', 'G']] });
    expect(f?.nextStep).toMatch(/without a notice to improve/);
    const mixed = penalty({ spans: [['2025-11-17', '2025-11-20', 'G']], days: { '2025-11-21': 'OO' } });
    expect(mixed?.nextStep).toMatch(/notice to improve \(improvement period 3-6 weeks\)/);
  });

  it('gives 004’s warning period of 15 school days in the next step', () => {
    const f = penalty(
      { spans: [['2025-11-17', '2025-11-20', 'O']], days: { '2025-11-21': 'OO' } },
      AS_OF,
      'stockport-bramhall',
    );
    expect(f?.nextStep).toMatch(/15 school days/);
    expect(f?.citation.source).toBe('Bramhall High School (Stockport), Attendance Policy (2024)');
  });

  it('takes 004’s no-warning route for five school days of G, whatever else is in the window', () => {
    // Seed 004's case: a five-day holiday (Mon 17 - Fri 21 November) plus two unrelated U marks.
    const holidayAndLate: FixturePupil = {
      spans: [['2025-11-17', '2025-11-21', 'G']],
      days: { '2025-11-10': 'U/', '2025-11-11': '/U' },
    };
    const f = penalty(holidayAndLate, AS_OF, 'stockport-bramhall');
    expect(f?.evidence.byCode).toEqual({ G: 10, U: 2 });
    expect(f?.nextStep).toMatch(
      /^5 or more school days of unauthorised leave \(G\) in the window: refer to Stockport Council/,
    );
    expect(f?.nextStep).toMatch(/without an initial warning/);
    expect(f?.nextStep).not.toMatch(/notice to improve \(/);
    // Nationally the mix goes back to support first.
    expect(penalty(holidayAndLate, AS_OF)?.nextStep).toMatch(/^Offer support first/);
  });

  it('keeps 004’s warning route for four and a half days of G', () => {
    const f = penalty(
      { spans: [['2025-11-17', '2025-11-20', 'G']], days: { '2025-11-21': 'GU', '2025-11-10': 'UU' } },
      AS_OF,
      'stockport-bramhall',
    );
    expect(f?.evidence.byCode).toEqual({ G: 9, U: 3 });
    expect(f?.nextStep).toMatch(/^Offer support first.*15 school days/);
  });

  it('finds nothing for a pupil below compulsory school age', () => {
    // Born 1 June 2021: five on 1 June 2026, so not of compulsory school age until 31 August 2026.
    expect(
      penalty({ dateOfBirth: '2021-06-01', yearGroup: 'R', spans: [['2025-11-17', '2025-11-28', 'G']] }),
    ).toBeUndefined();
    // Born 1 September 2020: five on 1 September 2025, compulsory school age from 31 December 2025.
    expect(
      penalty({ dateOfBirth: '2020-09-01', yearGroup: 'R', spans: [['2025-12-08', '2025-12-19', 'G']] }, '2025-12-19'),
    ).toBeUndefined();
    expect(
      penalty({ dateOfBirth: '2020-08-31', yearGroup: '1', spans: [['2025-12-08', '2025-12-19', 'G']] }, '2025-12-19'),
    ).toBeDefined();
  });

  it('says when the register holds fewer than 10 school weeks', () => {
    const f = penalty({ spans: [['2025-09-03', '2025-09-09', 'O']] }, '2025-09-12');
    expect(f?.evidence.window).toMatchObject({ schoolWeeks: 2, complete: false });
    expect(f?.reason).toMatch(/holds only 2 school weeks/);
  });

  it('keeps the day the threshold was first met as the episode while the pupil stays over it', () => {
    const pupil = { spans: [['2025-11-10', '2025-11-14', 'G']] as [string, string, string][] };
    expect(penalty(pupil, '2025-11-14')?.episode).toBe('2025-11-14');
    expect(penalty(pupil, '2025-11-28')?.episode).toBe('2025-11-14');
  });
});
