import { parseRegisterCode } from '../../rules/codes/parseRegisterCode.ts';
import { checkUpn } from '../../rules/pupils/upn.ts';
import { readCsvTable, type CsvRow } from './csvTable.ts';
import { parseDateField } from './fieldParsers.ts';
import { type ProblemList } from './inputProblems.ts';

export const MARK_COLUMNS = ['upn', 'date', 'session', 'code'] as const;

/** A mark that passed its own checks; the calendar and duplicate checks come once every row is read. */
export interface MarkRow {
  pupil: number;
  date: string;
  session: 'AM' | 'PM';
  codeId: number;
  code: string;
  line: number;
  raw: string[];
}

/** Reads marks.csv against the known pupils (by UPN). Bad rows are problems and are left out. */
export function readMarksCsv(path: string, displayName: string, pupilIndex: ReadonlyMap<string, number>, problems: ProblemList): { marks: MarkRow[]; rows: CsvRow[]; rejected: Set<number>; readable: boolean } {
  const table = readCsvTable(path, displayName, MARK_COLUMNS, problems);
  const rejected = new Set<number>();
  if (!table) return { marks: [], rows: [], rejected, readable: false };
  const marks: MarkRow[] = [];
  for (const row of table.rows) {
    const bad = (field: string, message: string) => {
      problems.add({ file: displayName, line: row.line, field, message });
      rejected.add(row.line);
    };
    const upn = row.cells.upn.trim().toUpperCase();
    const pupil = pupilIndex.get(upn);
    if (pupil === undefined) {
      const check = checkUpn(upn);
      bad('upn', check.ok ? `UPN ${upn} is not in pupils.csv` : check.problem);
    }
    const date = parseDateField(row.cells.date);
    if (!date.ok) bad('date', date.problem);
    const sessionText = row.cells.session.trim().toUpperCase();
    if (sessionText !== 'AM' && sessionText !== 'PM') bad('session', `${JSON.stringify(row.cells.session)} is not a session (AM or PM)`);
    if (!date.ok) continue;
    const code = parseRegisterCode(row.cells.code, date.value);
    if (!code.ok) bad('code', code.problem);
    if (rejected.has(row.line) || !code.ok || pupil === undefined) continue;
    marks.push({ pupil, date: date.value, session: sessionText as 'AM' | 'PM', codeId: code.code.id, code: code.code.code, line: row.line, raw: row.raw });
  }
  return { marks, rows: table.rows, rejected, readable: true };
}
