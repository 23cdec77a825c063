import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parse } from 'csv-parse/sync';
import { describe, expect, it } from 'vitest';
import { main } from '../../../cli/attendance.ts';
import { tempDir, writeText } from './importFixtures.ts';

const fixture = (name: string) => join(import.meta.dirname, '../../fixtures/mis', name);

async function run(argv: string[], tty = false) {
  let stdout = '';
  let stderr = '';
  const code = await main(argv, {
    stdout: { write: (t: string) => (stdout += t) },
    stderr: Object.assign({ write: (t: string) => (stderr += t) }, tty ? { isTTY: true } : {}),
  });
  return { code, stdout, stderr };
}

describe('attendance import', () => {
  it('ends with a one-line summary of counts and says which columns it used', async () => {
    const into = join(tempDir(), 'bundle');
    const out = await run([
      'import',
      fixture('sims-pupils.csv'),
      fixture('sims-grid.csv'),
      '--into',
      into,
      '--calendar',
      fixture('term-dates.ics'),
      '--lenient',
    ]);
    expect(out.code).toBe(0);
    expect(out.stdout).toMatch(
      /^imported 2 files: 2 pupils \(2 new\), 144 sessions, 11 marks \(11 new, 0 already held\), 1 rejects, 0 amendments, \d+\.\ds\n$/,
    );
    expect(out.stderr).toContain(
      'sims-grid.csv: grid, 2 rows read, 2 loaded, 0 rejected; columns upn="UPN", adno="Adno"',
    );
    expect(out.stderr).not.toContain('Amy');
    const rejects = parse(readFileSync(join(into, 'rejects.csv')), { columns: true }) as Record<string, string>[];
    expect(rejects.map((r) => [r.source_file, r.line, r.original_row])).toEqual([
      ['sims-pupils.csv', '4', '001236,,Jones,Cara,03/03/2016,Year 4,4B,,,'],
    ]);
  });

  it('stops with every problem and exit code 1, writing nothing, when not lenient', async () => {
    const dir = tempDir();
    const into = join(dir, 'bundle');
    const out = await run(['import', fixture('sims-pupils.csv'), fixture('sims-grid.csv'), '--into', into]);
    expect(out.code).toBe(1);
    expect(out.stderr).toContain('sims-pupils.csv:4: UPN: no UPN, and admission number 001236');
    expect(existsSync(into)).toBe(false);
  });

  it('shows progress on a terminal, and not in a pipe', async () => {
    const into = join(tempDir(), 'bundle');
    const args = ['import', fixture('scholarpack-days.csv'), '--into', into];
    expect((await run(args, true)).stderr).toContain('read scholarpack-days.csv (1 of 1): 2 rows, days');
    expect((await run(args, false)).stderr).not.toContain('read scholarpack-days.csv');
  });

  it('writes rejects where --rejects says, and refuses --rejects without --lenient', async () => {
    const dir = tempDir();
    const marks = writeText(
      dir,
      'm.csv',
      'UPN,Surname,Forename,DOB,Year,Date,AM,PM\nN820123425001,A,B,01/01/2016,4,03/09/2025,/,Q9\nN820123425001,A,B,01/01/2016,4,04/09/2025,/,\\\n',
    );
    const rejects = join(dir, 'out', 'r.csv');
    expect((await run(['import', marks, '--into', join(dir, 'b'), '--rejects', rejects])).code).toBe(2);
    const out = await run([
      'import',
      marks,
      '--into',
      join(dir, 'b'),
      '--lenient',
      '--rejects',
      join(dir, 'r.csv'),
      '--json',
    ]);
    expect(out.code).toBe(0);
    expect(JSON.parse(out.stdout)).toMatchObject({
      rowsRead: 2,
      rowsLoaded: 1,
      rowsRejected: 1,
      rejectsFile: join(dir, 'r.csv'),
    });
    expect(readFileSync(join(dir, 'r.csv'), 'utf8')).toContain('PM: unknown register code ""Q9"" (2025-09-03 PM)');
  });

  it('reads a mapping file and reports a bad one by field', async () => {
    const dir = tempDir();
    const marks = writeText(
      dir,
      'm.csv',
      'Pupil No,Surname,Forename,DOB,Year,Day,Morning,Afternoon\nN820123425001,A,B,01/01/2016,4,03/09/2025,/,\\\n',
    );
    const mapping = writeText(
      dir,
      'map.json',
      JSON.stringify({ columns: { upn: 'Pupil No', date: 'Day', am: 'Morning', pm: 'Afternoon' } }),
    );
    expect((await run(['import', marks, '--into', join(dir, 'b'), '--mapping', mapping])).code).toBe(0);
    const bad = writeText(dir, 'bad.json', JSON.stringify({ columns: { pupil: 'Pupil No' } }));
    const out = await run(['import', marks, '--into', join(dir, 'c'), '--mapping', bad]);
    expect(out.code).toBe(1);
    expect(out.stderr).toMatch(/bad\.json:1: columns: .*pupil/);
  });
});
