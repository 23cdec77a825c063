import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { readCalendarFile } from '../../../adapters/calendar/readCalendarFile.ts';
import { importRegisterFiles } from '../../../adapters/import/importRegisterFiles.ts';
import { readCtf } from '../../../adapters/register/ctf/readCtf.ts';
import { RegisterInputError } from '../../../adapters/register/inputProblems.ts';
import { bundleWithMarks, read, strictProblems, UPN1 } from '../canonical/canonicalBundle.ts';
import { pupilUpn, tempDir, writeAutumnCalendar } from '../import/importFixtures.ts';
import { runCli } from '../../cli/schoolExport.ts';

/** Text with the Windows-1252 byte for ë (0xEB, not UTF-8 on its own) wherever `ë` is written. */
const cp1252 = (text: string) => Buffer.from(text, 'latin1');

describe('bytes that are not UTF-8', () => {
  it('are an error in marks.csv at the line and column, never U+FFFD', () => {
    const dir = bundleWithMarks(cp1252(`upn,date,session,code\n${UPN1},2025-09-03,AM,/\n${UPN1},2025-09-03,PM,ë\n`));
    expect(strictProblems(dir)).toEqual([
      expect.stringMatching(/^marks\.csv:3: code: not valid UTF-8 .*save it as "CSV UTF-8"/),
    ]);
  });

  it('are found in a marks.csv larger than one read, in a quoted cell', () => {
    const rows = Array.from({ length: 20_000 }, () => `${UPN1},2025-09-03,AM,/`);
    rows[15_000] = `${UPN1},"2025-09-0ë",AM,/`;
    const dir = bundleWithMarks(cp1252(`upn,date,session,code\n${rows.join('\n')}\n`));
    const problems = strictProblems(dir);
    expect(problems[0]).toMatch(/^marks\.csv:15002: date: not valid UTF-8/);
  });

  it('are an error in pupils.csv naming the column, and rejected (not replaced) when lenient', () => {
    const dir = bundleWithMarks();
    const pupils = readPupils(dir).replace('Ben', 'Zoë');
    writeFileSync(join(dir, 'pupils.csv'), cp1252(pupils));
    // Her marks then name a pupil pupils.csv does not hold, and are reported after her row.
    expect(strictProblems(dir)[0]).toMatch(/^pupils\.csv:3: given_name: not valid UTF-8/);
    const lenient = read(dir, { lenient: true });
    expect(lenient.register.pupils.map((p) => p.givenName)).toEqual(['Ada']);
    expect(lenient.report.rowsRead).toBe(lenient.report.rowsLoaded + lenient.report.rowsRejected);
  });

  it('are an error in calendar.json and in an iCalendar file, at their line', () => {
    const dir = tempDir();
    const json = join(dir, 'calendar.json');
    writeFileSync(
      json,
      cp1252('{\n  "terms": [\n    { "name": "Autumn ë", "start": "2025-09-03", "end": "2025-10-24" }\n  ]\n}\n'),
    );
    expect(() => readCalendarFile(json)).toThrow(/calendar\.json:3: \(file\): not valid UTF-8/);
    const ics = join(dir, 'terms.ics');
    writeFileSync(
      ics,
      cp1252(
        'BEGIN:VCALENDAR\r\nBEGIN:VEVENT\r\nSUMMARY:Autumn Term ë\r\nDTSTART;VALUE=DATE:20250903\r\nEND:VEVENT\r\nEND:VCALENDAR\r\n',
      ),
    );
    expect(() => readCalendarFile(ics)).toThrow(/terms\.ics:3: \(file\): not valid UTF-8/);
  });

  it('reject the CTF pupil whose name holds them, naming the element, unless the encoding is given or declared', () => {
    const ctf = (declaration: string) =>
      cp1252(
        `<?xml version="1.0"${declaration}?>\n<CTfile>\n<Header><CTFversion>25.0</CTFversion></Header>\n<CTFpupilData>\n<Pupil>\n<UPN>${pupilUpn(1)}</UPN>\n<Surname>Brontë</Surname>\n<Forename>Zoë</Forename>\n<DOB>2016-05-01</DOB>\n</Pupil>\n</CTFpupilData>\n</CTfile>\n`,
      );
    const dir = tempDir();
    writeFileSync(join(dir, 'plain.xml'), ctf(''));
    writeFileSync(join(dir, 'declared.xml'), ctf(' encoding="ISO-8859-1"'));
    const plain = readCtf(join(dir, 'plain.xml'));
    expect(plain.rows[0].problems).toEqual([{ field: 'Surname', message: expect.stringMatching(/^not valid UTF-8/) }]);
    expect(readCtf(join(dir, 'plain.xml'), { encoding: 'windows-1252' }).rows[0].pupil).toMatchObject({
      familyName: 'Brontë',
    });
    expect(readCtf(join(dir, 'declared.xml')).rows[0].pupil).toMatchObject({ familyName: 'Brontë', givenName: 'Zoë' });
  });

  it('stop an import at file:line by default, and read correctly with --encoding windows-1252', async () => {
    const dir = tempDir();
    const calendar = writeAutumnCalendar(dir);
    const pupils = join(dir, 'pupils.csv');
    writeFileSync(
      pupils,
      cp1252(
        `UPN,Legal Surname,Legal Forename,Date of Birth,Year Group\r\n${pupilUpn(1)},Brontë,Zoë,01/05/2016,Year 4\r\n`,
      ),
    );
    const marks = join(dir, 'marks.csv');
    writeFileSync(marks, `UPN,Date,AM,PM\r\n${pupilUpn(1)},03/09/2025,/,\\\r\n`);
    const into = join(dir, 'bundle');
    expect(() => importRegisterFiles([pupils, marks], { into, calendar, seenAt: '2025-09-05T16:00:00Z' })).toThrow(
      RegisterInputError,
    );
    const refused = await runCli(['import', pupils, marks, '--into', into, '--calendar', calendar]);
    expect(refused.code).toBe(1);
    expect(refused.stderr).toMatch(/pupils\.csv:2: Legal Surname: not valid UTF-8/);
    const wrong = await runCli(['import', pupils, '--into', into, '--encoding', 'ebcdic']);
    expect(wrong.code).toBe(2);
    const done = await runCli([
      'import',
      pupils,
      marks,
      '--into',
      into,
      '--calendar',
      calendar,
      '--encoding',
      'windows-1252',
    ]);
    expect(done.code).toBe(0);
    const bundle = read(into);
    expect(bundle.register.pupils[0]).toMatchObject({ familyName: 'Brontë', givenName: 'Zoë' });
  });

  it('are not in the way of a byte-order mark', () => {
    const dir = bundleWithMarks(`\uFEFFupn,date,session,code\n${UPN1},2025-09-03,AM,/\n`);
    expect(strictProblems(dir)).toEqual([]);
  });
});

function readPupils(dir: string): string {
  return readFileSync(join(dir, 'pupils.csv'), 'utf8');
}
