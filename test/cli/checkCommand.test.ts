import { execFileSync } from 'node:child_process';
import { rmSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { PUPILS, runCli, writeSchoolExport } from './schoolExport.ts';

let dir: string;
beforeAll(() => {
  dir = writeSchoolExport();
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

interface JsonFinding {
  upn: string;
  rule: string;
  reason: string;
  evidence: Record<string, unknown>;
  nextStep: string;
  citation: { source: string; where: string };
}

async function checkJson(...extra: string[]) {
  const out = await runCli(['check', dir, '--as-of', '2025-11-14', '--json', ...extra]);
  expect(out.stderr).toBe('');
  expect(out.code).toBe(0);
  return JSON.parse(out.stdout) as {
    asOf: string;
    policy: string;
    findings: JsonFinding[];
    notes: string[];
    codeRegime: { pre2024: boolean };
  };
}

describe('attendance check on a school’s export', () => {
  it('reaches the findings an attendance officer reaches by hand', async () => {
    const body = await checkJson();
    expect(body.asOf).toBe('2025-11-14');
    expect(body.policy).toBe('national');
    const pairs = body.findings.map((f) => `${f.upn} ${f.rule}`).sort();
    expect(pairs).toEqual(
      [
        // Ali: 10 G of 94 possible (10.6%); 10 G in the 10 school weeks.
        `${PUPILS.ali} persistent-absence`,
        `${PUPILS.ali} penalty-threshold`,
        // Bea: 6 N of 94 (6.4%); N today and on each of the last 3 school days.
        `${PUPILS.bea} at-risk-of-persistent-absence`,
        `${PUPILS.bea} unexplained-absence`,
        `${PUPILS.bea} unexplained-3-days`,
        // Cal: ill 15 school days (13 Oct - 10 Nov across half-term and INSET), 30 of 94 sessions.
        `${PUPILS.cal} persistent-absence`,
        `${PUPILS.cal} sickness-return`,
        // Dev: the N of 20 October is 13 school days old; nine L marks are present, not late enough for the rule.
        `${PUPILS.dev} n-code-overdue`,
        // Eve: 28 O of 94, but under compulsory school age: no legal-measure findings.
        `${PUPILS.eve} persistent-absence`,
        // Fin: U every session for 14 school days: penalty, attendance return and lateness, but not the 20-day ground.
        `${PUPILS.fin} persistent-absence`,
        `${PUPILS.fin} penalty-threshold`,
        `${PUPILS.fin} continuous-unauthorised-10-days`,
        `${PUPILS.fin} persistent-lateness`,
        // Hal: M in 5 of 10 school weeks (5 of 94, 5.3%).
        `${PUPILS.hal} at-risk-of-persistent-absence`,
        `${PUPILS.hal} broken-weeks`,
      ].sort(),
    );
  });

  it('shows the working behind the key findings', async () => {
    const { findings } = await checkJson();
    const find = (upn: string, rule: string) => findings.find((f) => f.upn === upn && f.rule === rule)!;
    expect(find(PUPILS.ali, 'persistent-absence').evidence).toMatchObject({
      possibleSessions: 94,
      absenceSessions: 10,
      unauthorisedSessions: 10,
    });
    expect(find(PUPILS.ali, 'penalty-threshold').evidence).toMatchObject({
      count: 10,
      byCode: { G: 10 },
      window: { from: '2025-09-03', to: '2025-11-14', schoolWeeks: 10 },
    });
    expect(find(PUPILS.ali, 'penalty-threshold').nextStep).toMatch(/without a notice to improve/);
    expect(find(PUPILS.bea, 'unexplained-3-days').evidence).toMatchObject({
      consecutiveSchoolDays: 3,
      from: '2025-11-12',
      to: '2025-11-14',
    });
    expect(find(PUPILS.cal, 'sickness-return').evidence).toMatchObject({
      illnessDays: 15,
      consecutive: true,
      reachedOn: '2025-11-10',
    });
    expect(find(PUPILS.dev, 'n-code-overdue').evidence).toMatchObject({
      sessions: [{ date: '2025-10-20', session: 'AM', code: 'N', daysSince: 13 }],
    });
    expect(find(PUPILS.fin, 'continuous-unauthorised-10-days').evidence).toMatchObject({
      from: '2025-10-20',
      schoolDays: 14,
      byCode: { U: 28 },
    });
    expect(find(PUPILS.hal, 'broken-weeks').evidence).toMatchObject({ brokenWeeks: 5, schoolWeeks: 10 });
    for (const f of findings) {
      expect(f.reason.length).toBeGreaterThan(10);
      expect(f.nextStep.length).toBeGreaterThan(10);
      expect(f.citation.source.length).toBeGreaterThan(0);
      expect(f.citation.where.length).toBeGreaterThan(0);
    }
  });

  it('counts the approved activities and leaves D, Q and Y7 out of possible sessions', async () => {
    const out = await runCli(['explain', dir, '--upn', PUPILS.gus, '--as-of', '2025-11-14', '--json']);
    const body = JSON.parse(out.stdout);
    // 1 October to 14 November: 27 school days, 54 sessions, less D D Q Y7.
    expect(body.measures).toMatchObject({
      possible: 50,
      approvedActivity: 9,
      absence: 0,
      notPossible: 4,
      notCollected: 40,
    });
    expect(body.findings).toEqual([]);
  });

  it('applies a profile named on the command line', async () => {
    const body = await checkJson('--policy', 'stockport-bramhall');
    expect(body.policy).toBe('stockport-bramhall');
    const finPenalty = body.findings.find((f) => f.upn === PUPILS.fin && f.rule === 'penalty-threshold')!;
    expect(finPenalty.citation.source).toBe('Bramhall High School (Stockport), Attendance Policy (2024)');
    expect(finPenalty.nextStep).toMatch(/15 school days/);
  });

  it('prints a readable table grouped by rule', async () => {
    const out = await runCli(['check', dir, '--as-of', '2025-11-14']);
    expect(out.code).toBe(0);
    expect(out.stdout).toMatch(/^Brook Lane Primary \(URN 135790\): 9 pupils, as of 2025-11-14, policy National rules/);
    expect(out.stdout).toMatch(
      /Penalty notice threshold \(10 sessions in 10 school weeks\) \[penalty-threshold\]: 2 pupils/,
    );
    expect(out.stdout).toContain('Ali Khan, Jnr (Q935410125002, Year 5)');
  });

  it('reaches the same findings with no calendar.json, deriving the sessions from the marks', async () => {
    const derived = writeSchoolExport({ 'calendar.json': null });
    try {
      const out = await runCli(['check', derived, '--as-of', '2025-11-14', '--json']);
      const body = JSON.parse(out.stdout);
      const withCalendar = await checkJson();
      expect(body.findings.map((f: JsonFinding) => `${f.upn} ${f.rule}`)).toEqual(
        withCalendar.findings.map((f) => `${f.upn} ${f.rule}`),
      );
      expect(body.calendar).toMatchObject({ source: 'derived from marks.csv', schoolDays: 47 });
      expect(body.notes.join(' ')).toMatch(/No calendar\.json/);
    } finally {
      rmSync(derived, { recursive: true, force: true });
    }
  });

  it('runs as the installed bin with exactly one JSON object on stdout', () => {
    const stdout = execFileSync(
      process.execPath,
      ['bin/attendance.js', 'check', dir, '--as-of', '2025-11-14', '--json', '--rule', 'sickness-return'],
      { encoding: 'utf8' },
    );
    const body = JSON.parse(stdout);
    expect(body.findings.map((f: JsonFinding) => [f.upn, f.rule])).toEqual([[PUPILS.cal, 'sickness-return']]);
    expect(Object.keys(body.findings[0])).toEqual(
      expect.arrayContaining(['upn', 'rule', 'reason', 'evidence', 'nextStep', 'citation']),
    );
  });
});
