import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { decodeCtfMarks } from '../../../adapters/register/ctf/decodeCtfMarks.ts';
import { readCtf } from '../../../adapters/register/ctf/readCtf.ts';
import { buildSchoolCalendar } from '../../../rules/calendar/buildSchoolCalendar.ts';
import { AUTUMN_2025 } from '../../support/registerFixture.ts';

const fixture = join(import.meta.dirname, '../../fixtures/mis/ctf-25.xml');
const calendar = buildSchoolCalendar(AUTUMN_2025);

describe('readCtf', () => {
  const read = readCtf(fixture, { calendar });
  const pupilRows = read.rows.filter((r) => r.roster);
  const attendanceRows = read.rows.filter((r) => !r.roster);

  it("reads each pupil's UPN, names, DOB, NC year, latest SEN provision, FSM now and looked-after status", () => {
    expect(read.school).toEqual({ name: 'Example Primary School', urn: '100001' });
    expect(pupilRows.map((r) => r.pupil)).toEqual([
      {
        upn: 'N820123425001',
        familyName: "O'NEILL",
        givenName: 'AMY',
        dateOfBirth: '2016-05-12',
        yearGroup: '4',
        sen: 'support',
        fsm: true,
        lookedAfter: true,
      },
      // FSM ended before the file was written; no SEN history means the CTF does not say
      {
        upn: 'C820123425002',
        familyName: 'SMITH',
        givenName: 'BEN',
        dateOfBirth: '2017-02-01',
        yearGroup: '4',
        fsm: false,
        lookedAfter: false,
      },
      { upn: 'Z82012342500A', familyName: 'JONES', givenName: 'CARA', dateOfBirth: '2016-03-03', yearGroup: '4' },
    ]);
    expect(pupilRows.map((r) => r.line)).toEqual([17, 50, 70]);
    expect(pupilRows[0].raw.startsWith('<Pupil>\n      <UPN>N820123425001</UPN>')).toBe(true);
    expect(pupilRows[0].raw.endsWith('</Pupil>')).toBe(true);
  });

  it('decodes a mark string that includes weekends, two characters a day, ## for closed days', () => {
    expect(attendanceRows[0].problems).toEqual([]);
    expect(attendanceRows[0].marks.map((m) => `${m.date} ${m.session} ${m.code}`)).toEqual([
      '2025-09-01 AM #',
      '2025-09-01 PM #',
      '2025-09-02 AM #',
      '2025-09-02 PM #',
      '2025-09-03 AM /',
      '2025-09-03 PM \\',
      '2025-09-04 AM /',
      '2025-09-04 PM \\',
      '2025-09-05 AM I',
      '2025-09-05 PM I',
      '2025-09-06 AM #',
      '2025-09-06 PM #',
      '2025-09-07 AM #',
      '2025-09-07 PM #',
      '2025-09-08 AM L',
      '2025-09-08 PM \\',
    ]);
  });

  it('decodes a mark string of weekdays only by checking it against the calendar', () => {
    expect(
      attendanceRows[1].marks.filter((m) => m.code !== '#').map((m) => `${m.date} ${m.session} ${m.code}`),
    ).toEqual([
      '2025-09-03 AM /',
      '2025-09-03 PM \\',
      '2025-09-04 AM N',
      '2025-09-04 PM N',
      '2025-09-05 AM /',
      '2025-09-05 PM \\',
      '2025-09-08 AM /',
      '2025-09-08 PM \\',
    ]);
  });

  it('refuses a mark string that runs past the calendar, naming the pupil, expected and actual lengths', () => {
    expect(attendanceRows[2]).toMatchObject({ line: 79, marks: [] });
    expect(attendanceRows[2].problems).toEqual([
      {
        field: 'AttendanceMarks',
        message: expect.stringContaining(
          "Z82012342500A: the mark string runs past the calendar: from 2025-12-15, two characters a day (every day), the calendar's last day 2025-12-19 needs at most 10 characters but the string has 46 (to 2026-01-06)",
        ),
      },
    ]);
  });

  it('reads the marks unchecked without a calendar, and says so', () => {
    const unchecked = readCtf(fixture);
    expect(unchecked.rows.filter((r) => !r.roster).every((r) => r.problems.length === 0)).toBe(true);
    expect(unchecked.notes.join('\n')).toMatch(/without a length check/);
  });

  it('reports XML that is not well formed by its line', () => {
    const path = join(mkdtempSync(join(tmpdir(), 'ctf-')), 'bad.xml');
    writeFileSync(path, '<CTfile>\n<Header>\n</CTfile>\n');
    expect(readCtf(path).fileProblems[0]).toMatchObject({ file: 'bad.xml', line: 3, field: '(file)' });
  });

  it('reports an XML declaration the parser refuses (a NUL byte inside it) at its line, never throwing', () => {
    // Found by the import property test: the validator passes this text and the parser throws.
    const bytes = readFileSync(fixture);
    const broken = Buffer.concat([bytes.subarray(0, 2), Buffer.from([0]), bytes.subarray(2, 13), bytes.subarray(15)]);
    const path = join(mkdtempSync(join(tmpdir(), 'ctf-')), 'nul.xml');
    writeFileSync(path, broken);
    const read = readCtf(path, { calendar });
    expect(read.rows).toEqual([]);
    expect(read.fileProblems).toEqual([
      expect.objectContaining({
        file: 'nul.xml',
        line: 1,
        field: '(file)',
        message: expect.stringMatching(/^not well-formed XML: /),
      }),
    ]);
  });
});

describe('decodeCtfMarks', () => {
  it('refuses an odd number of characters', () => {
    expect(decodeCtfMarks('2025-09-03', '/\\/', calendar)).toEqual({
      ok: false,
      problem: expect.stringMatching(/3 characters/),
    });
  });

  it('reads a string inside the calendar in full', () => {
    const decoded = decodeCtfMarks('2025-12-15', '/\\'.repeat(5), calendar);
    expect(decoded.ok && decoded.days.map((d) => d.date)).toEqual([
      '2025-12-15',
      '2025-12-16',
      '2025-12-17',
      '2025-12-18',
      '2025-12-19',
    ]);
  });
});

describe('readCtf totals', () => {
  it('notes a year whose Sessions totals disagree with its mark string, and not one that agrees', () => {
    const read = readCtf(fixture, { calendar });
    // Pupil 1's totals (8 possible, 6 attended, 2 authorised) match its marks; edit one to disagree.
    expect(read.notes.some((n) => /disagree/.test(n))).toBe(false);
    const dir = mkdtempSync(join(tmpdir(), 'ctf-'));
    const edited = readFileSync(fixture, 'utf8').replace(
      '<SessionsAttended>6</SessionsAttended>',
      '<SessionsAttended>7</SessionsAttended>',
    );
    writeFileSync(join(dir, 'ctf.xml'), edited);
    const notes = readCtf(join(dir, 'ctf.xml'), { calendar }).notes.join('\n');
    expect(notes).toContain('ctf.xml: 1 mark strings disagree');
    expect(notes).toContain('ctf.xml:43: N820123425001 SessionsAttended 7 in the file, 6 from the marks');
  });
});
