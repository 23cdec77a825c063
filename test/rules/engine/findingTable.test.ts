import { describe, expect, it } from 'vitest';
import { createAttendanceEngine } from '../../../rules/engine/attendanceEngine.ts';
import { type FindingTable } from '../../../rules/engine/findingTable.ts';
import { oracleFindings } from '../../oracle/findingsOracle.ts';
import { RULE_IDS, type Finding } from '../../../rules/findings/finding.ts';
import { POLICY_PROFILES } from '../../../rules/policies/policyProfiles.ts';
import { randomRegister } from './randomRegister.ts';

// The registers and dates of the equivalence tests, which between them raise every rule.
const REGISTERS = [1, 2, 3].map((seed) => randomRegister(seed, 120));
const ENGINE = createAttendanceEngine(REGISTERS);
const DATES = [
  '2024-09-04',
  '2024-10-30',
  '2024-11-20',
  '2025-02-19',
  '2025-05-07',
  '2025-07-22',
  '2025-09-17',
  '2025-11-03',
  '2025-12-19',
];

/** The figure a finding turns on, read from its evidence: what the table's value and outOf columns hold. */
function figureOf(f: Finding): [number, number] {
  const e = f.evidence;
  switch (f.rule) {
    case 'persistent-absence':
    case 'severe-absence':
    case 'at-risk-of-persistent-absence':
      return [e.absenceSessions as number, e.possibleSessions as number];
    case 'broken-weeks':
      return [e.brokenWeeks as number, e.schoolWeeks as number];
    case 'penalty-threshold':
    case 'persistent-lateness':
      return [e.count as number, 0];
    case 'sickness-return':
      return [e.illnessDays as number, 0];
    case 'unexplained-absence':
    case 'n-code-overdue':
      return [(e.sessions as unknown[]).length, 0];
    case 'unexplained-3-days':
      return [e.consecutiveSchoolDays as number, 0];
    case 'continuous-unauthorised-10-days':
    case 'deletion-ground-20-days':
      return [e.schoolDays as number, 0];
    default:
      throw new Error(`the engine's tables hold no ${f.rule} findings`);
  }
}

function tables(): { policy: string; asOf: string; table: FindingTable }[] {
  const out: { policy: string; asOf: string; table: FindingTable }[] = [];
  for (const [policy, profile] of POLICY_PROFILES)
    for (const asOf of DATES) for (const table of ENGINE.findingsAt(asOf, profile)) out.push({ policy, asOf, table });
  return out;
}
const TABLES = tables();

describe('a finding table', () => {
  it('holds, row by row, the pupil, rule and figure of the finding it builds for that row', { timeout: 60_000 }, () => {
    const seen = new Set<string>();
    for (const { table } of TABLES) {
      const { pupils } = table.query.index.register;
      table.findings().forEach((f, row) => {
        expect(f.rule).toBe(table.ruleOf(row));
        expect(f.upn).toBe(pupils[table.pupil[row]].upn);
        expect([table.value[row], table.outOf[row]]).toEqual(figureOf(f));
        seen.add(f.rule);
      });
    }
    expect([...seen].sort()).toEqual([...RULE_IDS].sort());
  });

  it('counts each rule’s rows, and its rows are the findings of that rule', () => {
    for (const { table } of TABLES) {
      const all = table.findings();
      let total = 0;
      for (const rule of RULE_IDS) {
        const { from, to } = table.rowsOf(rule);
        expect(to - from).toBe(table.countOf(rule));
        expect(all.slice(from, to).every((f) => f.rule === rule)).toBe(true);
        total += table.countOf(rule);
      }
      expect(total).toBe(table.size);
      expect(all).toHaveLength(table.size);
    }
  });

  it('builds a page of findings equal to the same rows of the whole list', () => {
    const { table } = TABLES.reduce((a, b) => (b.table.size > a.table.size ? b : a));
    expect(table.size).toBeGreaterThan(40);
    const all = table.findings();
    expect(table.findings(20, 40)).toStrictEqual(all.slice(20, 40));
    expect(table.findings(table.size - 3, table.size + 10)).toStrictEqual(all.slice(-3));
    expect(table.finding(7)).toStrictEqual(all[7]);
  });

  it('keeps its findings when the engine answers other questions afterwards (the screen arrays are reused)', () => {
    const policy = POLICY_PROFILES.get('national')!;
    const before = ENGINE.findingsAt('2025-03-05', policy);
    const want = before.map((t) => t.findings());
    ENGINE.findingsAt('2025-11-03', policy);
    ENGINE.sicknessReturnList('2024-11-20', policy);
    ENGINE.persistentAbsenceList('2025-07-22', POLICY_PROFILES.get('stockport-bramhall')!);
    REGISTERS.forEach((register, i) => {
      expect(before[i].findings()).toStrictEqual(want[i]);
      expect(before[i].findings()).toStrictEqual(oracleFindings(register, { asOf: '2025-03-05', policy }));
    });
  });

  it('refuses a row it does not hold, naming the row and its size', () => {
    const { table } = TABLES[0];
    expect(() => table.finding(table.size)).toThrow(
      `row ${table.size} is outside this table of ${table.size} findings`,
    );
    expect(() => table.finding(-1)).toThrow(/row -1 is outside/);
    expect(() => table.ruleOf(table.size)).toThrow(/is outside this table/);
    expect(() => table.finding(1.5)).toThrow(/row 1.5 is outside/);
  });
});
