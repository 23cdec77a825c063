import { type DuckDBConnection } from '@duckdb/node-api';
import { REGISTER_CODES } from '../rules/codes/registerCodes.ts';
import { academicYearBounds, academicYearOf } from '../rules/dates/academicYear.ts';
import { toDayNumber, type IsoDate } from '../rules/dates/isoDate.ts';
import { type PolicyProfile } from '../rules/policies/policyProfile.ts';
import { type BenchAnswers } from './benchAnswers.ts';

/** Code ids for an SQL IN list. */
function ids(test: (code: (typeof REGISTER_CODES)[number]) => boolean): string {
  return REGISTER_CODES.filter(test)
    .map((c) => c.id)
    .join(', ');
}
const inCodes = (codes: readonly string[]) => ids((c) => codes.includes(c.code));
const POSSIBLE = ids((c) => ['present', 'approved-activity', 'authorised', 'unauthorised'].includes(c.category));
const ABSENCE = ids((c) => c.category === 'authorised' || c.category === 'unauthorised');
const ATTENDANCE = ids((c) => c.category === 'present' || c.category === 'approved-activity');

/**
 * The same questions in SQL, as an analyst would ask DuckDB over one row per pupil-session: counts with
 * FILTER over the year to date, rolling 10-school-week windows as window functions over weekly counts,
 * runs of school days ending on the as-of day (the attendance return's: ending this calendar month, found
 * as islands of consecutive days), and broken weeks from weekly flags. Policy numbers come
 * from the profile, so both sides answer under the same rules. Only the national profile's day units are
 * written here (N overdue in school days, illness in half days).
 */
export function authoritySql(asOf: IsoDate, policy: PolicyProfile): { ctes: string; rows: Record<string, string> } {
  const D = toDayNumber(asOf);
  const periodStart = toDayNumber(academicYearBounds(academicYearOf(asOf)).start);
  // The attendance return's runs: the latest of the profile's days ending in the as-of date's calendar
  // month (by the as-of day), however early it began.
  const monthStart = toDayNumber(`${asOf.slice(0, 7)}-01`);
  if (
    policy.unexplainedAbsence.correctNWithin.unit !== 'school-days' ||
    policy.sicknessReturn.sessionCounts !== 'half-day'
  ) {
    throw new RangeError(
      `the DuckDB side is written for school-day N limits and half-day illness; profile ${policy.id} uses others`,
    );
  }
  const N = inCodes(['N']);
  const I = inCodes(['I']);
  const pt = policy.penaltyThreshold;
  const late = policy.lateness;
  const abs = policy.absence;
  const compulsory = `${D} BETWEEN p.csa_from AND p.csa_to`;
  const ctes = `
    bounds AS (
      SELECT school, max(day) AS as_of_day, max(week) AS as_of_week FROM school_days WHERE date_num <= ${D} GROUP BY school),
    period AS (
      SELECT school, min(day) AS first_day FROM school_days WHERE date_num BETWEEN ${periodStart} AND ${D} GROUP BY school),
    scoped AS (
      SELECT m.pupil, m.school, m.day, m.week, m.code, b.as_of_day, b.as_of_week, coalesce(pr.first_day, 32767) AS first_day
      FROM marks m JOIN bounds b USING (school) LEFT JOIN period pr USING (school)
      WHERE m.day <= b.as_of_day),
    totals AS (
      SELECT pupil,
        count(*) FILTER (WHERE day >= first_day AND code IN (${POSSIBLE})) AS possible,
        count(*) FILTER (WHERE day >= first_day AND code IN (${ABSENCE})) AS absence,
        count(*) FILTER (WHERE day >= first_day AND code IN (${I})) AS ill_sessions,
        count(*) FILTER (WHERE day < as_of_day - ${policy.unexplainedAbsence.correctNWithin.days} AND code IN (${N})) AS overdue_n,
        count(*) FILTER (WHERE day = as_of_day AND code IN (${N})) AS n_today
      FROM scoped GROUP BY pupil),
    weekly AS (
      SELECT pupil, week, any_value(as_of_week) AS as_of_week,
        count(*) FILTER (WHERE code IN (${inCodes(pt.codes)})) AS penalty,
        count(*) FILTER (WHERE code IN (${inCodes(late.codes)})) AS late,
        bool_or(day >= first_day AND code IN (${POSSIBLE}))::INT AS possible_week,
        bool_or(day >= first_day AND code IN (${ABSENCE}))::INT AS broken_week
      FROM scoped GROUP BY pupil, week),
    rolling AS (
      SELECT pupil, week, as_of_week,
        sum(penalty) OVER (PARTITION BY pupil ORDER BY week RANGE BETWEEN ${pt.schoolWeeks - 1} PRECEDING AND CURRENT ROW) AS penalty_window,
        sum(late) OVER (PARTITION BY pupil ORDER BY week RANGE BETWEEN ${late.schoolWeeks - 1} PRECEDING AND CURRENT ROW) AS late_window
      FROM weekly),
    at_as_of_week AS (SELECT pupil, penalty_window, late_window FROM rolling WHERE week = as_of_week),
    broken AS (SELECT pupil, sum(broken_week) AS broken, sum(possible_week) AS weeks FROM weekly GROUP BY pupil),
    daily AS (
      SELECT pupil, any_value(school) AS school, day, any_value(as_of_day) AS as_of_day,
        bool_and(code IN (${inCodes(policy.continuousAbsence.codes)})) AS all_continuous,
        bool_and(code IN (${inCodes(policy.deletionGround.codes)})) AS all_deletion,
        bool_or(code IN (${N})) AND NOT bool_or(code IN (${ATTENDANCE})) AS unexplained
      FROM scoped GROUP BY pupil, day),
    month AS (
      SELECT school, min(day) AS first_day FROM school_days WHERE date_num BETWEEN ${monthStart} AND ${D} GROUP BY school),
    continuous_islands AS (
      SELECT pupil, school, day - row_number() OVER (PARTITION BY pupil ORDER BY day) AS island, day
      FROM daily WHERE all_continuous),
    continuous_runs AS (
      SELECT i.pupil, max(i.day) AS last_day, count(*) AS days
      FROM continuous_islands i JOIN month mo USING (school)
      GROUP BY i.pupil, i.island, mo.first_day
      HAVING count(*) >= ${policy.continuousAbsence.days} AND max(i.day) >= mo.first_day),
    return_run AS (
      SELECT pupil, arg_max(days, last_day) AS continuous_days FROM continuous_runs GROUP BY pupil),
    runs AS (
      SELECT pupil,
        any_value(as_of_day) - coalesce(max(day) FILTER (WHERE NOT all_deletion), -1) AS deletion_days,
        any_value(as_of_day) - coalesce(max(day) FILTER (WHERE NOT unexplained), -1) AS unexplained_days
      FROM daily GROUP BY pupil)`;
  const persistent = `possible > 0 AND 100 * absence >= ${abs.persistentPercent} * possible`;
  const rows: Record<string, string> = {
    persistentAbsence: `SELECT pupil, 'persistent-absence', absence, possible FROM totals WHERE ${persistent}`,
    severeAbsence: `SELECT pupil, 'severe-absence', absence, possible FROM totals WHERE possible > 0 AND 100 * absence >= ${abs.severePercent} * possible`,
    atRisk: `SELECT pupil, 'at-risk-of-persistent-absence', absence, possible FROM totals WHERE possible > 0 AND NOT (${persistent}) AND 100 * absence >= ${abs.atRiskFromPercent} * possible`,
    penaltyThreshold: `SELECT w.pupil, 'penalty-threshold', w.penalty_window, NULL FROM at_as_of_week w JOIN pupils p USING (pupil) WHERE w.penalty_window >= ${pt.sessions} AND ${compulsory}`,
    sicknessReturns: `SELECT t.pupil, 'sickness-return', t.ill_sessions / 2, NULL FROM totals t JOIN pupils p USING (pupil) WHERE t.ill_sessions / 2 >= ${policy.sicknessReturn.days} AND ${compulsory}`,
    unexplainedToday: `SELECT pupil, 'unexplained-absence', n_today, NULL FROM totals WHERE n_today > 0`,
    unexplainedDays: `SELECT pupil, 'unexplained-3-days', unexplained_days, NULL FROM runs WHERE unexplained_days >= ${policy.unexplainedAbsence.homeVisitOnDay}`,
    overdueN: `SELECT pupil, 'n-code-overdue', overdue_n, NULL FROM totals WHERE overdue_n > 0`,
    continuous: `SELECT r.pupil, 'continuous-unauthorised-10-days', r.continuous_days, NULL FROM return_run r JOIN pupils p USING (pupil) WHERE ${compulsory}`,
    deletion: `SELECT r.pupil, 'deletion-ground-20-days', r.deletion_days, NULL FROM runs r JOIN pupils p USING (pupil) WHERE r.deletion_days >= ${policy.deletionGround.days} AND ${compulsory}`,
    lateness: `SELECT pupil, 'persistent-lateness', late_window, NULL FROM at_as_of_week WHERE late_window >= ${late.sessions}`,
    brokenWeeks: `SELECT pupil, 'broken-weeks', broken, weeks FROM broken WHERE broken >= ${policy.brokenWeeks.minimumBrokenWeeks} AND broken >= ${policy.brokenWeeks.concernRatio} * weeks`,
  };
  return { ctes, rows };
}

/** One query: the CTEs, the chosen rule rows unioned, named by school URN and pupil UPN. */
function query(asOf: IsoDate, policy: PolicyProfile, parts: readonly string[]): string {
  const { ctes, rows } = authoritySql(asOf, policy);
  return `WITH ${ctes},
    found (pupil, rule, a, b) AS (${parts.map((name) => rows[name]).join('\n UNION ALL ')})
    SELECT s.urn, p.upn, f.rule, f.a, f.b FROM found f JOIN pupils p USING (pupil) JOIN schools s USING (school)`;
}

const ALL_RULES = [
  'persistentAbsence',
  'severeAbsence',
  'atRisk',
  'penaltyThreshold',
  'sicknessReturns',
  'unexplainedToday',
  'unexplainedDays',
  'overdueN',
  'continuous',
  'deletion',
  'lateness',
  'brokenWeeks',
];

/** Runs one query and gives its rows as "urn upn [rule] figure" lines, sorted. */
async function lines(connection: DuckDBConnection, sql: string, withRule: boolean): Promise<string[]> {
  const reader = await connection.runAndReadAll(sql);
  const out: string[] = [];
  for (const [urn, upn, rule, a, b] of reader.getRows()) {
    const figure = b === null ? String(Number(a)) : `${Number(a)}/${Number(b)}`;
    out.push(withRule ? `${urn} ${upn} ${rule} ${figure}` : `${urn} ${upn} ${figure}`);
  }
  return out.sort();
}

/** Every finding's (urn, upn, rule, key figure): the query timed against the engine's findingsAt. */
export function duckdbFindings(connection: DuckDBConnection, asOf: IsoDate, policy: PolicyProfile): Promise<string[]> {
  return lines(connection, query(asOf, policy, ALL_RULES), true);
}

export async function duckdbAnswers(
  connection: DuckDBConnection,
  asOf: IsoDate,
  policy: PolicyProfile,
): Promise<BenchAnswers> {
  return {
    penaltyThreshold: await lines(connection, query(asOf, policy, ['penaltyThreshold']), false),
    persistentAbsence: await lines(connection, query(asOf, policy, ['persistentAbsence']), false),
    severeAbsence: await lines(connection, query(asOf, policy, ['severeAbsence']), false),
    sicknessReturns: await lines(connection, query(asOf, policy, ['sicknessReturns']), false),
    findings: await duckdbFindings(connection, asOf, policy),
  };
}

/** The list queries one at a time, for timing each against the engine's list. */
export const LIST_QUERIES = {
  penaltyThreshold: 'penaltyThreshold',
  persistentAbsence: 'persistentAbsence',
  severeAbsence: 'severeAbsence',
  sicknessReturns: 'sicknessReturns',
} as const;

export function duckdbList(
  connection: DuckDBConnection,
  asOf: IsoDate,
  policy: PolicyProfile,
  list: keyof typeof LIST_QUERIES,
): Promise<string[]> {
  return lines(connection, query(asOf, policy, [LIST_QUERIES[list]]), false);
}
