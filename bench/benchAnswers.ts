import { type AttendanceEngine } from '../rules/engine/attendanceEngine.ts';
import { type FindingTable } from '../rules/engine/findingTable.ts';
import { type Finding } from '../rules/findings/finding.ts';
import { type PolicyProfile } from '../rules/policies/policyProfile.ts';

/**
 * The answers compared between the engine and DuckDB at one as-of date, each a sorted list of lines
 * "urn upn figure" (and the rule, for findings), so two answers are equal when their lines are.
 */
export interface BenchAnswers {
  penaltyThreshold: string[];
  persistentAbsence: string[];
  severeAbsence: string[];
  sicknessReturns: string[];
  /** Every finding as "urn upn rule keyFigure". */
  findings: string[];
}

export const ANSWER_NAMES = [
  'penaltyThreshold',
  'persistentAbsence',
  'severeAbsence',
  'sicknessReturns',
  'findings',
] as const;

/** The figure a finding turns on, for comparing with SQL without its prose. */
export function keyFigure(f: Finding): string {
  const e = f.evidence as Record<string, unknown>;
  switch (f.rule) {
    case 'persistent-absence':
    case 'severe-absence':
    case 'at-risk-of-persistent-absence':
      return `${e.absenceSessions}/${e.possibleSessions}`;
    case 'penalty-threshold':
    case 'persistent-lateness':
      return String(e.count);
    case 'sickness-return':
      return String(e.illnessDays);
    case 'unexplained-absence':
    case 'n-code-overdue':
      return String((e.sessions as unknown[]).length);
    case 'unexplained-3-days':
      return String(e.consecutiveSchoolDays);
    case 'continuous-unauthorised-10-days':
    case 'deletion-ground-20-days':
      return String(e.schoolDays);
    case 'broken-weeks':
      return `${e.brokenWeeks}/${e.schoolWeeks}`;
    default:
      // The part-time timetable rules read the school's records, which neither DuckDB nor the engine holds.
      return f.episode;
  }
}

const sorted = (lines: string[]) => lines.sort();

const OUT_OF_RULES = new Set(['persistent-absence', 'severe-absence', 'at-risk-of-persistent-absence', 'broken-weeks']);

/** The figure of a finding table's row, written as keyFigure writes the built finding's. */
function rowFigure(table: FindingTable, row: number): string {
  return OUT_OF_RULES.has(table.ruleOf(row)) ? `${table.value[row]}/${table.outOf[row]}` : String(table.value[row]);
}

/**
 * The engine's answers, each list from its cheap query and the findings from findingsAt. The findings are
 * read twice, from the tables' columns and from the Finding objects built for every row; `columnsMatch` is
 * false when the two disagree.
 */
export function engineAnswers(
  engine: AttendanceEngine,
  asOf: string,
  policy: PolicyProfile,
): BenchAnswers & { columnsMatch: boolean } {
  const findings: string[] = [];
  const columns: string[] = [];
  for (const table of engine.findingsAt(asOf, policy)) {
    const { urn } = table.school;
    const { pupils } = table.query.index.register;
    table.findings().forEach((f, row) => {
      findings.push(`${urn} ${f.upn} ${f.rule} ${keyFigure(f)}`);
      columns.push(`${urn} ${pupils[table.pupil[row]].upn} ${table.ruleOf(row)} ${rowFigure(table, row)}`);
    });
  }
  return {
    columnsMatch: columns.join('\n') === findings.join('\n'),
    penaltyThreshold: sorted(
      engine.penaltyThresholdList(asOf, policy).map((e) => `${e.school.urn} ${e.upn} ${e.sessions}`),
    ),
    persistentAbsence: sorted(
      engine
        .persistentAbsenceList(asOf, policy)
        .map((e) => `${e.school.urn} ${e.upn} ${e.absenceSessions}/${e.possibleSessions}`),
    ),
    severeAbsence: sorted(
      engine
        .severeAbsenceList(asOf, policy)
        .map((e) => `${e.school.urn} ${e.upn} ${e.absenceSessions}/${e.possibleSessions}`),
    ),
    sicknessReturns: sorted(
      engine.sicknessReturnList(asOf, policy).map((e) => `${e.school.urn} ${e.upn} ${e.illnessDays}`),
    ),
    findings: sorted(findings),
  };
}

/** Lines in one answer and not the other, per answer; empty when the answers are identical. */
export function answerDifferences(a: BenchAnswers, b: BenchAnswers, limit = 5): string[] {
  const out: string[] = [];
  for (const name of ANSWER_NAMES) {
    const left = new Set(a[name]);
    const right = new Set(b[name]);
    const onlyLeft = a[name].filter((line) => !right.has(line));
    const onlyRight = b[name].filter((line) => !left.has(line));
    if (onlyLeft.length || onlyRight.length || a[name].length !== b[name].length) {
      out.push(
        `${name}: ${onlyLeft.length} only in the engine (${onlyLeft.slice(0, limit).join('; ')}), ${onlyRight.length} only in DuckDB (${onlyRight.slice(0, limit).join('; ')})`,
      );
    }
  }
  return out;
}
