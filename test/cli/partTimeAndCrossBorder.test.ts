import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { AUTUMN_2025, fixtureUpn, writeBundle } from '../support/registerFixture.ts';
import { runCli } from './schoolExport.ts';

const COMMUTER = fixtureUpn(1); // lives in Derbyshire (830), school in Derby (831); reached the threshold
const LOCAL = fixtureUpn(2); // lives in Derby; same threshold
const PART_TIME = fixtureUpn(3); // on an agreed timetable, with a C2 on a Thursday it does not cover

let root: string;
let dir: string;
beforeAll(() => {
  root = mkdtempSync(join(tmpdir(), 'part-time-'));
  dir = writeBundle(join(root, 'school'), {
    school: { name: 'Derby Road Primary', localAuthority: 'Derby', laCode: '831', policy: 'derby' },
    calendar: AUTUMN_2025,
    pupils: [
      { upn: COMMUTER, homeLa: '830', spans: [['2025-11-10', '2025-11-14', 'G']] },
      { upn: LOCAL, homeLa: '831', spans: [['2025-11-10', '2025-11-14', 'G']] },
      { upn: PART_TIME, socialWorker: true, days: { '2025-11-10': '/C2', '2025-11-13': '/C2' } },
    ],
  });
  writeFileSync(
    join(dir, 'part-time-timetables.csv'),
    [
      'upn,start,proposed_end,sessions_off,school_agreed,parent_agreed,plan,next_review,reviews,social_worker_told,la_told,ended',
      `${PART_TIME},2025-09-15,2025-12-19,Mon PM; Tue PM,2025-09-10,2025-09-11,Medical plan,2025-11-14,2025-10-13,,,`,
    ].join('\n') + '\n',
  );
});
afterAll(() => rmSync(root, { recursive: true, force: true }));

describe('attendance check with part-time timetables and cross-border pupils', () => {
  it('lists the timetable findings beside the register findings, citing Derby City Council', async () => {
    const out = await runCli(['check', dir, '--as-of', '2025-11-14', '--json']);
    expect(out.code).toBe(0);
    const body = JSON.parse(out.stdout);
    const mine = body.findings.filter((f: { upn: string }) => f.upn === PART_TIME);
    expect(mine.map((f: { rule: string }) => f.rule).sort()).toEqual([
      'part-time-c2-not-agreed',
      'part-time-review-due',
      'part-time-social-worker-not-told',
    ]);
    const c2 = mine.find((f: { rule: string }) => f.rule === 'part-time-c2-not-agreed');
    expect(c2.evidence.sessions).toEqual([{ date: '2025-11-13', session: 'PM', code: 'C2', problem: 'not-covered' }]);
    expect(c2.citation.where).toMatch(/^para 19/);
    expect(body.counts['part-time-review-due']).toBe(1);
  });

  it('names the School LA for a penalty notice only when the pupil lives elsewhere', async () => {
    const out = await runCli(['check', dir, '--as-of', '2025-11-14', '--json', '--rule', 'penalty-threshold']);
    const body = JSON.parse(out.stdout);
    const byUpn = new Map(body.findings.map((f: { upn: string }) => [f.upn, f]));
    const commuter = byUpn.get(COMMUTER) as { nextStep: string; evidence: Record<string, unknown> };
    const local = byUpn.get(LOCAL) as { nextStep: string; evidence: Record<string, unknown> };
    expect(commuter.nextStep).toMatch(
      /Cross-border pupil \(lives in Derbyshire \(LA 830\), school in Derby \(LA 831\)\)/,
    );
    expect(commuter.nextStep).toMatch(/Penalty notice: The School LA, under its own code of conduct/);
    expect(commuter.nextStep).toMatch(/Prosecution: The School LA, telling the Home LA/);
    expect(commuter.evidence.crossBorder).toMatchObject({ homeLa: '830', schoolLa: '831' });
    expect(local.nextStep).not.toMatch(/Cross-border/);
    expect(local.evidence.crossBorder).toBeUndefined();
  });

  it('shows the home LA and the timetable when explaining a pupil', async () => {
    const commuter = await runCli(['explain', dir, '--upn', COMMUTER, '--as-of', '2025-11-14']);
    expect(commuter.stdout).toMatch(/Home LA\s+Derbyshire \(LA 830\): cross-border, school in Derby \(LA 831\)/);
    const partTime = await runCli(['explain', dir, '--upn', PART_TIME, '--as-of', '2025-11-14']);
    expect(partTime.stdout).toMatch(
      /Part-time timetable\s+from Monday,? 15 September 2025 to Friday,? 19 December 2025/,
    );
    expect(partTime.stdout).toMatch(/Monday afternoon, Tuesday afternoon/);
    expect(partTime.stdout).toMatch(/\[part-time-c2-not-agreed\]/);
  });

  it('reports a bad timetable row at its line and field, and loads nothing', async () => {
    const bad = join(root, 'bad');
    writeBundle(bad, { calendar: AUTUMN_2025, pupils: [{ upn: PART_TIME }] });
    writeFileSync(
      join(bad, 'part-time-timetables.csv'),
      [
        'upn,start,proposed_end,sessions_off',
        `${PART_TIME},2025-09-15,2025-09-01,Mon PM`,
        `${PART_TIME},2025-10-01,2025-12-01,Sat AM`,
        `${fixtureUpn(9)},2025-10-01,2025-12-01,Mon PM`,
      ].join('\n') + '\n',
    );
    const out = await runCli(['check', bad, '--as-of', '2025-11-14']);
    expect(out.code).not.toBe(0);
    expect(out.stderr).toMatch(/part-time-timetables\.csv:2.*proposed_end.*before the start/);
    expect(out.stderr).toMatch(/part-time-timetables\.csv:3.*sessions_off.*"Sat AM" is not a school-day session/);
    expect(out.stderr).toMatch(/part-time-timetables\.csv:4.*upn.*is not in pupils\.csv/);
  });
});
