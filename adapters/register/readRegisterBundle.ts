import { existsSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { buildSchoolCalendar, calendarNearMarks, deriveTerms, type Register, type School } from '../../rules/index.ts';
import { calendarJsonSchema, schoolJsonSchema } from './bundleJsonSchemas.ts';
import { ProblemList, RegisterInputError, type InputProblem } from './inputProblems.ts';
import { jsonPathLine } from './jsonPathLine.ts';
import { readJsonFile } from './readJsonFile.ts';
import { loadMarksCsv } from './readMarksCsv.ts';
import { PART_TIME_FILE, readPartTimeCsv } from './readPartTimeCsv.ts';
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

/**
 * Reads a register bundle directory: pupils.csv, marks.csv, and optionally calendar.json, school.json and
 * part-time-timetables.csv.
 * Strict by default: any problem stops the load and every problem is reported (file, line, field).
 */
export function readRegisterBundle(
  dir: string,
  options: BundleReadOptions = {},
): { register: Register; report: BundleReadReport } {
  if (!existsSync(dir) || !statSync(dir).isDirectory()) {
    throw new RegisterInputError([
      {
        file: dir,
        line: 0,
        field: '(bundle)',
        message: 'not a directory: a register bundle is a folder holding pupils.csv and marks.csv',
      },
    ]);
  }
  const problems = new ProblemList(options.problemCap);
  const file = (name: string) => join(dir, name);
  for (const required of ['pupils.csv', 'marks.csv']) {
    if (!existsSync(file(required)))
      problems.add({ file: required, line: 0, field: '(file)', message: `missing from ${dir}` });
    else if (!statSync(file(required)).isFile())
      problems.add({ file: required, line: 0, field: '(file)', message: `not a file in ${dir}` });
  }
  if (!problems.empty) throw new RegisterInputError(problems.problems, problems.total);

  const schoolJson = existsSync(file('school.json'))
    ? readJsonFile(file('school.json'), 'school.json', schoolJsonSchema, problems)
    : undefined;
  const calendarJson = existsSync(file('calendar.json'))
    ? readJsonFile(file('calendar.json'), 'calendar.json', calendarJsonSchema, problems)
    : undefined;
  const pupilsRead = readPupilsCsv(file('pupils.csv'), 'pupils.csv', problems);
  const pupilIndex = new Map(pupilsRead.pupils.map((p, i) => [p.upn, i]));
  // With a bad calendar.json the marks are still read, so their own problems are reported with it.
  const termCalendar = calendarJson ? buildSchoolCalendar(calendarJson, 'calendar.json') : null;
  const marksRead = loadMarksCsv({
    path: file('marks.csv'),
    displayName: 'marks.csv',
    pupilIndex,
    pupilCount: pupilsRead.pupils.length,
    calendar: termCalendar,
    problems,
  });
  // Term dates a year or more from every mark are another year's. Every mark is then outside them too, so
  // this comes first: it is the one thing to fix.
  if (calendarJson && marksRead.markSpan) {
    const terms = calendarJson.terms;
    const first = terms.reduce((a, t) => (t.start < a ? t.start : a), terms[0].start);
    const last = terms.reduce((a, t) => (t.end > a ? t.end : a), terms[0].end);
    const near = calendarNearMarks({ first, last }, marksRead.markSpan);
    if (!near.ok) {
      const line = jsonPathLine(readFileSync(file('calendar.json'), 'utf8').replace(/^\uFEFF/, ''), ['terms']);
      const far = { file: 'calendar.json', line, field: 'terms', message: near.problem };
      throw new RegisterInputError([far, ...problems.problems], problems.total + 1);
    }
  }
  const partTimeRead = existsSync(file(PART_TIME_FILE))
    ? readPartTimeCsv(file(PART_TIME_FILE), PART_TIME_FILE, new Set(pupilIndex.keys()), problems)
    : undefined;
  // An unreadable file, a missing column or a bad calendar leaves no row to trust: stop, even when lenient.
  if (
    schoolJson === null ||
    calendarJson === null ||
    !pupilsRead.readable ||
    !marksRead.readable ||
    partTimeRead?.readable === false
  ) {
    throw new RegisterInputError(problems.problems, problems.total);
  }
  const school: School = schoolJson ?? { name: 'School' };
  const calendar = termCalendar
    ? marksRead.calendar
    : { ...marksRead.calendar, terms: deriveTerms(marksRead.calendar) };
  const register: Register = { school, calendar, pupils: pupilsRead.pupils, marks: marksRead.marks };
  if (partTimeRead) register.partTimeTimetables = partTimeRead.timetables;
  const notes = marksRead.notes;
  const redundantMarks = marksRead.redundantMarks;

  const rejects = collectRejects(problems.problems, marksRead.rejectedRaw, [
    ...pupilsRead.rows.map((r) => ({ file: 'pupils.csv', ...r })),
    ...(partTimeRead?.rows ?? []).map((r) => ({ file: PART_TIME_FILE, ...r })),
  ]);
  if (!problems.empty && !options.lenient) throw new RegisterInputError(problems.problems, problems.total);
  if (!problems.empty && problems.total > problems.problems.length) {
    // Lenient mode must account for every row; with more problems than kept we cannot list them all.
    throw new RegisterInputError(problems.problems, problems.total);
  }
  const rowsRead = pupilsRead.rows.length + marksRead.rowsRead + (partTimeRead?.rows.length ?? 0);
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

function collectRejects(
  all: readonly InputProblem[],
  markRows: ReadonlyMap<number, string[]>,
  otherRows: readonly { file: string; line: number; raw: string[] }[],
): RejectedRow[] {
  const byRow = new Map<string, RejectedRow>();
  const rawOf = new Map<string, string[]>();
  for (const [line, raw] of markRows) rawOf.set(`marks.csv:${line}`, raw);
  for (const r of otherRows) rawOf.set(`${r.file}:${r.line}`, r.raw);
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
