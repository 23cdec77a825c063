import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parse } from 'csv-parse/sync';
import { describe, expect, it } from 'vitest';
import { importRegisterFiles, type ImportOptions } from '../../../adapters/import/importRegisterFiles.ts';
import { RegisterInputError } from '../../../adapters/register/inputProblems.ts';
import { readRegisterBundle } from '../../../adapters/register/readRegisterBundle.ts';
import { sessionIndexOf } from '../../../rules/calendar/calendarLookup.ts';
import { registerCodeById } from '../../../rules/codes/registerCodes.ts';
import { pupilIndexOf, type Register } from '../../../rules/register/register.ts';
import {
  autumnDays,
  pupilUpn,
  SIMS_SESSION_HEADER,
  simsPupilsCsv,
  simsSessionLines,
  tempDir,
  writeAutumnCalendar,
  writeText,
} from './importFixtures.ts';

const fixture = (name: string) => join(import.meta.dirname, '../../fixtures/mis', name);
const SEEN = '2025-09-10T16:00:00.000Z';

function codeAt(register: Register, upn: string, date: string, session: 'AM' | 'PM'): string {
  const s = sessionIndexOf(register.calendar, date, session);
  return registerCodeById(register.marks[pupilIndexOf(register, upn) * register.calendar.sessionCount + s]).code;
}

function problemsOf(run: () => unknown): RegisterInputError {
  try {
    run();
  } catch (error) {
    if (error instanceof RegisterInputError) return error;
    throw error;
  }
  throw new Error('expected the import to stop with a RegisterInputError');
}

describe('importRegisterFiles', () => {
  it('writes a bundle the canonical reader loads: pupils file plus a SIMS export, a row with only an Adno matched by it', () => {
    const dir = tempDir();
    const into = join(dir, 'bundle');
    const pupils = writeText(dir, 'pupils.csv', simsPupilsCsv(2));
    const marks = writeText(
      dir,
      'marks.csv',
      `${SIMS_SESSION_HEADER}\r\n${simsSessionLines(2, autumnDays(2), { '2 2025-09-04 AM': 'N' }).join('\r\n').replace(pupilUpn(2), '')}\r\n`,
    );
    const result = importRegisterFiles([pupils, marks], { into, calendar: writeAutumnCalendar(dir), seenAt: SEEN });
    expect(result).toMatchObject({
      rowsRead: 10,
      rowsLoaded: 10,
      rowsRejected: 0,
      pupils: 2,
      pupilsAdded: 2,
      marksRead: 8,
      marksAdded: 8,
      amendments: [],
    });
    const { register } = readRegisterBundle(into);
    expect(register.pupils.map((p) => p.upn)).toEqual([pupilUpn(1), pupilUpn(2)]);
    expect(register.pupils[0]).toMatchObject({
      givenName: 'Forename1',
      familyName: 'Surname1',
      dateOfBirth: '2016-05-01',
      yearGroup: '4',
      regGroup: '4B',
    });
    expect(codeAt(register, pupilUpn(2), '2025-09-04', 'AM')).toBe('N');
    expect(readFileSync(join(into, 'pupils.csv'), 'utf8').split('\n')[1]).toBe(
      `${pupilUpn(1)},Forename1,Surname1,2016-05-01,4,4B,,,,,,1001`,
    );
    expect(JSON.parse(readFileSync(join(into, 'calendar.json'), 'utf8')).terms).toHaveLength(2);
  });

  it("takes the roster from the register's own columns when there is no pupils file, but needs a DOB for a new pupil", () => {
    const dir = tempDir();
    const error = problemsOf(() =>
      importRegisterFiles([fixture('arbor-days.csv')], { into: join(dir, 'b'), seenAt: SEEN }),
    );
    expect(error.problems[0]).toMatchObject({ file: 'arbor-days.csv', line: 2, field: 'date of birth' });
    expect(error.problems[0].message).toMatch(
      /has no date of birth in any file imported or in the bundle: import a pupils file/,
    );
    const result = importRegisterFiles([fixture('scholarpack-days.csv')], { into: join(dir, 'b'), seenAt: SEEN });
    expect(result).toMatchObject({ pupils: 2, marksRead: 4, rowsRead: 2 });
    expect(readRegisterBundle(join(dir, 'b')).register.pupils[0].regGroup).toBe('Oak');
  });

  it('rejects a pupils-file pupil with an admission number but no UPN, saying why', () => {
    const dir = tempDir();
    const result = importRegisterFiles([fixture('sims-pupils.csv'), fixture('sims-grid.csv')], {
      into: join(dir, 'b'),
      lenient: true,
      seenAt: SEEN,
    });
    expect(result.rejected.map((r) => [r.file, r.line])).toEqual([['sims-pupils.csv', 4]]);
    expect(result.rejected[0].problems[0].message).toMatch(
      /no UPN, and admission number 001236: a pupil cannot be loaded without a UPN/,
    );
    expect(result.pupils).toBe(2);
  });

  it('reports every kind of bad row as file:line: field, and changes nothing', () => {
    const dir = tempDir();
    const into = join(dir, 'bundle');
    const lines = [
      SIMS_SESSION_HEADER,
      `${pupilUpn(1)},1001,S,F,4,4B,03/09/2025,AM,Q9`, // 2 unknown code
      `A${pupilUpn(1).slice(1)},1001,S,F,4,4B,03/09/2025,PM,\\`, // 3 bad check letter
      `${pupilUpn(9)},1009,S,F,4,4B,03/09/2025,PM,\\`, // 4 not in the pupils file
      `${pupilUpn(1)},1001,S,F,4,4B,06/09/2025,AM,/`, // 5 a Saturday
      `${pupilUpn(1)},1001,S,F,4,4B,04/09/2025,EVE,/`, // 6 not AM/PM
      `${pupilUpn(1)},1001,S,F,4,4B,04/09/2025,AM,N`, // 7
      `${pupilUpn(1)},1001,S,F,4,4B,04/09/2025,AM,I`, // 8 a second, different mark
      `${pupilUpn(2)},1002,S,F,4,4B,04/09/2025,AM,/`, // 9 fine
    ];
    const marks = writeText(dir, 'sims.csv', `${lines.join('\n')}\n`);
    const pupils = writeText(dir, 'pupils.csv', simsPupilsCsv(2));
    const error = problemsOf(() =>
      importRegisterFiles([pupils, marks], { into, calendar: writeAutumnCalendar(dir), seenAt: SEEN }),
    );
    expect(error.problems.map((p) => `${p.file}:${p.line}: ${p.field}`)).toEqual([
      'sims.csv:2: Mark',
      'sims.csv:3: UPN',
      'sims.csv:4: UPN',
      'sims.csv:5: Date',
      'sims.csv:6: Session',
      'sims.csv:8: Mark',
    ]);
    expect(error.problems[3].message).toBe(
      '2025-09-06 AM is not a school session in the calendar (a weekend or closed session) but the row records /',
    );
    expect(error.problems[5].message).toBe(
      `two different marks for ${pupilUpn(1)} on 2025-09-04 AM: I here, N on line 7`,
    );
    expect(error.message).toMatch(
      /^6 problems in the register input; nothing was loaded:\nsims\.csv:2: Mark: unknown register code "Q9"/,
    );
    expect(existsSync(into)).toBe(false);
  });

  it('allows a temporary UPN', () => {
    const dir = tempDir();
    const pupils = writeText(dir, 'p.csv', 'UPN,Surname,Forename,DOB,Year\nZ82012342500A,Jones,Cara,03/03/2016,4\n');
    const marks = writeText(dir, 'm.csv', 'UPN,Date,AM,PM\nZ82012342500A,03/09/2025,/,\\\n');
    expect(importRegisterFiles([pupils, marks], { into: join(dir, 'b'), seenAt: SEEN }).marksAdded).toBe(2);
  });

  describe('a file with 1,000 scattered bad rows', () => {
    const dir = tempDir();
    const days = autumnDays(30);
    const body = simsSessionLines(200, days); // 12,000 rows
    const badLines = new Set<number>();
    const corruptions = [
      (l: string) => l.replace(/,(?:\/|\\)$/, ',Q9'),
      (l: string) => `${l[0] === 'A' ? 'B' : 'A'}${l.slice(1)}`,
      (l: string) => l.replace(/,(AM|PM),/, ',EV,'),
      (l: string) => l.replace(/,\d\d\/\d\d\/2025,/, ',06/09/2025,'),
      (l: string) => l.replace(/^[A-Z]\d{12}/, pupilUpn(900)),
    ];
    for (let k = 0; k < 1000; k++) {
      const index = (k * 7919) % body.length; // scattered, each row at most once
      body[index] = corruptions[k % corruptions.length](body[index]);
      badLines.add(index + 2);
    }
    const original = [SIMS_SESSION_HEADER, ...body];
    const marks = writeText(dir, 'sims.csv', `\uFEFF${original.join('\r\n')}\r\n\r\n`);
    const pupils = writeText(dir, 'pupils.csv', simsPupilsCsv(200));
    const options = (into: string): ImportOptions => ({
      into: join(dir, into),
      calendar: writeAutumnCalendar(dir),
      seenAt: SEEN,
    });

    it('reports all 1,000 with their line numbers', () => {
      const error = problemsOf(() => importRegisterFiles([pupils, marks], options('strict')));
      expect(error.total).toBe(1000);
      expect(new Set(error.problems.map((p) => p.line))).toEqual(badLines);
      expect(error.problems.every((p) => p.file === 'sims.csv')).toBe(true);
    });

    it('with --lenient loads exactly the rest and hands back exactly those rows, untouched', () => {
      const result = importRegisterFiles([pupils, marks], { ...options('lenient'), lenient: true });
      expect(result.rowsRead).toBe(12_200);
      expect(result.rowsRejected).toBe(1000);
      expect(result.rowsLoaded).toBe(11_200);
      expect(result.rowsRead).toBe(result.rowsLoaded + result.rowsRejected);
      expect(result.marksAdded).toBe(11_000);
      expect(result.rejected.map((r) => r.raw)).toEqual(
        [...badLines].sort((a, b) => a - b).map((line) => original[line - 1]),
      );
      const { register } = readRegisterBundle(join(dir, 'lenient'));
      let held = 0;
      for (const code of register.marks) if (code !== 0) held++;
      expect(held).toBe(11_000);
    });
  });

  describe('re-importing a later export', () => {
    const dir = tempDir();
    const into = join(dir, 'bundle');
    const pupils = writeText(dir, 'pupils.csv', simsPupilsCsv(3));
    const first = writeText(
      dir,
      'sims-0905.csv',
      `${[SIMS_SESSION_HEADER, ...simsSessionLines(3, autumnDays(3), { '2 2025-09-04 AM': 'N', '2 2025-09-04 PM': 'N' })].join('\n')}\n`,
    );
    const later = writeText(
      dir,
      'sims-0910.csv',
      `${[SIMS_SESSION_HEADER, ...simsSessionLines(3, autumnDays(6), { '2 2025-09-04 AM': 'I', '2 2025-09-04 PM': 'N' })].join('\n')}\n`,
    );
    const run = (...files: string[]) =>
      importRegisterFiles(files, { into, calendar: writeAutumnCalendar(dir), seenAt: SEEN });

    it('adds only what is new, records the changed mark as one amendment, and duplicates nothing', () => {
      run(pupils, first);
      const before = readFileSync(join(into, 'marks.csv'), 'utf8');
      const again = run(pupils, first);
      expect(again).toMatchObject({ marksAdded: 0, marksUnchanged: 18, amendments: [] });
      expect(readFileSync(join(into, 'marks.csv'), 'utf8')).toBe(before);
      expect(existsSync(join(into, 'amendments.csv'))).toBe(false);

      const result = run(later);
      expect(result).toMatchObject({ marksAdded: 18, marksUnchanged: 17, pupils: 3, pupilsAdded: 0 });
      expect(result.amendments).toEqual([
        {
          upn: pupilUpn(2),
          date: '2025-09-04',
          session: 'AM',
          originalCode: 'N',
          newCode: 'I',
          seenAt: SEEN,
          sourceFile: 'sims-0910.csv',
        },
      ]);
      const marksCsv = readFileSync(join(into, 'marks.csv'), 'utf8').trim().split('\n');
      expect(marksCsv).toHaveLength(1 + 3 * 6 * 2);
      expect(new Set(marksCsv).size).toBe(marksCsv.length);
      expect(marksCsv).toContain(`${pupilUpn(2)},2025-09-04,AM,I`);
      expect(readFileSync(join(into, 'amendments.csv'), 'utf8')).toBe(
        `upn,date,session,original_code,new_code,seen_at,source_file\n${pupilUpn(2)},2025-09-04,AM,N,I,${SEEN},sims-0910.csv\n`,
      );

      // The same later export again: nothing new, and the amendment is not recorded twice.
      expect(run(later)).toMatchObject({ marksAdded: 0, amendments: [] });
      expect(readFileSync(join(into, 'amendments.csv'), 'utf8').trim().split('\n')).toHaveLength(2);
    });
  });

  it("loads a CTF's pupils but not a mark string that runs past the calendar (lenient), or stops (strict)", () => {
    const dir = tempDir();
    const calendar = writeAutumnCalendar(dir);
    const error = problemsOf(() =>
      importRegisterFiles([fixture('ctf-25.xml')], { into: join(dir, 's'), calendar, seenAt: SEEN }),
    );
    expect(error.problems).toHaveLength(1);
    expect(error.problems[0]).toMatchObject({ file: 'ctf-25.xml', line: 79, field: 'AttendanceMarks' });
    const result = importRegisterFiles([fixture('ctf-25.xml')], {
      into: join(dir, 'l'),
      calendar,
      lenient: true,
      seenAt: SEEN,
    });
    expect(result).toMatchObject({ rowsRead: 6, rowsRejected: 1, pupils: 3 });
    const { register } = readRegisterBundle(join(dir, 'l'));
    expect(register.school).toMatchObject({ name: 'Example Primary School', urn: '100001' });
    expect(codeAt(register, pupilUpn(1), '2025-09-05', 'PM')).toBe('I');
    expect(codeAt(register, pupilUpn(2), '2025-09-04', 'AM')).toBe('N');
  });

  it('derives and writes the calendar from the register when asked', () => {
    const dir = tempDir();
    importRegisterFiles([fixture('sims-pupils.csv'), fixture('sims-grid.csv')], {
      into: join(dir, 'b'),
      calendar: 'derive',
      lenient: true,
      seenAt: SEEN,
    });
    expect(JSON.parse(readFileSync(join(dir, 'b', 'calendar.json'), 'utf8')).terms).toEqual([
      { name: 'Autumn 1 2025', start: '2025-09-03', end: '2025-09-05' },
    ]);
  });

  it('reads rejects back exactly from the rejects CSV', async () => {
    const { writeRejectsFile } = await import('../../../adapters/import/rejectsFile.ts');
    const dir = tempDir();
    const raw = 'N820123425001,"O\'Neill, Jr",03/09/2025,AM,Q9';
    writeRejectsFile(join(dir, 'rejects.csv'), [
      {
        file: 'x.csv',
        line: 7,
        raw,
        pupil: {},
        roster: false,
        marks: [],
        problems: [{ field: 'Mark', message: 'unknown register code "Q9"' }],
      },
    ]);
    const rows = parse(readFileSync(join(dir, 'rejects.csv')), { columns: true }) as Record<string, string>[];
    expect(rows).toEqual([
      { source_file: 'x.csv', line: '7', problems: 'Mark: unknown register code "Q9"', original_row: raw },
    ]);
  });
});
