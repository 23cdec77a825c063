import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { readMisExport } from '../../../adapters/register/mis/readMisExport.ts';
import { type SourceRead } from '../../../adapters/import/sourceRows.ts';

const fixture = (name: string) => join(import.meta.dirname, '../../fixtures/mis', name);
const marksOf = (read: SourceRead) =>
  read.rows.flatMap((r) =>
    r.marks.map((m) => `${r.pupil.upn ?? `adno:${r.pupil.adno}`} ${m.date} ${m.session} ${m.code}`),
  );

function tempCsv(text: string): string {
  const path = join(mkdtempSync(join(tmpdir(), 'mis-')), 'export.csv');
  writeFileSync(path, text);
  return path;
}

describe('readMisExport', () => {
  it('reads a SIMS session-row export with a BOM, CRLF, quoted commas, UK dates and \\ marks', () => {
    const read = readMisExport(fixture('sims-sessions.csv'));
    expect(read.format).toBe('sessions');
    expect(read.columns).toMatchObject({
      upn: 'UPN',
      adno: 'Adno',
      familyName: 'Legal Surname',
      givenName: 'Legal Forename',
      yearGroup: 'Year',
      regGroup: 'Reg',
      date: 'Date',
      session: 'Session',
      mark: 'Mark',
    });
    expect(read.fileProblems).toEqual([]);
    expect(read.rows.map((r) => r.problems)).toEqual(read.rows.map(() => []));
    expect(read.rows).toHaveLength(8); // the two blank trailing lines are not rows
    expect(read.rows[0]).toMatchObject({
      line: 2,
      pupil: { upn: 'N820123425001', familyName: "O'Neill, Jr", givenName: 'Amy', yearGroup: '4', regGroup: '4B' },
    });
    expect(read.rows[0].raw).toBe('N820123425001,001234,"O\'Neill, Jr",Amy,Year 4,4B,03/09/2025,AM,/');
    expect(marksOf(read)).toEqual([
      'N820123425001 2025-09-03 AM /',
      'N820123425001 2025-09-03 PM \\',
      'C820123425002 2025-09-03 AM N',
      'C820123425002 2025-09-03 PM N',
      'adno:001234 2025-09-04 AM L',
      'N820123425001 2025-09-04 PM \\',
      // SIMS's "-" (no mark entered) adds nothing
      'C820123425002 2025-09-04 PM I',
    ]);
  });

  it('reads an Arbor row-per-day export with ISO dates', () => {
    const read = readMisExport(fixture('arbor-days.csv'));
    expect(read.format).toBe('days');
    expect(read.columns).toMatchObject({
      adno: 'Admission Number',
      am: 'AM',
      pm: 'PM',
      yearGroup: 'Year Group',
      regGroup: 'Reg Group',
    });
    expect(marksOf(read)).toHaveLength(8);
    expect(marksOf(read)[0]).toBe('N820123425001 2025-09-03 AM /');
  });

  it('reads a SIMS grid with a column per date and two characters a day, an unmarked PM left blank', () => {
    const read = readMisExport(fixture('sims-grid.csv'));
    expect(read.format).toBe('grid');
    expect(read.columns.dates).toBe('3 date columns');
    expect(marksOf(read)).toEqual([
      'N820123425001 2025-09-03 AM /',
      'N820123425001 2025-09-03 PM \\',
      'N820123425001 2025-09-04 AM L',
      'N820123425001 2025-09-04 PM \\',
      'N820123425001 2025-09-05 AM /',
      'N820123425001 2025-09-05 PM \\',
      'C820123425002 2025-09-03 AM N',
      'C820123425002 2025-09-03 PM N',
      'C820123425002 2025-09-04 AM I',
      'C820123425002 2025-09-04 PM I',
      'C820123425002 2025-09-05 AM I',
    ]);
  });

  it('reads a grid whose cells are week blocks, Monday to Friday from the column date', () => {
    const read = readMisExport(tempCsv('UPN,Week 08/09/2025\nN820123425001,/\\/\\NNC1C1/\\\n'.replace('Week ', '')));
    expect(marksOf(read).slice(4, 8)).toEqual([
      'N820123425001 2025-09-10 AM N',
      'N820123425001 2025-09-10 PM N',
      'N820123425001 2025-09-11 AM C1',
      'N820123425001 2025-09-11 PM C1',
    ]);
    expect(marksOf(read)).toHaveLength(10);
  });

  it("takes Bromcom's national Export Mark, not its local Mark, and keeps quoted comments whole", () => {
    const read = readMisExport(fixture('bromcom-sessions.csv'));
    expect(read.columns).toMatchObject({ adno: 'Student ID', mark: 'Export Mark' });
    expect(read.rows.every((r) => r.problems.length === 0)).toBe(true);
    expect(marksOf(read)[2]).toBe('C820123425002 2025-09-03 AM Y1');
  });

  it("reads a ScholarPack day export with dates of birth and skips Excel's empty trailing rows", () => {
    const read = readMisExport(fixture('scholarpack-days.csv'));
    expect(read.format).toBe('days');
    expect(read.columns).toMatchObject({
      givenName: 'First Name',
      familyName: 'Last Name',
      regGroup: 'Class',
      dateOfBirth: 'DOB',
    });
    expect(read.rows).toHaveLength(2);
    expect(read.rows[1].pupil.dateOfBirth).toBe('2017-02-01');
  });

  it('recognises a pupils file by its having no dates, reading SEN status as SIMS words it', () => {
    const read = readMisExport(fixture('sims-pupils.csv'));
    expect(read.format).toBe('pupils');
    expect(read.rows.every((r) => r.roster)).toBe(true);
    expect(read.rows[0].pupil).toMatchObject({
      upn: 'N820123425001',
      adno: '001234',
      sen: 'support',
      fsm: true,
      lookedAfter: false,
      dateOfBirth: '2016-05-12',
    });
    expect(read.rows[1].pupil.sen).toBe('none');
    expect(read.rows[2].pupil).toMatchObject({ adno: '001236', familyName: 'Jones' });
  });

  it('reports each bad cell against its column as the file names it', () => {
    const read = readMisExport(
      tempCsv('UPN,Date,Session,Mark\nN820123425009,31/02/2025,AM,/\nN820123425001,03/09/2025,EVE,Q9\n'),
    );
    expect(read.rows[0].problems.map((p) => p.field)).toEqual(['UPN', 'Date']);
    expect(read.rows[1].problems.map((p) => p.field)).toEqual(['Session']);
    expect(read.rows[0].problems[0].message).toMatch(/check letter/);
  });

  it('reports an unknown code with its date and session', () => {
    const read = readMisExport(tempCsv('UPN,Date,AM,PM\nN820123425001,03/09/2025,Q9,H\n'));
    expect(read.rows[0].problems).toEqual([
      { field: 'AM', message: 'unknown register code "Q9" (2025-09-03 AM)' },
      { field: 'PM', message: expect.stringMatching(/^code H was withdrawn/) },
    ]);
  });

  it('follows a mapping file for headers it does not know, and says a layout it cannot tell', () => {
    const path = tempCsv('Pupil No,Day,Morning Mark,Afternoon Mark\nN820123425001,03/09/2025,/,\\\n');
    expect(readMisExport(path).fileProblems[0].message).toMatch(/no UPN or admission number column/);
    const read = readMisExport(path, {
      mapping: { columns: { upn: 'Pupil No', date: 'Day', am: 'Morning Mark', pm: 'Afternoon Mark' } },
    });
    expect(read.format).toBe('days');
    expect(marksOf(read)).toEqual(['N820123425001 2025-09-03 AM /', 'N820123425001 2025-09-03 PM \\']);
  });

  it('refuses a layout it was told to use when the header does not fit it', () => {
    const read = readMisExport(fixture('arbor-days.csv'), { layout: 'sessions' });
    expect(read.fileProblems[0]).toMatchObject({ file: 'arbor-days.csv', line: 1, field: '(header)' });
    expect(read.fileProblems[0].message).toMatch(/sessions layout needs Date, Session and Mark/);
  });

  it('gives the first line of a row whose quoted cell spans two lines', () => {
    const read = readMisExport(
      tempCsv(
        'UPN,Date,Session,Mark,Comment\nN820123425001,03/09/2025,AM,N,"rang,\nno answer"\nN820123425001,03/09/2025,PM,N,\n',
      ),
    );
    expect(read.rows.map((r) => r.line)).toEqual([2, 4]);
    expect(read.rows[0].raw).toBe('N820123425001,03/09/2025,AM,N,"rang,\nno answer"');
  });

  it('keeps counting lines across blank and all-empty lines in the middle of a CRLF file', () => {
    const read = readMisExport(
      tempCsv('UPN,Date,AM,PM\r\n\r\nN820123425001,03/09/2025,/,\\\r\n,,,\r\nN820123425001,04/09/2025,/,\\\r\n'),
    );
    expect(read.rows.map((r) => [r.line, r.raw])).toEqual([
      [3, 'N820123425001,03/09/2025,/,\\'],
      [5, 'N820123425001,04/09/2025,/,\\'],
    ]);
  });

  it('refuses a grid headed by weekdays without dates rather than mistaking it for a pupils file', () => {
    const read = readMisExport(tempCsv('UPN,Surname,Forename,Mon AM,Mon PM\nN820123425001,A,B,/,\\\n'));
    expect(read.fileProblems[0].message).toMatch(/^columns such as "Mon AM" name a weekday but no date/);
  });

  it('cannot tell a file with a UPN and nothing else it knows', () => {
    const read = readMisExport(tempCsv('UPN,Attendance %\nN820123425001,96.5\n'));
    expect(read.fileProblems[0].message).toMatch(/^cannot tell the layout/);
  });

  it('reads a file Excel saved in Windows-1252 without mangling accented names, when told it is', () => {
    const path = tempCsv('');
    writeFileSync(
      path,
      Buffer.from([
        ...Buffer.from('UPN,Surname,Forename,Date,AM,PM\nN820123425001,Bront'),
        0xeb,
        ...Buffer.from(',Zo'),
        0xeb,
        ...Buffer.from(',03/09/2025,/,\\\n'),
      ]),
    );
    const guessed = readMisExport(path);
    expect(guessed.rows[0].problems).toEqual([
      { field: 'Surname', message: expect.stringMatching(/^not valid UTF-8 .*--encoding windows-1252/) },
    ]);
    expect(guessed.rows[0].marks).toEqual([]);
    const read = readMisExport(path, { encoding: 'windows-1252' });
    expect(read.rows[0].pupil).toMatchObject({ familyName: 'Brontë', givenName: 'Zoë' });
    expect(read.notes.join(' ')).toMatch(/read as windows-1252, as asked/);
    const mapped = readMisExport(path, { mapping: { columns: {}, encoding: 'windows-1252' } });
    expect(mapped.rows[0].pupil).toMatchObject({ familyName: 'Brontë', givenName: 'Zoë' });
  });
});
