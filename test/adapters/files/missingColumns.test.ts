import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { importRegisterFiles } from '../../../adapters/import/importRegisterFiles.ts';
import { RegisterInputError } from '../../../adapters/register/inputProblems.ts';
import { readMisExport } from '../../../adapters/register/mis/readMisExport.ts';
import { bundleWithMarks, codeAt, read, strictProblems, UPN1, UPN2 } from '../canonical/canonicalBundle.ts';
import {
  autumnDays,
  simsPupilsCsv,
  simsSessionLines,
  SIMS_SESSION_HEADER,
  tempDir,
  writeAutumnCalendar,
  writeText,
} from '../import/importFixtures.ts';

const HEADER = 'upn,date,session,code';

describe('a row that has lost a column', () => {
  it('is an error at marks.csv:line naming the code column, not a row with no mark', () => {
    const dir = bundleWithMarks(`${HEADER}\n${UPN1},2025-09-03,AM,/\n${UPN1},2025-09-03,PM\n`);
    expect(strictProblems(dir)).toEqual([
      expect.stringMatching(/^marks\.csv:3: code: the row has 3 cells but the header names 4 columns, so "code" is/),
    ]);
  });

  it('is rejected and counted when lenient, and never replaces the real mark already read', () => {
    const dir = bundleWithMarks(
      `${HEADER}\n${UPN1},2025-09-03,AM,/\n${UPN1},2025-09-03,AM\n${UPN2},2025-09-03,AM,N\n${UPN2},2025-09-03\n`,
    );
    const result = read(dir, { lenient: true });
    expect(codeAt(result, UPN1, '2025-09-03', 'AM')).toBe('/');
    expect(codeAt(result, UPN2, '2025-09-03', 'AM')).toBe('N');
    expect(result.report.rejects.map((r) => [r.file, r.line, r.reasons[0].split(':')[0]])).toEqual([
      ['marks.csv', 3, 'code'],
      ['marks.csv', 5, 'session'],
    ]);
    expect(result.report.rowsRead).toBe(result.report.rowsLoaded + result.report.rowsRejected);
  });

  it('names a cell past the header that a comma should not have made', () => {
    const dir = bundleWithMarks(`${HEADER}\n${UPN1},2025-09-03,AM,/,late\n`);
    expect(strictProblems(dir)).toEqual([
      expect.stringMatching(/^marks\.csv:2: \(row\): the row has 5 cells but the header names 4 columns/),
    ]);
  });

  it('reads empty cells past the header (a spreadsheet padding the row) as nothing', () => {
    const dir = bundleWithMarks(`${HEADER},\n${UPN1},2025-09-03,AM,/,\n${UPN1},2025-09-03,PM,\\,,\n`);
    const result = read(dir);
    expect(codeAt(result, UPN1, '2025-09-03', 'PM')).toBe('\\');
  });

  it('is an error in pupils.csv naming the first missing column, in strict and lenient reads alike', () => {
    const dir = bundleWithMarks(`${HEADER}\n${UPN1},2025-09-03,AM,/\n`);
    const pupils = readFileSync(join(dir, 'pupils.csv'), 'utf8').split(/\r?\n/);
    const cells = pupils[2].split(',');
    pupils[2] = cells.slice(0, 3).join(',');
    writeFileSync(join(dir, 'pupils.csv'), pupils.join('\n'));
    const missing = pupils[0].split(',')[3];
    expect(strictProblems(dir)).toEqual([
      expect.stringMatching(new RegExp(`^pupils\\.csv:3: ${missing}: the row has 3 cells`)),
    ]);
    const lenient = read(dir, { lenient: true });
    expect(lenient.report.rejects.map((r) => `${r.file}:${r.line}`)).toEqual(['pupils.csv:3']);
    expect(lenient.register.pupils.map((p) => p.upn)).toEqual([UPN1]);
  });

  it('is a problem on its row in an MIS export, against the column the file names', () => {
    const path = writeText(
      tempDir(),
      'export.csv',
      'UPN,Surname,Forename,Date,Session,Mark\r\nN820123425001,Ng,Hal,03/09/2025,AM,/\r\nN820123425001,Ng,Hal,03/09/2025,PM\r\n',
    );
    const read = readMisExport(path);
    expect(read.rows.map((r) => [r.line, r.problems.map((p) => p.field), r.marks.length])).toEqual([
      [2, [], 1],
      [3, ['Mark'], 0],
    ]);
  });

  it('is rejected by a lenient import, which still accounts for every row', () => {
    const dir = tempDir();
    const days = autumnDays(2);
    const lines = simsSessionLines(2, days);
    const short = lines[1].split(',').slice(0, -1).join(',');
    writeText(dir, 'pupils.csv', simsPupilsCsv(2));
    writeText(dir, 'marks.csv', [SIMS_SESSION_HEADER, lines[0], short, ...lines.slice(2)].join('\r\n'));
    const into = join(tempDir(), 'bundle');
    const files = [join(dir, 'pupils.csv'), join(dir, 'marks.csv')];
    const calendar = writeAutumnCalendar(dir);
    expect(() => importRegisterFiles(files, { into, calendar, seenAt: '2025-09-05T16:00:00Z' })).toThrow(
      RegisterInputError,
    );
    const result = importRegisterFiles(files, { into, calendar, lenient: true, seenAt: '2025-09-05T16:00:00Z' });
    expect(result.rejected.map((r) => [r.file, r.line, r.problems[0].field])).toEqual([['marks.csv', 3, 'Mark']]);
    expect(result.rowsRead).toBe(result.rowsLoaded + result.rowsRejected);
  });
});
