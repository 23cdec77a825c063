import { rmSync } from 'node:fs';
import { afterEach, describe, expect, it } from 'vitest';
import { marksCsv, PUPILS, PUPILS_CSV, runCli, writeSchoolExport } from './schoolExport.ts';

const dirs: string[] = [];
afterEach(() => {
  for (const d of dirs.splice(0)) rmSync(d, { recursive: true, force: true });
});

async function checkWith(replace: Parameters<typeof writeSchoolExport>[0]) {
  const dir = writeSchoolExport(replace);
  dirs.push(dir);
  return runCli(['check', dir, '--as-of', '2025-11-14', '--json']);
}

/** marks.csv with one extra row at the end; the line it lands on is the header, the rows, then this one. */
function marksWithExtraRow(row: string): { text: string; line: number } {
  const text = marksCsv().trimEnd();
  const line = text.split('\r\n').length + 1;
  return { text: `${text}\r\n${row}\r\n`, line };
}

describe('bad register input', () => {
  it('stops on an unknown code, naming file, line and field', async () => {
    const { text, line } = marksWithExtraRow(`${PUPILS.amy},2025-11-14,AM,A`);
    const out = await checkWith({ 'marks.csv': text });
    expect(out.code).not.toBe(0);
    expect(out.stdout).toBe('');
    expect(out.stderr).toContain(`marks.csv:${line}: code: unknown register code "A"`);
  });

  it('stops on a UPN with a wrong check letter', async () => {
    const wrong = `Z${PUPILS.amy.slice(1)}`;
    const pupils = PUPILS_CSV.replace(PUPILS.amy, wrong);
    const out = await checkWith({ 'pupils.csv': pupils });
    expect(out.code).not.toBe(0);
    expect(out.stderr).toMatch(
      new RegExp(`pupils\\.csv:2: upn: UPN ${wrong} has check letter Z but its digits call for B`),
    );
  });

  it('stops on a date outside the calendar', async () => {
    const { text, line } = marksWithExtraRow(`${PUPILS.amy},2025-10-29,AM,/`);
    const out = await checkWith({ 'marks.csv': text });
    expect(out.code).not.toBe(0);
    expect(out.stderr).toMatch(new RegExp(`marks\\.csv:${line}: date: 2025-10-29 is outside every term`));
  });

  it('stops on a mark for the INSET day', async () => {
    const { text, line } = marksWithExtraRow(`${PUPILS.amy},2025-11-03,AM,/`);
    const out = await checkWith({ 'marks.csv': text });
    expect(out.stderr).toMatch(
      new RegExp(`marks\\.csv:${line}: date: 2025-11-03 AM is a closure in the calendar \\(INSET day\\)`),
    );
  });

  it('stops on two different marks for one pupil-session', async () => {
    const { text, line } = marksWithExtraRow(`${PUPILS.amy},2025-11-14,PM,O`);
    const out = await checkWith({ 'marks.csv': text });
    expect(out.code).not.toBe(0);
    expect(out.stderr).toMatch(
      new RegExp(
        `marks\\.csv:${line}: code: a second mark for ${PUPILS.amy} on 2025-11-14 PM: O here, \\\\ on line \\d+`,
      ),
    );
  });

  it('stops on a missing column', async () => {
    const pupils = PUPILS_CSV.replace('Date of Birth,', '').replace(/,(\d{4}-\d{2}-\d{2}),/g, ',');
    const out = await checkWith({ 'pupils.csv': pupils });
    expect(out.code).not.toBe(0);
    expect(out.stderr).toMatch(/pupils\.csv:1: date_of_birth: missing column "date_of_birth"/);
  });

  it('stops on a missing file', async () => {
    const out = await checkWith({ 'marks.csv': null });
    expect(out.code).not.toBe(0);
    expect(out.stderr).toMatch(/marks\.csv:0: \(file\): missing from/);
  });

  it('reports a wrong command line with the usage and exit code 2', async () => {
    const out = await runCli(['check', '--as-of', '2025-13-01', 'x']);
    expect(out.code).toBe(2);
    expect(out.stderr).toMatch(/--as-of "2025-13-01" is not a date/);
    expect((await runCli(['explain', 'x'])).code).toBe(2);
  });
});
