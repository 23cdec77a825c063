import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { readCalendarFile } from '../../../adapters/calendar/readCalendarFile.ts';
import { readCtf } from '../../../adapters/register/ctf/readCtf.ts';
import { RegisterInputError } from '../../../adapters/register/inputProblems.ts';
import { readMisExport } from '../../../adapters/register/mis/readMisExport.ts';
import { bundleWithMarks, strictProblems, UPN1 } from '../canonical/canonicalBundle.ts';
import { tempDir, writeText } from '../import/importFixtures.ts';

const HEADER = 'upn,date,session,code';

function calendarProblems(path: string): string[] {
  try {
    readCalendarFile(path);
  } catch (error) {
    if (error instanceof RegisterInputError) return error.message.split('\n').slice(1);
    throw error;
  }
  return [];
}

describe('calendars and dates outside sane bounds', () => {
  it('refuses a calendar.json term from 1900 to 2999 at once, naming the line and field of each date', () => {
    const dir = bundleWithMarks();
    const calendar = {
      terms: [
        { name: 'Autumn 1', start: '2025-09-03', end: '2025-10-24' },
        { name: 'Forever', start: '1900-01-01', end: '2999-12-31' },
      ],
    };
    writeFileSync(join(dir, 'calendar.json'), JSON.stringify(calendar, null, 2));
    // Refused on its dates, before the 400,000 days it spans are built into a calendar.
    expect(strictProblems(dir)).toEqual([
      expect.stringMatching(/^calendar\.json:10: terms\.1\.start: 1900-01-01 is outside 2000-2099/),
      expect.stringMatching(/^calendar\.json:11: terms\.1\.end: 2999-12-31 is outside 2000-2099/),
    ]);
  });

  it('refuses a term longer than a school term and a calendar longer than a school year, at the term that makes it so', () => {
    const dir = bundleWithMarks();
    const calendar = {
      terms: [
        { name: 'Autumn', start: '2025-09-03', end: '2025-12-19' },
        { name: 'Spring and Summer', start: '2026-01-05', end: '2026-07-22' },
        { name: 'Autumn again', start: '2026-09-02', end: '2026-12-18' },
      ],
    };
    writeFileSync(join(dir, 'calendar.json'), JSON.stringify(calendar, null, 2));
    expect(strictProblems(dir)).toEqual([
      expect.stringMatching(/^calendar\.json:11: terms\.1\.end: the term runs 199 days/),
      expect.stringMatching(/^calendar\.json:16: terms\.2\.end: the terms run 472 days, from 2025-09-03 to 2026-12-18/),
    ]);
  });

  it("refuses term dates a year away from every mark: another year's calendar", () => {
    const dir = bundleWithMarks();
    writeFileSync(
      join(dir, 'calendar.json'),
      JSON.stringify({ terms: [{ name: 'Autumn 1', start: '2027-09-01', end: '2027-10-22' }] }, null, 2),
    );
    const problems = strictProblems(dir);
    expect(problems[0]).toMatch(
      /^calendar\.json:2: terms: the terms run from 2027-09-01 to 2027-10-22, more than a year after the marks \(2025-09-03 to 2025-09-05\)/,
    );
  });

  it('refuses a mark dated outside 2000-2099 at its line, before it can stretch a derived calendar', () => {
    const dir = bundleWithMarks(`${HEADER}\n${UPN1},2025-09-03,AM,/\n${UPN1},1925-09-03,AM,/\n`, { calendar: false });
    expect(strictProblems(dir)).toEqual([
      expect.stringMatching(/^marks\.csv:3: date: 1925-09-03 is outside 2000-2099/),
    ]);
  });

  it('refuses marks spanning more than a school year when the calendar is derived from them', () => {
    const dir = bundleWithMarks(`${HEADER}\n${UPN1},2025-09-03,AM,/\n${UPN1},2027-09-03,AM,/\n`, { calendar: false });
    expect(strictProblems(dir)).toEqual([
      expect.stringMatching(
        /^marks\.csv:3: date: the marks run 731 days, from 2025-09-03 to 2027-09-03; .*\(the first on line 2, the last on line 3\)/,
      ),
    ]);
  });

  it('refuses an iCalendar term from 1900 at its event, and one too long for a term', () => {
    const ics = (summary: string, start: string, end: string) =>
      `BEGIN:VCALENDAR\r\nVERSION:2.0\r\nBEGIN:VEVENT\r\nDTSTART;VALUE=DATE:${start}\r\nDTEND;VALUE=DATE:${end}\r\nSUMMARY:${summary}\r\nEND:VEVENT\r\nEND:VCALENDAR\r\n`;
    const dir = tempDir();
    expect(calendarProblems(writeText(dir, 'old.ics', ics('Autumn Term', '19000101', '29990101')))).toEqual([
      expect.stringMatching(/^old\.ics:3: DTSTART: "Autumn Term": 1900-01-01 is outside 2000-2099/),
      expect.stringMatching(/^old\.ics:3: DTEND: "Autumn Term": 2998-12-31 is outside 2000-2099/),
    ]);
    expect(calendarProblems(writeText(dir, 'year.ics', ics('Autumn Term', '20250903', '20260723')))).toEqual([
      expect.stringMatching(/^year\.ics:3: DTEND: "Autumn Term": the term runs 323 days/),
    ]);
  });

  it('refuses MIS rows and grid columns dated outside 2000-2099', () => {
    const dir = tempDir();
    const days = readMisExport(
      writeText(dir, 'days.csv', 'UPN,Date,AM,PM\nN820123425001,03/09/2025,/,\\\nN820123425001,03/09/1925,/,\\\n'),
    );
    expect(days.rows.map((r) => r.problems.map((p) => `${r.line}: ${p.field}: ${p.message}`))).toEqual([
      [],
      [expect.stringMatching(/^3: Date: 1925-09-03 is outside 2000-2099/)],
    ]);
    const grid = readMisExport(
      writeText(dir, 'grid.csv', 'UPN,Surname,Forename,01/09/2025,01/09/2205\nN820123425001,A,B,/\\,/\\\n'),
    );
    expect(grid.fileProblems).toEqual([
      expect.objectContaining({
        line: 1,
        field: '01/09/2205',
        message: expect.stringMatching(/^2205-09-01 is outside/),
      }),
    ]);
  });

  it('refuses a CTF mark string that starts in another century or holds more than a school year', () => {
    const ctf = (start: string, marks: string) =>
      `<?xml version="1.0" encoding="UTF-8"?>\n<CTfile><Header><CTFversion>25.0</CTFversion></Header><CTFpupilData><Pupil><UPN>N820123425001</UPN><Attendance><YearData><AttendSessions><AttendanceStartDate>${start}</AttendanceStartDate><AttendanceMarks>${marks}</AttendanceMarks></AttendSessions></YearData></Attendance></Pupil></CTFpupilData></CTfile>\n`;
    const dir = tempDir();
    const old = readCtf(writeText(dir, 'old.xml', ctf('1925-09-01', '/\\')));
    expect(old.rows[1].problems).toEqual([
      { field: 'AttendanceStartDate', message: expect.stringMatching(/1925-09-01 is outside 2000-2099/) },
    ]);
    const long = readCtf(writeText(dir, 'long.xml', ctf('2025-09-01', '/\\'.repeat(400))));
    expect(long.rows[1].problems).toEqual([
      {
        field: 'AttendanceMarks',
        message: expect.stringMatching(/800 characters, more than one school year holds \(742/),
      },
    ]);
  });
});
