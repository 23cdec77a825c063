import { basename, dirname, extname, resolve } from 'node:path';
import { buildSchoolCalendar, findRegisterCode, type Register, type SchoolCalendar } from '../../rules/index.ts';
import { deriveCalendarJson } from '../calendar/deriveCalendarJson.ts';
import { readCalendarFile } from '../calendar/readCalendarFile.ts';
import { type CalendarJson } from '../register/bundleJsonSchemas.ts';
import { readCtf } from '../register/ctf/readCtf.ts';
import { ProblemList, RegisterInputError } from '../register/inputProblems.ts';
import { type MisMapping } from '../register/mis/misMapping.ts';
import { readMisExport } from '../register/mis/readMisExport.ts';
import { type TextEncoding } from '../register/textEncoding.ts';
import { checkMarks } from './checkMarks.ts';
import { readExistingBundle } from './existingBundle.ts';
import { listSourceFiles } from './listSourceFiles.ts';
import { mergeMarks, type Amendment } from './mergeMarks.ts';
import { resolvePupils } from './resolvePupils.ts';
import { sessionOfKey, type PupilMarks } from './sessionKey.ts';
import { type SourceFormat, type SourceRead, type SourceRow } from './sourceRows.ts';
import { writeCanonicalBundle } from './writeCanonicalBundle.ts';

export type ImportFormat = 'auto' | 'sessions' | 'days' | 'grid' | 'ctf';

export interface ImportOptions {
  /** The bundle folder to create or merge into. */
  into: string;
  format?: ImportFormat;
  mapping?: MisMapping;
  /** Term dates (calendar.json or .ics), or 'derive' to write term dates inferred from the register. */
  calendar?: string;
  /** Load the good rows and return the rejected ones instead of stopping. */
  lenient?: boolean;
  /** The inputs' encoding when they are not UTF-8 (e.g. windows-1252); otherwise bytes that are not UTF-8 are problems. */
  encoding?: TextEncoding;
  /** When the import ran (ISO timestamp), for amendment records: the caller owns the clock. */
  seenAt: string;
  problemCap?: number;
  onProgress?: (message: string) => void;
}

export interface FileReport {
  file: string;
  format: SourceFormat;
  columns: Record<string, string>;
  rowsRead: number;
  rowsLoaded: number;
  rowsRejected: number;
}

export interface ImportResult {
  register: Register;
  files: FileReport[];
  rowsRead: number;
  rowsLoaded: number;
  rowsRejected: number;
  /** Every rejected row, with its problems and exact text (only ever non-empty when lenient). */
  rejected: SourceRow[];
  pupils: number;
  pupilsAdded: number;
  sessions: number;
  /** Marks in the rows loaded; of them, added new, unchanged (already held), and amended. */
  marksRead: number;
  marksAdded: number;
  marksUnchanged: number;
  /** `#` marks on days the calendar already closes: read and agreeing, nothing to store. */
  redundantMarks: number;
  amendments: Amendment[];
  notes: string[];
}

const HASH_ID = findRegisterCode('#')!.id;
const BUNDLE_FILES = new Set(['pupils.csv', 'marks.csv', 'amendments.csv', 'rejects.csv']);

function readSource(
  path: string,
  options: ImportOptions,
  calendar: SchoolCalendar | undefined,
  progress: (message: string) => void,
): SourceRead {
  if (options.format === 'ctf' || extname(path).toLowerCase() === '.xml')
    return readCtf(path, { calendar, displayName: basename(path), encoding: options.encoding });
  const layout = options.format === 'auto' ? undefined : options.format;
  const onRows = (rows: number) => progress(`reading ${basename(path)}: ${rows.toLocaleString('en-GB')} rows`);
  return readMisExport(path, {
    layout,
    mapping: options.mapping,
    displayName: basename(path),
    onRows,
    encoding: options.encoding,
  });
}

/**
 * Imports MIS exports and CTFs into a register bundle: reads every file, checks every row (codes, UPNs,
 * pupils, calendar, conflicting marks), then merges the good rows into the bundle, recording amendments.
 * Strict by default: any problem throws a RegisterInputError listing them all and nothing is written.
 */
export function importRegisterFiles(paths: readonly string[], options: ImportOptions): ImportResult {
  const progress = options.onProgress ?? (() => {});
  // The bundle's own files (and a rejects file left there) are never inputs to it.
  const bundleDir = resolve(options.into);
  const files = listSourceFiles(paths).filter(
    (f) => dirname(resolve(f)) !== bundleDir || !BUNDLE_FILES.has(basename(f)),
  );
  if (files.length === 0)
    throw new RegisterInputError([
      {
        file: paths.join(' '),
        line: 0,
        field: '(files)',
        message: `nothing to import apart from the bundle's own files in ${options.into}`,
      },
    ]);
  const existing = readExistingBundle(options.into);
  const notes: string[] = [];

  let calendarJson: CalendarJson | string | undefined = existing?.calendarText;
  let calendar: SchoolCalendar | undefined = existing?.calendar
    ? buildSchoolCalendar(existing.calendar, 'calendar.json')
    : undefined;
  if (options.calendar && options.calendar !== 'derive') {
    const read = readCalendarFile(options.calendar);
    calendarJson = read.calendar;
    calendar = buildSchoolCalendar(read.calendar, read.source);
    notes.push(...read.notes);
  }

  const problems = new ProblemList(options.problemCap);
  const reads: SourceRead[] = [];
  files.forEach((path, i) => {
    const read = readSource(path, options, calendar, progress);
    reads.push(read);
    for (const p of read.fileProblems) problems.add(p);
    notes.push(...read.notes);
    progress(`read ${read.file} (${i + 1} of ${files.length}): ${read.rows.length} rows, ${read.format}`);
  });
  // A file that cannot be read at all leaves no rows to account for: stop, lenient or not.
  if (!problems.empty) throw new RegisterInputError(problems.problems, problems.total);

  const rows = reads.flatMap((r) => r.rows);
  const pupils = resolvePupils(rows, existing?.pupils ?? new Map());
  const { redundant } = checkMarks(rows, options.calendar === 'derive' ? undefined : calendar);
  if (calendar && existing && options.calendar && options.calendar !== 'derive')
    checkExistingMarks(existing.marks, calendar, problems);
  progress(`checked ${rows.length} rows`);

  const rejected = rows.filter((r) => r.problems.length > 0);
  for (const row of rejected)
    for (const p of row.problems) problems.add({ file: row.file, line: row.line, field: p.field, message: p.message });
  // Lenient imports account for every rejected row in `rejected`, so the problem cap does not limit them.
  if (!problems.empty && (!options.lenient || hasBundleProblem(problems)))
    throw new RegisterInputError(problems.problems, problems.total);

  const loaded = rows.filter((r) => r.problems.length === 0);
  const marks: PupilMarks = existing?.marks ?? new Map();
  const merged = mergeMarks(
    marks,
    loaded.filter((r) => !r.roster || r.marks.length > 0),
    options.seenAt,
  );
  if (options.calendar === 'derive') {
    const open = new Map<number, { date: string; session: 'AM' | 'PM' }>();
    for (const own of marks.values())
      for (const [key, code] of own)
        if (code !== HASH_ID && code !== 0 && !open.has(key)) open.set(key, sessionOfKey(key));
    calendarJson = deriveCalendarJson(open.values());
    notes.push(
      `calendar.json written from the register: ${calendarJson.terms.length} half-terms inferred from the sessions marked.`,
    );
  }

  const ordered = [
    ...(existing?.pupils.keys() ?? []),
    ...[...pupils.keys()].filter((u) => !existing?.pupils.has(u)),
  ].filter((u) => pupils.has(u));
  const school = reads.find((r) => r.school)?.school;
  progress('writing the bundle');
  const register = writeCanonicalBundle(options.into, {
    pupils: ordered.map((u) => pupils.get(u)!),
    marks,
    calendar: calendarJson,
    schoolJson: existing?.schoolJson ?? (school ? `${JSON.stringify(school, null, 2)}\n` : undefined),
    previousAmendments: existing?.amendments,
    newAmendments: merged.amendments,
  });

  const fileReports = reads.map((r): FileReport => {
    const bad = r.rows.filter((row) => row.problems.length > 0).length;
    return {
      file: r.file,
      format: r.format,
      columns: r.columns,
      rowsRead: r.rows.length,
      rowsLoaded: r.rows.length - bad,
      rowsRejected: bad,
    };
  });
  return {
    register,
    files: fileReports,
    rowsRead: rows.length,
    rowsLoaded: loaded.length,
    rowsRejected: rejected.length,
    rejected,
    pupils: register.pupils.length,
    pupilsAdded: register.pupils.length - (existing?.pupils.size ?? 0),
    sessions: register.calendar.sessionCount,
    marksRead: loaded.reduce((n, r) => n + r.marks.length, 0),
    marksAdded: merged.added,
    marksUnchanged: merged.unchanged,
    redundantMarks: redundant,
    amendments: merged.amendments,
    notes: [...notes, ...register.calendar.notes],
  };
}

/** Problems not tied to a row (the bundle's own marks against a new calendar) stop even a lenient import. */
function hasBundleProblem(problems: ProblemList): boolean {
  return problems.problems.some((p) => p.line === 0);
}

/** A new calendar must still hold every mark the bundle already has, or replacing it would lose them. */
function checkExistingMarks(marks: PupilMarks, calendar: SchoolCalendar, problems: ProblemList): void {
  let outside = 0;
  let example = '';
  const open = new Set<string>();
  for (let s = 0; s < calendar.sessionCount; s++)
    open.add(`${calendar.sessionDate[s]} ${calendar.sessionHalf[s] ? 'PM' : 'AM'}`);
  for (const [upn, own] of marks) {
    for (const [key, code] of own) {
      const { date, session } = sessionOfKey(key);
      if (code === HASH_ID || open.has(`${date} ${session}`)) continue;
      outside++;
      example ||= `${upn} ${date} ${session}`;
    }
  }
  if (outside > 0)
    problems.add({
      file: 'marks.csv',
      line: 0,
      field: '(bundle)',
      message: `${outside} marks already in the bundle fall outside the new calendar (first: ${example}); the calendar would drop them, so it was not applied`,
    });
}
