import { describe, expect, it } from 'vitest';
import * as rules from '../../rules/index.ts';

describe('the rules library’s public API (rules/index.ts)', () => {
  it('offers the engine, cases, decisions and the source register beside the measures and profiles', () => {
    for (const name of [
      'registerFindings',
      'createAttendanceEngine',
      'FindingTable',
      'pupilMeasures',
      'policyProfile',
      'applyCaseChange',
      'suggestedNextReview',
      'buildMeetingAgenda',
      'decideLeaveOfAbsence',
      'decidePenaltyNotice',
      'decideSicknessReturn',
      'cite',
      'formatShortDate',
    ] as const)
      expect(typeof (rules as Record<string, unknown>)[name], name).toBe('function');
    expect(rules.SOURCES.wtisa.title).toMatch(/Working together to improve school attendance/);
  });

  it('does not offer the tests’ oracle', () => {
    expect('evaluateFindings' in rules).toBe(false);
    expect('oracleFindings' in rules).toBe(false);
  });

  it('answers the examples its documentation gives', () => {
    expect(rules.formatShortDate('2025-03-03')).toBe('Mon, 3 Mar 2025');
    expect(rules.formatLongDate('2025-03-03')).toBe('Monday, 3 March 2025');
    expect(rules.cite('stockportBramhall', 'Appendix A, Stage 2')).toEqual({
      source: 'Bramhall High School (Stockport), Attendance Policy (2024)',
      where: 'Appendix A, Stage 2',
    });
    const lines = { persistentPercent: 10, severePercent: 50, atRiskFromPercent: 8, minimumPossibleExclusive: 0 };
    expect(rules.absenceLevelBits(10, 100, lines)).toBe(rules.ABSENCE_LEVEL.persistent);
    expect(rules.absenceLevelBits(9, 100, lines)).toBe(rules.ABSENCE_LEVEL.atRisk);
    expect(rules.absenceLevelBits(50, 100, lines)).toBe(rules.ABSENCE_LEVEL.persistent | rules.ABSENCE_LEVEL.severe);
    expect(rules.absenceLevelBits(5, 10, { ...lines, minimumPossibleExclusive: 10 })).toBe(0);
    expect(rules.meetsBrokenWeeksConcern(3, 6, { minimumBrokenWeeks: 3, concernRatio: 0.5 })).toBe(true);
    expect(rules.meetsBrokenWeeksConcern(2, 2, { minimumBrokenWeeks: 3, concernRatio: 0.5 })).toBe(false);
    const bramhall = rules.policyProfile('stockport-bramhall');
    expect(rules.suggestedNextReview(bramhall, 'stage-2', '2025-11-21')).toBe('2025-12-19');
    expect(() => rules.policyProfile('derbyshire')).toThrow(/unknown policy profile "derbyshire"/);
  });
});
