import { addDays, isoWeekday, registerDateInBounds } from '../../../rules/index.ts';
import { parseDateField, type FieldParse } from '../fieldParsers.ts';
import { type SourceRow } from '../../import/sourceRows.ts';
import { type ColumnRole } from './misColumnRoles.ts';
import { type GridColumn } from './gridHeaderDate.ts';
import { addMark, parseSessionName } from './misMarkCell.ts';
import { splitMarkCell } from './splitMarkCell.ts';

export interface LayoutContext {
  /** Dates already parsed, by their text: an export writes each date thousands of times. */
  dates: Map<string, FieldParse<string>>;
  header: readonly string[];
  index: Partial<Record<ColumnRole, number>>;
  gridColumns: ReadonlyMap<number, GridColumn>;
}

/** A register date: a date, and one inside the bounds a register's dates keep to. */
function registerDate(text: string): FieldParse<string> {
  const parsed = parseDateField(text);
  if (!parsed.ok) return parsed;
  const bounds = registerDateInBounds(parsed.value);
  return bounds.ok ? parsed : { ok: false, problem: bounds.problem };
}

function readDate(row: SourceRow, cells: readonly string[], ctx: LayoutContext): string | undefined {
  const at = ctx.index.date!;
  row.dateField = ctx.header[at];
  const text = cells[at] ?? '';
  let parsed = ctx.dates.get(text);
  if (!parsed) ctx.dates.set(text, (parsed = registerDate(text)));
  if (parsed.ok) return parsed.value;
  row.problems.push({ field: ctx.header[at], message: parsed.problem });
  return undefined;
}

/** One row per pupil-session: Date, Session (AM/PM), Mark. */
export function readSessionRow(row: SourceRow, cells: readonly string[], ctx: LayoutContext): void {
  const date = readDate(row, cells, ctx);
  const sessionAt = ctx.index.session!;
  const session = parseSessionName(cells[sessionAt] ?? '');
  if (!session)
    row.problems.push({
      field: ctx.header[sessionAt],
      message: `${JSON.stringify((cells[sessionAt] ?? '').trim())} is not a session (AM or PM)`,
    });
  if (date && session) addMark(row, ctx.header[ctx.index.mark!], cells[ctx.index.mark!] ?? '', date, session);
}

/** One row per pupil-day: Date, AM, PM. */
export function readDayRow(row: SourceRow, cells: readonly string[], ctx: LayoutContext): void {
  const date = readDate(row, cells, ctx);
  if (!date) return;
  addMark(row, ctx.header[ctx.index.am!], cells[ctx.index.am!] ?? '', date, 'AM');
  addMark(row, ctx.header[ctx.index.pm!], cells[ctx.index.pm!] ?? '', date, 'PM');
}

/** The weekdays from `date` on, as many as asked for: a week block's cell runs Monday to Friday. */
function weekdaysFrom(date: string, count: number): string[] {
  const out: string[] = [];
  for (let d = date; out.length < count; d = addDays(d, 1)) if (isoWeekday(d) <= 5) out.push(d);
  return out;
}

/**
 * One row per pupil, a column per date. A date column's cell holds AM then PM ("/\\", "NN", "C1C1"); a
 * longer cell is a block of consecutive weekdays from the column's date ("/\\/\\/\\N\\/\\" is a week). A
 * column headed "date AM" or "date PM" holds that one session.
 */
export function readGridRow(row: SourceRow, cells: readonly string[], ctx: LayoutContext): void {
  for (const [at, column] of ctx.gridColumns) {
    const cell = cells[at] ?? '';
    if (cell.trim() === '') continue;
    const field = ctx.header[at];
    const marks = splitMarkCell(column.session ? cell.trim() : cell.replace(/^\s+$/, ''));
    if (column.session) {
      if (marks.length !== 1) row.problems.push({ field, message: `${JSON.stringify(cell)} is not one session mark` });
      else addMark(row, field, marks[0], column.date, column.session);
      continue;
    }
    if (marks.length % 2 !== 0) {
      row.problems.push({
        field,
        message: `${JSON.stringify(cell)} has ${marks.length} session marks; a day needs two (AM then PM), a space for an unmarked session`,
      });
      continue;
    }
    // A single day keeps its column's own date, whatever day of the week, so nothing is ever shifted.
    const days = marks.length === 2 ? [column.date] : weekdaysFrom(column.date, marks.length / 2);
    days.forEach((date, d) => {
      addMark(row, field, marks[2 * d], date, 'AM');
      addMark(row, field, marks[2 * d + 1], date, 'PM');
    });
  }
}
