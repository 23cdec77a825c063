import { basename } from 'node:path';
import { registerDateInBounds } from '../../../rules/index.ts';
import { type SourceRead, type SourceRow } from '../../import/sourceRows.ts';
import { detectMisLayout, type MisLayout } from './detectMisLayout.ts';
import { COLUMN_ROLES, matchColumns } from './misColumnRoles.ts';
import { readDayRow, readGridRow, readSessionRow, type LayoutContext } from './misLayoutRows.ts';
import { type MisMapping } from './misMapping.ts';
import { readPupilCells, type PupilCellCache } from './misPupilCells.ts';
import { readDelimitedFile } from './readDelimitedFile.ts';
import { columnName, rowShapeProblem } from '../rowShape.ts';
import { IMPORT_ENCODING_REMEDY, notUtf8Message, type TextEncoding } from '../textEncoding.ts';

export interface MisReadOptions {
  /** Layout to use instead of detecting it (a pupils file is still recognised by having no dates). */
  layout?: Exclude<MisLayout, 'pupils'>;
  mapping?: MisMapping;
  /** Name used in problems and the report; the file's base name by default. */
  displayName?: string;
  /** Told every so many rows, so a large import can show progress. */
  onRows?: (rows: number) => void;
  /** The file's encoding when it is not UTF-8 (a mapping file's own `encoding` is used otherwise). */
  encoding?: TextEncoding;
}

const ROW_READERS: Record<
  Exclude<MisLayout, 'pupils'>,
  (row: SourceRow, cells: readonly string[], ctx: LayoutContext) => void
> = {
  sessions: readSessionRow,
  days: readDayRow,
  grid: readGridRow,
};

/**
 * Reads an MIS attendance or pupils export (SIMS, Arbor, Bromcom, ScholarPack report-writer CSV) in any of
 * the three register layouts, or a pupils file. Every row is checked cell by cell; cross-row checks
 * (unknown pupil, calendar, conflicting marks) are the importer's.
 */
export function readMisExport(path: string, options: MisReadOptions = {}): SourceRead {
  const file = options.displayName ?? basename(path);
  const read: SourceRead = { file, format: 'pupils', columns: {}, rows: [], fileProblems: [], notes: [] };
  const asked = options.encoding ?? options.mapping?.encoding ?? 'utf-8';
  const table = readDelimitedFile(path, file, options.onRows, asked);
  if ('message' in table) {
    read.fileProblems.push(table);
    return read;
  }
  if (table.encoding !== 'utf-8') read.notes.push(`${file}: read as ${table.encoding}, as asked.`);
  else if (asked !== 'utf-8')
    read.notes.push(`${file}: read as UTF-8, not ${asked} as asked: it starts with a UTF-8 byte-order mark.`);
  const match = matchColumns(table.header, options.mapping?.columns);
  read.notes.push(...match.notes.map((n) => `${file}: ${n}`));
  const layout = detectMisLayout(table.header, match, options.layout ?? options.mapping?.layout);
  if (!layout.ok) {
    read.fileProblems.push({ file, line: table.headerLine, field: '(header)', message: layout.problem });
    return read;
  }
  read.format = layout.layout;
  for (const role of COLUMN_ROLES) {
    const at = match.index[role];
    if (at !== undefined) read.columns[role] = table.header[at];
  }
  if (layout.layout === 'grid') {
    read.columns.dates = `${layout.gridColumns.size} date columns`;
    // A date column is in every row: a date outside the bounds is the header's problem, not each row's.
    for (const [at, column] of layout.gridColumns) {
      const bounds = registerDateInBounds(column.date);
      if (!bounds.ok)
        read.fileProblems.push({ file, line: table.headerLine, field: table.header[at], message: bounds.problem });
    }
    if (read.fileProblems.length > 0) return read;
  }
  const ctx: LayoutContext = {
    dates: new Map(),
    header: table.header,
    index: match.index,
    gridColumns: layout.gridColumns,
  };
  const readMarks = layout.layout === 'pupils' ? undefined : ROW_READERS[layout.layout];
  const pupilCells: PupilCellCache = new Map();
  for (const record of table.records) {
    const row: SourceRow = {
      file,
      line: record.line,
      raw: record.raw,
      pupil: {},
      roster: layout.layout === 'pupils',
      marks: [],
      problems: [],
    };
    // A row with bytes that are not UTF-8, or whose cells do not line up with the header, is rejected whole.
    const shape =
      record.notUtf8Cell !== undefined
        ? {
            field: record.notUtf8Cell < 0 ? '(row)' : columnName(table.header, record.notUtf8Cell),
            message: notUtf8Message(IMPORT_ENCODING_REMEDY),
          }
        : rowShapeProblem(table.header, record.cells.length, (c) => record.cells[c].trim() === '');
    if (shape) row.problems.push(shape);
    else {
      readPupilCells(row, record.cells, match.index, table.header, pupilCells);
      readMarks?.(row, record.cells, ctx);
    }
    read.rows.push(row);
  }
  return read;
}
