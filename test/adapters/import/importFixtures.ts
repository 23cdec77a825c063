import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { buildSchoolCalendar } from '../../../rules/calendar/buildSchoolCalendar.ts';
import { upnWithCheckLetter } from '../../../rules/pupils/upn.ts';
import { AUTUMN_2025 } from '../../support/registerFixture.ts';

/** UPN of pupil n (1-999): LA 820, establishment 1234, allocated 2025; pupils 1-99 match fixtureUpn. */
export function pupilUpn(n: number): string {
  return upnWithCheckLetter(`820123425${String(n).padStart(3, '0')}`);
}

/** A fresh folder for one test's files. */
export function tempDir(prefix = 'import-'): string {
  return mkdtempSync(join(tmpdir(), prefix));
}

export function writeText(dir: string, name: string, text: string): string {
  const path = join(dir, name);
  writeFileSync(path, text);
  return path;
}

/** AUTUMN_2025 as a calendar.json file. */
export function writeAutumnCalendar(dir: string): string {
  return writeText(
    dir,
    'term-dates.json',
    JSON.stringify({ terms: AUTUMN_2025.terms, closures: AUTUMN_2025.closures }),
  );
}

/** A SIMS-style pupils file for pupils 1..count (fixture UPNs, Adno 1000 + n). */
export function simsPupilsCsv(count: number): string {
  const lines = ['Adno,UPN,Legal Surname,Legal Forename,Date of Birth,Year Group,Reg Group'];
  for (let n = 1; n <= count; n++)
    lines.push(`${1000 + n},${pupilUpn(n)},Surname${n},Forename${n},01/05/2016,Year 4,4B`);
  return `${lines.join('\r\n')}\r\n`;
}

/** The first `days` school days of AUTUMN_2025. */
export function autumnDays(days: number): string[] {
  return buildSchoolCalendar(AUTUMN_2025).dayDate.slice(0, days);
}

/** dd/mm/yyyy, as SIMS writes a date. */
export function ukDate(iso: string): string {
  return `${iso.slice(8, 10)}/${iso.slice(5, 7)}/${iso.slice(0, 4)}`;
}

/** A SIMS session-row export: every pupil present every session of the days given, except `marks` overrides. */
export function simsSessionLines(
  pupils: number,
  days: readonly string[],
  marks: Record<string, string> = {},
): string[] {
  const lines: string[] = [];
  for (let n = 1; n <= pupils; n++) {
    for (const date of days) {
      for (const session of ['AM', 'PM']) {
        const code = marks[`${n} ${date} ${session}`] ?? (session === 'AM' ? '/' : '\\');
        lines.push(`${pupilUpn(n)},${1000 + n},Surname${n},Forename${n},Year 4,4B,${ukDate(date)},${session},${code}`);
      }
    }
  }
  return lines;
}

export const SIMS_SESSION_HEADER = 'UPN,Adno,Legal Surname,Legal Forename,Year,Reg,Date,Session,Mark';
