import { type ColumnMatch } from './misColumnRoles.ts';
import { gridHeaderDate, type GridColumn } from './gridHeaderDate.ts';

/** A grid header with a weekday and session but no date: "Mon AM", "Tue pm". */
const UNDATED_SESSION = /^(?:mon|tue|wed|thu|fri|sat|sun)[a-z]*\.?[\s_-]*(?:am|pm)$/i;

export type MisLayout = 'sessions' | 'days' | 'grid' | 'pupils';

export type LayoutDecision =
  { ok: true; layout: MisLayout; gridColumns: Map<number, GridColumn> } | { ok: false; problem: string };

/** Columns whose header is a date: the grid layout's session columns. */
export function gridColumnsOf(header: readonly string[], taken: ReadonlySet<number>): Map<number, GridColumn> {
  const columns = new Map<number, GridColumn>();
  header.forEach((h, i) => {
    if (taken.has(i)) return;
    const column = gridHeaderDate(h);
    if (column) columns.set(i, column);
  });
  return columns;
}

/**
 * Works out how an export is laid out: a column per date is the grid; Date with AM and PM is one row per
 * pupil-day; Date with Session and Mark is one row per pupil-session; pupil columns and no dates are a
 * pupils file. `wanted` (from --format or the mapping) overrides the guess but must still fit the header.
 */
export function detectMisLayout(
  header: readonly string[],
  match: ColumnMatch,
  wanted?: Exclude<MisLayout, 'pupils'>,
): LayoutDecision {
  const { index } = match;
  const taken = new Set(Object.values(index));
  const grid = gridColumnsOf(header, taken);
  const has = (...roles: (keyof typeof index)[]) => roles.every((r) => index[r] !== undefined);
  const keyed = has('upn') || has('adno');
  if (!keyed)
    return {
      ok: false,
      problem: `no UPN or admission number column (the header has: ${header.join(', ')}); name it in a mapping file`,
    };
  const fits = {
    grid: grid.size > 0,
    days: has('date', 'am', 'pm'),
    sessions: has('date', 'session', 'mark'),
  };
  const hasDateData = fits.grid || has('date') || has('am') || has('pm') || has('mark');
  const undated = header.filter((h) => UNDATED_SESSION.test(h.trim()));
  if (undated.length > 0 && !fits.grid) {
    return {
      ok: false,
      problem: `columns such as "${undated[0]}" name a weekday but no date, so their marks cannot be placed; export the grid with dates in the column headers (e.g. "Mon 01/09/2025"), or a row per session or per day`,
    };
  }
  const hasNames = has('familyName') || has('givenName');
  if (wanted) {
    if (fits[wanted]) return { ok: true, layout: wanted, gridColumns: grid };
    if (!hasDateData && hasNames) return { ok: true, layout: 'pupils', gridColumns: grid };
    const need = {
      grid: 'a column headed by each date',
      days: 'Date, AM and PM columns',
      sessions: 'Date, Session and Mark columns',
    }[wanted];
    return { ok: false, problem: `the ${wanted} layout needs ${need} (the header has: ${header.join(', ')})` };
  }
  if (fits.grid) return { ok: true, layout: 'grid', gridColumns: grid };
  if (fits.days) return { ok: true, layout: 'days', gridColumns: grid };
  if (fits.sessions) return { ok: true, layout: 'sessions', gridColumns: grid };
  if (!hasDateData && hasNames) return { ok: true, layout: 'pupils', gridColumns: grid };
  return {
    ok: false,
    problem: `cannot tell the layout: expected pupils' names and no dates (a pupils file), or Date, Session and Mark columns (a row per session), Date, AM and PM (a row per day), or a column per date (a grid); the header has: ${header.join(', ')}. Name the columns in a mapping file`,
  };
}
