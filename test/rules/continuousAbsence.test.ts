import { describe, expect, it } from 'vitest';
import { AUTUMN_2025, type FixturePupil } from '../support/registerFixture.ts';
import { findingOf, findingsAt, rulesOf } from './ruleHarness.ts';

const spec = (pupil: FixturePupil) => ({ calendar: AUTUMN_2025, pupils: [pupil] });

describe('continuous-unauthorised-10-days', () => {
  it('counts 10 school days across the half-term and the INSET day', () => {
    // Mon 20 - Fri 24 October, then Tue 4 - Fri 7 November (the 3rd is INSET), then Mon 10 November.
    const pupil: FixturePupil = { spans: [['2025-10-20', '2025-11-10', 'O']] };
    expect(rulesOf(findingsAt(spec(pupil), '2025-11-07'))).not.toContain('continuous-unauthorised-10-days');
    const f = findingOf(findingsAt(spec(pupil), '2025-11-10'), 'continuous-unauthorised-10-days');
    expect(f?.evidence).toMatchObject({ from: '2025-10-20', to: '2025-11-10', schoolDays: 10, sessions: 20 });
  });

  it('takes any mix of G, N, O and U on every session', () => {
    const pupil: FixturePupil = {
      spans: [
        ['2025-11-10', '2025-11-14', 'GN'],
        ['2025-11-17', '2025-11-21', 'UO'],
      ],
    };
    const f = findingOf(findingsAt(spec(pupil), '2025-11-21'), 'continuous-unauthorised-10-days');
    expect(f?.evidence.byCode).toEqual({ G: 5, N: 5, U: 5, O: 5 });
  });

  it('is broken by a single session of attendance or authorised absence', () => {
    const pupil: FixturePupil = { spans: [['2025-11-10', '2025-11-21', 'O']], days: { '2025-11-14': 'OI' } };
    expect(rulesOf(findingsAt(spec(pupil), '2025-11-21'))).not.toContain('continuous-unauthorised-10-days');
  });
});

describe('deletion-ground-20-days', () => {
  it('is met by 20 continuous school days of G, N or O', () => {
    const pupil: FixturePupil = { spans: [['2025-11-04', '2025-12-01', 'O']] };
    const f = findingOf(findingsAt(spec(pupil), '2025-12-01'), 'deletion-ground-20-days');
    expect(f?.evidence).toMatchObject({ schoolDays: 20, from: '2025-11-04' });
    expect(f?.nextStep).toMatch(/Do not delete yet/);
    expect(rulesOf(findingsAt(spec(pupil), '2025-11-28'))).not.toContain('deletion-ground-20-days');
  });

  it('is broken by U, which still counts for the 10-day attendance return', () => {
    const pupil: FixturePupil = { spans: [['2025-11-04', '2025-12-01', 'O']], days: { '2025-11-20': 'UO' } };
    const rules = rulesOf(findingsAt(spec(pupil), '2025-12-01'));
    expect(rules).not.toContain('deletion-ground-20-days');
    expect(rules).toContain('continuous-unauthorised-10-days');
  });

  it('is not raised for a pupil past compulsory school age', () => {
    // Born 1 May 2009: compulsory school age ended on Friday 27 June 2025.
    const pupil: FixturePupil = {
      dateOfBirth: '2009-05-01',
      yearGroup: '12',
      spans: [['2025-11-04', '2025-12-01', 'O']],
    };
    const rules = rulesOf(findingsAt(spec(pupil), '2025-12-01'));
    expect(rules).not.toContain('deletion-ground-20-days');
    expect(rules).not.toContain('continuous-unauthorised-10-days');
    expect(rules).toContain('persistent-absence');
  });
});
