import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { fixtureUpn, writeBundle } from '../support/registerFixture.ts';
import { runCli } from './schoolExport.ts';

const root = mkdtempSync(join(tmpdir(), 'attendance-previous-'));
afterAll(() => rmSync(root, { recursive: true, force: true }));

const upn = fixtureUpn(7);
const summer = writeBundle(join(root, 'summer'), {
  calendar: { terms: [{ name: 'Summer 2', start: '2025-06-02', end: '2025-07-22' }] },
  pupils: [{ upn, days: { '2025-07-18': 'GG', '2025-07-21': 'GG', '2025-07-22': 'GG' } }],
});
const autumn = writeBundle(join(root, 'autumn'), {
  calendar: { terms: [{ name: 'Autumn 1', start: '2025-09-03', end: '2025-10-24' }] },
  pupils: [{ upn, days: { '2025-09-08': 'OO', '2025-09-09': 'OO' }, marksUntil: '2025-09-12' }],
});

describe('check --previous', () => {
  it('reaches back across the summer holiday for the penalty window', async () => {
    const without = JSON.parse((await runCli(['check', autumn, '--as-of', '2025-09-12', '--json'])).stdout);
    expect(without.findings.filter((f: { rule: string }) => f.rule === 'penalty-threshold')).toEqual([]);
    const out = await runCli(['check', autumn, '--as-of', '2025-09-12', '--json', '--previous', summer]);
    expect(out.code).toBe(0);
    const body = JSON.parse(out.stdout);
    const penalty = body.findings.find((f: { rule: string }) => f.rule === 'penalty-threshold');
    expect(penalty).toMatchObject({ upn, evidence: { count: 10, byCode: { G: 6, O: 4 } } });
    expect(body.notes.join(' ')).toMatch(
      /Previous year's register .*summer: 74 sessions before 2025-09-03 added for 1 of 1 pupils/,
    );
  });

  it('names the previous bundle’s files in its problems', async () => {
    const out = await runCli(['check', autumn, '--previous', join(root, 'nowhere')]);
    expect(out.code).not.toBe(0);
    expect(out.stderr).toMatch(/nowhere: not a directory|nowhere.*\(bundle\)/);
  });
});

describe('registers from before the 2024 codes', () => {
  const old = writeBundle(join(root, 'old'), {
    calendar: { terms: [{ name: 'Summer 2', start: '2024-06-03', end: '2024-07-19' }] },
    pupils: [{ days: { '2024-07-01': 'HH', '2024-07-02': 'JY', '2024-07-03': 'FF' } }],
  });

  it('says so in the JSON and in the text, and counts H and F as authorised, J as attended, Y as not possible', async () => {
    const body = JSON.parse((await runCli(['check', old, '--as-of', '2024-07-19', '--json'])).stdout);
    expect(body.codeRegime).toMatchObject({
      pre2024: true,
      note: expect.stringMatching(/predate the 2024 register codes/),
    });
    expect(body.notes.join(' ')).toMatch(/withdrawn codes found: 2 H, 2 F, 1 J, 1 Y\./);
    const text = await runCli(['check', old, '--as-of', '2024-07-19']);
    expect(text.stdout).toMatch(/Note: 70 sessions from 2024-06-03 to 2024-07-19 predate the 2024 register codes/);
    const explained = JSON.parse(
      (await runCli(['explain', old, '--upn', fixtureUpn(1), '--as-of', '2024-07-19', '--json'])).stdout,
    );
    expect(explained.measures).toMatchObject({ possible: 69, authorised: 4, approvedActivity: 1, notPossible: 1 });
    expect(explained.codeRegime.pre2024).toBe(true);
  });

  it('has no pre-2024 note for a 2025 register', async () => {
    const body = JSON.parse((await runCli(['check', autumn, '--as-of', '2025-09-12', '--json'])).stdout);
    expect(body.codeRegime).toEqual({ pre2024: false });
  });
});
