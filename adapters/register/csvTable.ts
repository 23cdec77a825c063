import { isUtf8 } from 'node:buffer';
import { readFileSync } from 'node:fs';
import { parse } from 'csv-parse/sync';
import { type ProblemList } from './inputProblems.ts';
import { columnName, rowShapeProblem, type RowShapeProblem } from './rowShape.ts';
import { BUNDLE_ENCODING_REMEDY, linesNotUtf8, notUtf8Message } from './textEncoding.ts';

export interface CsvRow {
  /** 1-based line of the row's first character in the file. */
  line: number;
  /** Cells by lower-cased, trimmed header name. */
  cells: Record<string, string>;
  /** The row as it stood, for a rejects file. */
  raw: string[];
  /** Set when the row's cells cannot be trusted: not UTF-8, or not lined up with the header. */
  rowProblem?: RowShapeProblem;
}

export interface CsvTable {
  file: string;
  header: string[];
  rows: CsvRow[];
}

/** Header names compared without case, spaces or underscores: "Given Name" = "given_name". */
export function normaliseHeader(name: string): string {
  return name
    .trim()
    .toLowerCase()
    .replace(/[\s_-]+/g, '_');
}

/**
 * Reads a CSV file as schools' tools write it: a BOM, quoted fields with commas, `\` in cells (the PM
 * present mark), blank trailing lines. Missing required columns are problems against line 1; a malformed
 * file is one problem naming the line csv-parse stopped at.
 */
export function readCsvTable(
  path: string,
  displayName: string,
  required: readonly string[],
  problems: ProblemList,
): CsvTable | null {
  let records: { record: string[]; info: { lines: number } }[];
  const bytes = readFileSync(path);
  // Lines holding bytes that are not UTF-8: the rows on them are reported, never read with replacement marks.
  const notUtf8 = isUtf8(bytes) ? [] : linesNotUtf8(bytes);
  const hasNotUtf8 = (from: number, to: number) => {
    // The first bad line at or after `from` (the lines are in order), then whether it is within the record.
    let lo = 0;
    let hi = notUtf8.length;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (notUtf8[mid] < from) lo = mid + 1;
      else hi = mid;
    }
    return lo < notUtf8.length && notUtf8[lo] <= to;
  };
  try {
    records = parse(bytes, {
      bom: true,
      info: true,
      relax_column_count: true,
      skip_empty_lines: true,
      trim: true,
    }) as unknown as { record: string[]; info: { lines: number } }[];
  } catch (error) {
    const e = error as { lines?: number; message: string };
    // Bytes that are not UTF-8 come first: they are likely the cause, and csv-parse quotes them as U+FFFD.
    if (notUtf8.length > 0)
      problems.add({
        file: displayName,
        line: notUtf8[0],
        field: '(file)',
        message: notUtf8Message(BUNDLE_ENCODING_REMEDY),
      });
    else problems.add({ file: displayName, line: e.lines ?? 0, field: '(file)', message: e.message });
    return null;
  }
  if (records.length === 0) {
    problems.add({
      file: displayName,
      line: 1,
      field: '(header)',
      message: `the file is empty; expected a header row with ${required.join(', ')}`,
    });
    return null;
  }
  if (hasNotUtf8(1, records[0].info.lines)) {
    problems.add({
      file: displayName,
      line: records[0].info.lines,
      field: '(header)',
      message: notUtf8Message(BUNDLE_ENCODING_REMEDY),
    });
    return null;
  }
  const header = records[0].record.map(normaliseHeader);
  const missing = required.filter((c) => !header.includes(c));
  for (const column of missing) {
    problems.add({
      file: displayName,
      line: records[0].info.lines,
      field: column,
      message: `missing column "${column}" (the header has: ${records[0].record.join(', ')})`,
    });
  }
  if (missing.length > 0) return null;
  const rows: CsvRow[] = [];
  for (let i = 1; i < records.length; i++) {
    const { record, info } = records[i];
    const cells: Record<string, string> = {};
    header.forEach((name, c) => (cells[name] = record[c] ?? ''));
    // csv-parse reports the line a record ends on, so its lines are those after the record before it.
    const rowProblem = hasNotUtf8(records[i - 1].info.lines + 1, info.lines)
      ? {
          field: notUtf8Field(header, record),
          message: notUtf8Message(BUNDLE_ENCODING_REMEDY),
        }
      : rowShapeProblem(header, record.length, (c) => record[c] === '');
    // A record spans more than one line only when quoted.
    rows.push({ line: info.lines, cells, raw: record, ...(rowProblem ? { rowProblem } : {}) });
  }
  return { file: displayName, header, rows };
}

/** The column holding the first character read as U+FFFD, which is where the bytes that are not UTF-8 are. */
function notUtf8Field(header: readonly string[], record: readonly string[]): string {
  const at = record.findIndex((c) => c.includes('\uFFFD'));
  return at < 0 ? '(row)' : columnName(header, at);
}
