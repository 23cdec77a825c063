import { mkdirSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { runCli, SCHOOL_JSON, writeSchoolExport } from './schoolExport.ts';

const dirs: string[] = [];
afterEach(() => {
  for (const d of dirs.splice(0)) rmSync(d, { recursive: true, force: true });
});

function bundle(replace: Parameters<typeof writeSchoolExport>[0] = {}): string {
  const dir = writeSchoolExport(replace);
  dirs.push(dir);
  return dir;
}

describe('exit codes, as README documents them', () => {
  it('exits 0 when the check runs', async () => {
    expect((await runCli(['check', bundle(), '--as-of', '2025-11-14'])).code).toBe(0);
  });

  it('exits 1, not 2, for a marks.csv with only its header: the input has nothing to evaluate', async () => {
    const out = await runCli(['check', bundle({ 'marks.csv': 'upn,date,session,code\r\n' })]);
    expect(out.code).toBe(1);
    expect(out.stderr).toMatch(/marks\.csv:0: \(file\): no marks other than # \(closed\)/);
  });

  it('exits 1 for a header-only marks.csv without calendar.json, naming the file', async () => {
    const out = await runCli(['check', bundle({ 'marks.csv': 'upn,date,session,code\n', 'calendar.json': null })]);
    expect(out.code).toBe(1);
    expect(out.stderr).toMatch(/marks\.csv:0: \(file\): no school sessions in .*: marks\.csv has no marks/);
  });

  it('exits 1 for an unknown policy in school.json, at the line that names it, and 2 for an unknown --policy', async () => {
    const school = JSON.stringify(JSON.parse(SCHOOL_JSON), null, 2).replace('"national"', '"narnia"');
    const fromFile = await runCli(['check', bundle({ 'school.json': school })]);
    expect(fromFile.code).toBe(1);
    expect(fromFile.stderr).toMatch(/school\.json:5: policy: unknown policy profile "narnia"/);
    const fromArgs = await runCli(['check', bundle(), '--policy', 'narnia']);
    expect(fromArgs.code).toBe(2);
    expect(fromArgs.stderr).toMatch(/unknown policy profile "narnia"/);
  });

  it('exits 1 when a bundle file is a folder, naming it', async () => {
    const dir = bundle({ 'marks.csv': null });
    mkdirSync(join(dir, 'marks.csv'));
    const out = await runCli(['check', dir]);
    expect(out.code).toBe(1);
    expect(out.stderr).toMatch(/marks\.csv:0: \(file\): not a file in /);
  });

  it('exits 1 when a file named on the command line cannot be read', async () => {
    const dir = bundle();
    const out = await runCli([
      'import',
      join(dir, 'pupils.csv'),
      '--into',
      join(dir, 'out'),
      '--mapping',
      join(dir, 'none.json'),
    ]);
    expect(out.code).toBe(1);
    expect(out.stderr).toMatch(/none\.json:0: \(file\): cannot be used \(ENOENT/);
  });

  it('exits 2 for a mistake in the command line, and without a command', async () => {
    expect((await runCli(['check', bundle(), '--as-of', 'yesterday'])).code).toBe(2);
    expect((await runCli(['check', bundle(), '--as-of', '2020-01-06'])).code).toBe(2);
    expect((await runCli(['frobnicate'])).code).toBe(2);
    const none = await runCli([]);
    expect(none.code).toBe(2);
    expect(none.stdout).toBe('');
    expect(none.stderr).toMatch(/^attendance: name a command/);
    expect((await runCli(['help'])).code).toBe(0);
  });
});
