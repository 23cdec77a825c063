import { isUtf8 } from 'node:buffer';
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
  /** 'utf-8', or 'windows-1252' for a file that is not valid UTF-8 (Excel's "CSV" on Windows). */
  encoding: 'utf-8' | 'windows-1252';
  header: string[];
  headerLine: number;
  records: DelimitedRecord[];
}

/** How many records between progress reports. */
export const PROGRESS_EVERY = 100_000;

interface ParsedRecord {
  record: string[];
  raw: string;
}

function countNewlines(text: string): number {
  let n = 0;
  for (let at = text.indexOf('\n'); at >= 0; at = text.indexOf('\n', at + 1)) n++;
  return n;
}

/**
 * Text of an export. Excel on Windows saves "CSV" in Windows-1252, where a name like "Zoë" is not valid
 * UTF-8; such a file is decoded as Windows-1252 instead of turning its accents into replacement marks.
 */
function decodeExport(bytes: Buffer): { text: Buffer | string; encoding: DelimitedFile['encoding'] } {
  // UTF-8 bytes go to csv-parse as they are: decoding them first only for it to encode them again costs time.
  if (isUtf8(bytes)) return { text: bytes, encoding: 'utf-8' };
  return { text: new TextDecoder('windows-1252').decode(bytes), encoding: 'windows-1252' };
}

function isBlank(cells: readonly string[]): boolean {
  for (const cell of cells) if (cell.trim() !== '') return false;
  return true;
}

/**
 * Reads a CSV file as MIS report writers save it: a UTF-8 BOM, CRLF or LF endings, quoted cells holding
 * commas or line breaks, `\` in cells (the PM present mark, which is not an escape in CSV), and blank or
 * all-empty lines (Excel's ",,,,"), which are skipped and not counted as rows.
 *
 * Lines are counted from each record's raw text rather than with csv-parse's `info` option, which doubled
 * the parse time on a full-year export (619,500 rows). csv-parse's raw text holds a record's line breaks
 * and, except for the last record, ends at (or just before) its closing LF.
 */
export function readDelimitedFile(
  path: string,
  displayName: string,
  onRecords?: (count: number) => void,
): DelimitedFile | InputProblem {
  const { text, encoding } = decodeExport(readFileSync(path));
  let parsed: ParsedRecord[];
  let seen = 0;
  // Counting as csv-parse goes lets a terminal show progress through one large export.
  const on_record = onRecords
    ? (record: string[]) => (++seen % PROGRESS_EVERY === 0 && onRecords(seen), record)
    : undefined;
  try {
    parsed = parse(text, { bom: true, raw: true, relax_column_count: true, on_record }) as unknown as ParsedRecord[];
  } catch (error) {
    const e = error as { lines?: number; message: string };
    return { file: displayName, line: e.lines ?? 0, field: '(file)', message: `not readable as CSV: ${e.message}` };
  }
  const records: DelimitedRecord[] = [];
  let line = 1;
  for (const { record, raw } of parsed) {
    const start = line;
    line += countNewlines(raw) + (raw.endsWith('\n') ? 0 : 1);
    if (isBlank(record)) continue;
    records.push({ line: start, raw: raw.replace(/\r?\n$/, '').replace(/\r$/, ''), cells: record });
  }
  if (records.length === 0)
    return { file: displayName, line: 1, field: '(header)', message: 'the file is empty; expected a header row' };
  const [head, ...rows] = records;
  return { encoding, header: head.cells.map((h) => h.trim()), headerLine: head.line, records: rows };
}
