import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { importRegisterFiles, type ImportResult } from '../import/importRegisterFiles.ts';
import { csvLine } from '../register/csvText.ts';
import { type WondeClient } from './wondeClient.ts';
import { WondeError } from './wondeErrors.ts';
import { wondeRegisterRows, type WondeMarkRow, type WondeRegisterRows } from './wondeRegisterRows.ts';

export interface WondeSyncOptions {
  /** Wonde's id for the school (A1930499544), not its URN. */
  schoolId: string;
  /** The register bundle to create or merge into. */
  into: string;
  /** First and last dates of session attendance to fetch (ISO, inclusive). */
  from: string;
  to: string;
  /** When the sync ran (ISO timestamp), for amendment records: the caller owns the clock. */
  seenAt: string;
  /** Load what can be placed and report the rest, instead of stopping with nothing written. */
  lenient?: boolean;
  /** As `attendance import --calendar`: term dates for a new bundle, or `derive`. */
  calendar?: string;
  onProgress?: (message: string) => void;
}

export interface WondeSyncResult {
  school: { id: string; urn: string; name: string };
  from: string;
  to: string;
  students: number;
  /** Session marks Wonde gave for the range, and those put into the bundle. */
  marksFetched: number;
  rows: WondeRegisterRows;
  /** The import pipeline's result: counts, amendments, and the register as written. */
  imported: ImportResult;
}

/** Thrown before anything is written, when some of Wonde's data cannot be placed and the sync is strict. */
export class WondeSyncRefused extends Error {
  constructor(
    message: string,
    readonly rows: WondeRegisterRows,
  ) {
    super(message);
    this.name = 'WondeSyncRefused';
  }
}

/**
 * Fetches a school's register from Wonde (the school and its URN, its students with the details the rules
 * need, session attendance for the range, the attendance codes) and writes or merges it into a register
 * bundle through the import pipeline, exactly as `attendance import` would from a pupils export and a row
 * per session: every row checked, marks already held left alone, changed marks recorded in
 * amendments.csv. school.json gets the URN and name from Wonde and keeps everything else it said.
 */
export async function syncWondeSchool(client: WondeClient, options: WondeSyncOptions): Promise<WondeSyncResult> {
  const progress = options.onProgress ?? (() => {});
  progress(`asking Wonde for school ${options.schoolId}`);
  const school = await client.school(options.schoolId);
  if (!school.urn)
    throw new WondeError(
      `Wonde gives no URN for school ${options.schoolId}; the register bundle is keyed by URN, so it cannot be synced`,
      'response',
    );
  const urn = school.urn;
  checkSchoolJson(options.into, urn, options.schoolId);
  progress('fetching attendance codes');
  const codes = await client.attendanceCodes();
  progress('fetching students');
  const students = await client.students(options.schoolId);
  progress(`fetching session attendance ${options.from} to ${options.to}`);
  const marks = await client.sessionAttendance(options.schoolId, options.from, options.to);
  const rows = wondeRegisterRows(students, marks, codes);
  const problems = describeLeftOut(rows);
  if (problems.length > 0 && !options.lenient)
    throw new WondeSyncRefused(
      `Wonde's data for school ${options.schoolId} (URN ${urn}) has ${problems.join('; ')}; nothing was written (--lenient loads the rest and reports these)`,
      rows,
    );

  const work = mkdtempSync(join(tmpdir(), 'wonde-sync-'));
  try {
    const pupilsFile = join(work, `wonde-students-${options.schoolId}.csv`);
    const marksFile = join(work, `wonde-session-attendance-${options.schoolId}-${options.from}-to-${options.to}.csv`);
    writeFileSync(pupilsFile, pupilsCsv(rows));
    writeFileSync(marksFile, marksCsv(rows.marks));
    mkdirSync(options.into, { recursive: true });
    const schoolJsonPath = join(options.into, 'school.json');
    const schoolJsonBefore = existsSync(schoolJsonPath) ? readFileSync(schoolJsonPath, 'utf8') : undefined;
    writeSchoolJson(options.into, urn, school.name);
    progress('importing into the bundle');
    let imported: ImportResult;
    try {
      imported = importRegisterFiles(rows.marks.length > 0 ? [pupilsFile, marksFile] : [pupilsFile], {
        into: options.into,
        format: 'auto',
        calendar: options.calendar,
        lenient: options.lenient,
        seenAt: options.seenAt,
        onProgress: options.onProgress,
      });
    } catch (err) {
      // The import wrote nothing; school.json goes back to what it was, so the bundle is as it was.
      if (schoolJsonBefore === undefined) rmSync(schoolJsonPath, { force: true });
      else writeFileSync(schoolJsonPath, schoolJsonBefore);
      throw err;
    }
    return {
      school: { id: school.id, urn, name: school.name },
      from: options.from,
      to: options.to,
      students: students.length,
      marksFetched: marks.length,
      rows,
      imported,
    };
  } finally {
    rmSync(work, { recursive: true, force: true });
  }
}

/** What could not be placed, in words (counts and Wonde ids, never pupils' details). */
export function describeLeftOut(rows: WondeRegisterRows): string[] {
  const problems: string[] = [];
  for (const code of rows.unknownCodes)
    problems.push(
      `${code.marks} mark${code.marks === 1 ? '' : 's'} with Wonde code ${JSON.stringify(code.code)}${code.description ? ` (${code.description})` : ''}, id ${code.id}, which is not a DfE attendance code`,
    );
  if (rows.studentsWithoutUpn.length > 0)
    problems.push(
      `${rows.studentsWithoutUpn.length} student${rows.studentsWithoutUpn.length === 1 ? '' : 's'} with no UPN (Wonde ids ${rows.studentsWithoutUpn.slice(0, 5).join(', ')}${rows.studentsWithoutUpn.length > 5 ? ', …' : ''}) and ${rows.marksLeftOut.noUpn} marks of theirs`,
    );
  if (rows.marksLeftOut.unknownStudent > 0)
    problems.push(`${rows.marksLeftOut.unknownStudent} marks for students Wonde's student list does not have`);
  return problems;
}

function pupilsCsv(rows: WondeRegisterRows): string {
  const header = [
    'UPN',
    'Legal Forename',
    'Legal Surname',
    'Date of Birth',
    'Year Group',
    'SEN Status',
    'FSM',
    'Looked After',
  ];
  const lines = rows.pupils.map((p) =>
    csvLine([p.upn, p.legalForename, p.legalSurname, p.dateOfBirth, p.yearGroup, p.senStatus, p.fsm, p.lookedAfter]),
  );
  return `${[csvLine(header), ...lines].join('\n')}\n`;
}

function marksCsv(marks: readonly WondeMarkRow[]): string {
  const lines = marks.map((m) => csvLine([m.upn, m.date, m.session, m.mark]));
  return `${[csvLine(['UPN', 'Date', 'Session', 'Mark']), ...lines].join('\n')}\n`;
}

/** A bundle already keyed to another school is never merged into. */
function checkSchoolJson(dir: string, urn: string, schoolId: string): void {
  const existing = readSchoolJson(dir);
  if (existing?.urn !== undefined && String(existing.urn) !== urn)
    throw new WondeError(
      `${join(dir, 'school.json')} is for URN ${String(existing.urn)}, but Wonde school ${schoolId} is URN ${urn}; choose that school's bundle`,
      'response',
    );
}

function readSchoolJson(dir: string): Record<string, unknown> | undefined {
  const path = join(dir, 'school.json');
  if (!existsSync(path)) return undefined;
  try {
    const value: unknown = JSON.parse(readFileSync(path, 'utf8'));
    if (value && typeof value === 'object' && !Array.isArray(value)) return value as Record<string, unknown>;
  } catch {
    // Reported by the import, which reads school.json with its schema.
  }
  return undefined;
}

/** school.json with Wonde's URN and name, keeping the local authority and policy profile it already names. */
function writeSchoolJson(dir: string, urn: string, name: string): void {
  const existing = readSchoolJson(dir) ?? {};
  const next = { ...existing, urn, name };
  const text = `${JSON.stringify(next, null, 2)}\n`;
  const path = join(dir, 'school.json');
  if (!existsSync(path) || readFileSync(path, 'utf8') !== text) writeFileSync(path, text);
}
