import { existsSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { buildSchoolCalendar } from '../../rules/calendar/buildSchoolCalendar.ts';
import { calendarFromSessions, type OpenSession } from '../../rules/calendar/calendarFromSessions.ts';
import { deriveTerms } from '../../rules/calendar/deriveTerms.ts';
import { type SchoolCalendar } from '../../rules/calendar/schoolCalendar.ts';
import { findRegisterCode } from '../../rules/codes/registerCodes.ts';
import { createRegister, type Register, type School } from '../../rules/register/register.ts';
import { calendarJsonSchema, schoolJsonSchema, type CalendarJson } from './bundleJsonSchemas.ts';
import { ProblemList, RegisterInputError, type InputProblem } from './inputProblems.ts';
import { readJsonFile } from './readJsonFile.ts';
import { readMarksCsv, type MarkRow } from './readMarksCsv.ts';
import { readPupilsCsv } from './readPupilsCsv.ts';

export interface BundleReadOptions {
  /** Load the good rows and return the rejected ones, instead of stopping at the first bad file. */
  lenient?: boolean;
  problemCap?: number;
}

export interface RejectedRow {
  file: string;
  line: number;
  raw: string[];
  reasons: string[];
}

export interface BundleReadReport {
  dir: string;
  /** Rows read from each CSV file; rowsRead = rowsLoaded + rowsRejected. */
  rowsRead: number;
  rowsLoaded: number;
  rowsRejected: number;
  /** Identical repeats of a mark, and # marks on days the calendar already closes: read, nothing to add. */
  redundantMarks: number;
  rejects: RejectedRow[];
  notes: string[];
}

const HASH = findRegisterCode('#')!.id;
const NO_MARK = findRegisterCode('-')!.id;

/**
 * Reads a register bundle directory: pupils.csv, marks.csv, and optionally calendar.json and school.json.
 * Strict by default: any problem stops the load and every problem is reported (file, line, field).
 */
export function readRegisterBundle(dir: string, options: BundleReadOptions = {}): { register: Register; report: BundleReadReport } {
  if (!existsSync(dir) || !statSync(dir).isDirectory()) {
    throw new RegisterInputError([{ file: dir, line: 0, field: '(bundle)', message: 'not a directory: a register bundle is a folder holding pupils.csv and marks.csv' }]);
  }
  const problems = new ProblemList(options.problemCap);
  const file = (name: string) => join(dir, name);
  for (const required of ['pupils.csv', 'marks.csv']) {
    if (!existsSync(file(required))) problems.add({ file: required, line: 0, field: '(file)', message: `missing from ${dir}` });
  }
  if (!problems.empty) throw new RegisterInputError(problems.problems, problems.total);

  const schoolJson = existsSync(file('school.json')) ? readJsonFile(file('school.json'), 'school.json', schoolJsonSchema, problems) : undefined;
  const calendarJson = existsSync(file('calendar.json')) ? readJsonFile(file('calendar.json'), 'calendar.json', calendarJsonSchema, problems) : undefined;
  const pupilsRead = readPupilsCsv(file('pupils.csv'), 'pupils.csv', problems);
  const pupilIndex = new Map(pupilsRead.pupils.map((p, i) => [p.upn, i]));
  const marksRead = readMarksCsv(file('marks.csv'), 'marks.csv', pupilIndex, problems);
  // An unreadable file, a missing column or a bad calendar leaves no row to trust: stop, even when lenient.
  if (schoolJson === null || calendarJson === null || !pupilsRead.readable || !marksRead.readable) {
    throw new RegisterInputError(problems.problems, problems.total);
  }
  const school: School = schoolJson ?? { name: 'School' };

  const notes: string[] = [];
  const calendar = calendarJson
    ? calendarFromTermDates(calendarJson, marksRead.marks, notes)
    : deriveCalendarFromMarks(marksRead.marks, notes);

  const register = createRegister(school, calendar, pupilsRead.pupils);
  const firstLine = new Map<number, MarkRow>();
  let redundantMarks = 0;
  const sessionKeyIndex = new Map<string, number>();
  for (let s = 0; s < calendar.sessionCount; s++) sessionKeyIndex.set(`${calendar.sessionDate[s]} ${calendar.sessionHalf[s] === 0 ? 'AM' : 'PM'}`, s);
  for (const mark of marksRead.marks) {
    const s = sessionKeyIndex.get(`${mark.date} ${mark.session}`);
    if (s === undefined) {
      if (mark.codeId === HASH || mark.codeId === NO_MARK) {
        redundantMarks++;
        continue;
      }
      reject(problems, marksRead.rejected, mark, 'date', outsideCalendarMessage(calendar, mark));
      continue;
    }
    const key = mark.pupil * calendar.sessionCount + s;
    const earlier = firstLine.get(key);
    if (earlier) {
      if (earlier.codeId === mark.codeId) redundantMarks++;
      else reject(problems, marksRead.rejected, mark, 'code', `a second mark for ${pupilsRead.pupils[mark.pupil].upn} on ${mark.date} ${mark.session}: ${mark.code} here, ${earlier.code} on line ${earlier.line}`);
      continue;
    }
    firstLine.set(key, mark);
    register.marks[key] = mark.codeId;
  }

  const rejects = collectRejects(problems.problems, marksRead.rows, pupilsRead.rows);
  if (!problems.empty && !options.lenient) throw new RegisterInputError(problems.problems, problems.total);
  if (!problems.empty && problems.total > problems.problems.length) {
    // Lenient mode must account for every row; with more problems than kept we cannot list them all.
    throw new RegisterInputError(problems.problems, problems.total);
  }
  const rowsRead = pupilsRead.rows.length + marksRead.rows.length;
  return {
    register,
    report: {
      dir,
      rowsRead,
      rowsRejected: rejects.length,
      rowsLoaded: rowsRead - rejects.length,
      redundantMarks,
      rejects,
      notes: [...calendar.notes, ...notes],
    },
  };
}

function reject(problems: ProblemList, rejected: Set<number>, mark: MarkRow, field: string, message: string) {
  problems.add({ file: 'marks.csv', line: mark.line, field, message });
  rejected.add(mark.line);
}

function outsideCalendarMessage(calendar: SchoolCalendar, mark: MarkRow): string {
  const closure = calendar.closures.find((c) => c.date === mark.date && (!c.session || c.session === mark.session));
  if (closure) return `${mark.date} ${mark.session} is a closure in the calendar (${closure.reason}), but the row records ${mark.code}`;
  if (!calendar.terms.some((t) => t.start <= mark.date && mark.date <= t.end)) return `${mark.date} is outside every term in calendar.json`;
  return `${mark.date} ${mark.session} is not a school session in calendar.json (a weekend or a closed session)`;
}

function collectRejects(all: readonly InputProblem[], markRows: readonly { line: number; raw: string[] }[], pupilRows: readonly { line: number; raw: string[] }[]): RejectedRow[] {
  const byRow = new Map<string, RejectedRow>();
  const rawOf = new Map<string, string[]>();
  for (const r of markRows) rawOf.set(`marks.csv:${r.line}`, r.raw);
  for (const r of pupilRows) rawOf.set(`pupils.csv:${r.line}`, r.raw);
  for (const p of all) {
    const key = `${p.file}:${p.line}`;
    const raw = rawOf.get(key);
    if (!raw) continue;
    const entry = byRow.get(key) ?? { file: p.file, line: p.line, raw, reasons: [] };
    entry.reasons.push(`${p.field}: ${p.message}`);
    byRow.set(key, entry);
  }
  return [...byRow.values()].sort((a, b) => (a.file < b.file ? -1 : a.file > b.file ? 1 : a.line - b.line));
}

/**
 * The calendar from calendar.json, less any session in which every pupil marked has `#` (the school
 * recorded a planned closure the term dates do not show).
 */
function calendarFromTermDates(json: CalendarJson, marks: readonly MarkRow[], notes: string[]): SchoolCalendar {
  const byTerms = buildSchoolCalendar(json, 'calendar.json');
  const hashOnly = new Map<string, boolean>();
  for (const m of marks) {
    if (m.codeId === NO_MARK) continue;
    const key = `${m.date} ${m.session}`;
    hashOnly.set(key, (hashOnly.get(key) ?? true) && m.codeId === HASH);
  }
  const open: OpenSession[] = [];
  const closures = [...byTerms.closures];
  for (let s = 0; s < byTerms.sessionCount; s++) {
    const date = byTerms.sessionDate[s];
    const session = byTerms.sessionHalf[s] === 0 ? 'AM' : 'PM';
    if (hashOnly.get(`${date} ${session}`) === true) {
      closures.push({ date, session, reason: 'Every mark is # (planned closure)' });
      notes.push(`${date} ${session}: open in calendar.json but every mark is #, so treated as a closure.`);
      continue;
    }
    open.push({ date, session });
  }
  if (open.length === byTerms.sessionCount) return byTerms;
  return calendarFromSessions(open, { terms: byTerms.terms, closures, source: 'calendar.json', notes: byTerms.notes });
}

/** Without calendar.json: a session is open where any pupil has a mark other than `#` (or no mark). */
function deriveCalendarFromMarks(marks: readonly MarkRow[], notes: string[]): SchoolCalendar {
  const open = new Map<string, OpenSession>();
  for (const m of marks) {
    if (m.codeId === HASH || m.codeId === NO_MARK) continue;
    open.set(`${m.date} ${m.session}`, { date: m.date, session: m.session });
  }
  const provisional = calendarFromSessions(open.values(), { terms: [], closures: [], source: 'derived from marks.csv' });
  notes.push('No calendar.json: school sessions derived from the marks (a session is open where any pupil has a mark other than #).');
  return { ...provisional, terms: deriveTerms(provisional) };
}
