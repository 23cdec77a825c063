import { readFileSync } from 'node:fs';
import { parse } from 'csv-parse/sync';
import { type ProblemList } from './inputProblems.ts';
import { rowShapeProblem, type RowShapeProblem } from './rowShape.ts';

export interface CsvRow {
  /** 1-based line of the row's first character in the file. */
  line: number;
  /** Cells by lower-cased, trimmed header name. */
  cells: Record<string, string>;
  /** The row as it stood, for a rejects file. */
  raw: string[];
  /** Set when the row's cells do not line up with the header: none of its cells can be trusted. */
  shapeProblem?: RowShapeProblem;
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
  try {
    records = parse(readFileSync(path), {
      bom: true,
      info: true,
      relax_column_count: true,
      skip_empty_lines: true,
      trim: true,
    }) as unknown as { record: string[]; info: { lines: number } }[];
  } catch (error) {
    const e = error as { lines?: number; message: string };
    problems.add({ file: displayName, line: e.lines ?? 0, field: '(file)', message: e.message });
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
    const shapeProblem = rowShapeProblem(header, record.length, (c) => record[c] === '');
    // csv-parse reports the line a record ends on; a record spans more than one line only when quoted.
    rows.push({ line: info.lines, cells, raw: record, ...(shapeProblem ? { shapeProblem } : {}) });
  }
  return { file: displayName, header, rows };
}
