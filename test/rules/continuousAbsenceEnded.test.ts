import { describe, expect, it } from 'vitest';
import { AUTUMN_2024 } from '../support/autumn2024.ts';
import { type FixturePupil } from '../support/registerFixture.ts';
import { findingOf, findingsAt, rulesOf } from './ruleHarness.ts';
const spec = (...pupils: FixturePupil[]) => ({ calendar: AUTUMN_2024, pupils });
const RULE = 'continuous-unauthorised-10-days';

describe('continuous-unauthorised-10-days for a run that ended this month', () => {
  it('still lists a run of 4-15 November at the month’s end when the pupil came back on the 18th', () => {
    const pupil: FixturePupil = { spans: [['2024-11-04', '2024-11-15', 'O']] };
    const f = findingOf(findingsAt(spec(pupil), '2024-11-29'), RULE);
    expect(f?.evidence).toMatchObject({
      from: '2024-11-04',
      to: '2024-11-15',
      schoolDays: 10,
      ongoing: false,
      returnMonth: '2024-11',
    });
    expect(f?.reason).toMatch(/from Mon, 4 Nov 2024 to Fri, 15 Nov 2024; the run has ended/);
    expect(f?.reason).toMatch(/attendance return for November 2024/);
    expect(f?.episode).toBe('2024-11-04');
  });

  it('is raised for exactly 10 school days and not for 9', () => {
    const ten: FixturePupil = { spans: [['2024-11-04', '2024-11-15', 'N']] };
    const nine: FixturePupil = { spans: [['2024-11-05', '2024-11-15', 'N']] };
    const findings = findingsAt(spec(ten, nine), '2024-11-20');
    expect(findings.filter((f) => f.rule === RULE)).toHaveLength(1);
    expect(findingOf(findings, RULE)?.evidence.schoolDays).toBe(10);
  });

  it('says the run is still going when it reaches the as-of day, with the same episode as after it ends', () => {
    const pupil: FixturePupil = { spans: [['2024-11-04', '2024-11-15', 'G']] };
    const during = findingOf(findingsAt(spec(pupil), '2024-11-15'), RULE);
    const after = findingOf(findingsAt(spec(pupil), '2024-11-22'), RULE);
    expect(during?.evidence.ongoing).toBe(true);
    expect(after?.evidence.ongoing).toBe(false);
    expect(during?.episode).toBe(after?.episode);
  });

  it('drops the run once the calendar month is over: December’s return does not owe it', () => {
    const pupil: FixturePupil = { spans: [['2024-11-04', '2024-11-15', 'O']] };
    expect(rulesOf(findingsAt(spec(pupil), '2024-12-02'))).not.toContain(RULE);
  });

  it('keeps a run that began last month and ended this month, counting its days across the half-term', () => {
    // Mon 21 - Fri 25 October, then Mon 4 - Wed 6 November: 8 school days; to Fri 8 November: 10.
    const pupil: FixturePupil = { spans: [['2024-10-21', '2024-11-08', 'U']] };
    const f = findingOf(findingsAt(spec(pupil), '2024-11-27'), RULE);
    expect(f?.evidence).toMatchObject({ from: '2024-10-21', to: '2024-11-08', schoolDays: 10, ongoing: false });
  });

  it('names the later of two runs in the month and lists both in the evidence', () => {
    const pupil: FixturePupil = {
      spans: [
        ['2024-11-04', '2024-11-15', 'O'],
        ['2024-11-19', '2024-12-02', 'N'],
      ],
    };
    const f = findingOf(findingsAt(spec(pupil), '2024-11-29'), RULE);
    // 19-29 November is only 9 school days by the 29th: the first run is the one owed so far.
    expect(f?.evidence).toMatchObject({ from: '2024-11-04', to: '2024-11-15' });
    const december = findingOf(findingsAt(spec(pupil), '2024-12-02'), RULE);
    expect(december?.evidence).toMatchObject({ from: '2024-11-19', to: '2024-12-02', schoolDays: 10, ongoing: true });
  });

  it('is not raised for a reception pupil under compulsory school age', () => {
    // Born 1 June 2020: compulsory school age starts on 31 August 2025.
    const pupil: FixturePupil = {
      dateOfBirth: '2020-06-01',
      yearGroup: 'R',
      spans: [['2024-11-04', '2024-11-15', 'O']],
    };
    expect(rulesOf(findingsAt(spec(pupil), '2024-11-29'))).not.toContain(RULE);
  });
});
