import { rmSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { PUPILS, runCli, writeSchoolExport } from './schoolExport.ts';

let dir: string;
beforeAll(() => {
  dir = writeSchoolExport();
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('attendance explain', () => {
  it('prints one pupil’s measures and every finding with its evidence', async () => {
    const out = await runCli(['explain', dir, '--upn', PUPILS.cal, '--as-of', '2025-11-14']);
    expect(out.code).toBe(0);
    expect(out.stdout).toMatch(/^Cal, \(Callum\) Reid \(U935410125004\), Year 5, 5B/);
    expect(out.stdout).toMatch(/Possible sessions\s+94/);
    expect(out.stdout).toMatch(/Authorised absence\s+30\s+31\.9%/);
    expect(out.stdout).toMatch(/Overall absence\s+30\s+31\.9%\s+persistent absence/);
    expect(out.stdout).toMatch(/Sickness return due \(15 days\) \[sickness-return\]/);
    expect(out.stdout).toMatch(/Evidence: \{"illnessDays":15/);
    expect(out.stdout).toMatch(/Source:\s+DfE, Working together/);
  });

  it('gives the same in JSON, with the pupil and measures', async () => {
    const out = await runCli(['explain', dir, '--upn', PUPILS.ali.toLowerCase(), '--as-of', '2025-11-14', '--json']);
    const body = JSON.parse(out.stdout);
    expect(body.pupil).toMatchObject({ upn: PUPILS.ali, familyName: 'Khan, Jnr', fsm: true });
    expect(body.measures).toMatchObject({ possible: 94, unauthorised: 10, byCode: { G: 10, '/': 42, '\\': 42 } });
    expect(body.findings.map((f: { rule: string }) => f.rule)).toEqual(['persistent-absence', 'penalty-threshold']);
  });

  it('says "No findings." for a pupil with none', async () => {
    const out = await runCli(['explain', dir, '--upn', PUPILS.amy, '--as-of', '2025-11-14']);
    expect(out.stdout.trimEnd().endsWith('No findings.')).toBe(true);
  });

  it('names a UPN that is not in the bundle', async () => {
    const out = await runCli(['explain', dir, '--upn', 'B935410125099']);
    expect(out.code).toBe(2);
    expect(out.stderr).toMatch(/UPN B935410125099 is not in .*pupils\.csv/);
  });
});
