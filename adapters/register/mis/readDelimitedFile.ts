import { readFileSync } from 'node:fs';
import { parse } from 'csv-parse/sync';
import { type InputProblem } from '../inputProblems.ts';

export interface DelimitedRecord {
  /** 1-based line the record starts on (a quoted cell may carry it over several lines). */
  line: number;
  /** The record exactly as written, without its line ending. */
  raw: string;
  /** Cells as written: not trimmed, because a leading space in a grid cell means "no AM mark". */
  cells: string[];
}

export interface DelimitedFile {
  header: string[];
  headerLine: number;
  records: DelimitedRecord[];
}

interface ParsedRecord {
  record: string[];
  raw: string;
  info: { lines: number };
}

function countNewlines(text: string): number {
  let n = 0;
  for (let i = 0; i < text.length; i++) if (text.charCodeAt(i) === 10) n++;
  return n;
}

/**
 * Reads a CSV file as MIS report writers save it: a UTF-8 BOM, CRLF or LF endings, quoted cells holding
 * commas or line breaks, `\` in cells (the PM present mark, which is not an escape in CSV), and blank or
 * all-empty trailing lines (Excel's ",,,,"), which are skipped and not counted as rows.
 */
export function readDelimitedFile(path: string, displayName: string): DelimitedFile | InputProblem {
  let parsed: ParsedRecord[];
  try {
    parsed = parse(readFileSync(path), {
      bom: true,
      raw: true,
      info: true,
      relax_column_count: true,
      skip_empty_lines: true,
      skip_records_with_empty_values: true,
    }) as unknown as ParsedRecord[];
  } catch (error) {
    const e = error as { lines?: number; message: string };
    return { file: displayName, line: e.lines ?? 0, field: '(file)', message: `not readable as CSV: ${e.message}` };
  }
  if (parsed.length === 0) return { file: displayName, line: 1, field: '(header)', message: 'the file is empty; expected a header row' };
  const records = parsed.map(({ record, raw, info }): DelimitedRecord => {
    const text = raw.replace(/\r?\n?$/, '').replace(/\r$/, '');
    return { line: info.lines - countNewlines(text), raw: text, cells: record };
  });
  const [head, ...rows] = records;
  return { header: head.cells.map((h) => h.trim()), headerLine: head.line, records: rows };
}
