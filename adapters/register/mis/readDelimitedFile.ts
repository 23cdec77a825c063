import { isUtf8 } from 'node:buffer';
import { readFileSync } from 'node:fs';
import { parse } from 'csv-parse/sync';
import { type InputProblem } from '../inputProblems.ts';
import {
  decodeText,
  IMPORT_ENCODING_REMEDY,
  linesNotUtf8,
  notUtf8Message,
  type TextEncoding,
} from '../textEncoding.ts';

export interface DelimitedRecord {
  /** 1-based line the record starts on (a quoted cell may carry it over several lines). */
  line: number;
  /** The record exactly as written, without its line ending. */
  raw: string;
  /** Cells as written: not trimmed, because a leading space in a grid cell means "no AM mark". */
  cells: string[];
  /** Set when the record holds bytes that are not UTF-8: the cell they are in (-1 when none can be told). */
  notUtf8Cell?: number;
}

export interface DelimitedFile {
  /** The encoding the file was read in: UTF-8 unless another was asked for. */
  encoding: TextEncoding;
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
 * Text of an export in the encoding asked for. UTF-8 bytes go to csv-parse as they are (decoding them first
 * only for it to encode them again costs time); bytes that are not UTF-8 go too, and the lines holding them
 * are returned so their records are reported rather than read with replacement marks. Windows-1252 (what
 * Excel on Windows saves as "CSV") is decoded only when asked for: any bytes at all decode in it, so
 * guessing it would misread a file in any other encoding without a word.
 */
function decodeExport(
  bytes: Buffer,
  encoding: TextEncoding,
): { text: Buffer | string; encoding: TextEncoding; notUtf8Lines: number[] } {
  if (encoding === 'windows-1252') {
    const decoded = decodeText(bytes, encoding);
    if (decoded.ok) return { text: decoded.text, encoding: decoded.encoding, notUtf8Lines: [] };
  }
  return { text: bytes, encoding: 'utf-8', notUtf8Lines: isUtf8(bytes) ? [] : linesNotUtf8(bytes) };
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
  asked: TextEncoding = 'utf-8',
): DelimitedFile | InputProblem {
  const { text, encoding, notUtf8Lines } = decodeExport(readFileSync(path), asked);
  const notUtf8 = new Set(notUtf8Lines);
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
    // Bytes that are not UTF-8 come first: they are likely the cause, and csv-parse quotes them as U+FFFD.
    if (notUtf8Lines.length > 0)
      return {
        file: displayName,
        line: notUtf8Lines[0],
        field: '(file)',
        message: notUtf8Message(IMPORT_ENCODING_REMEDY),
      };
    return { file: displayName, line: e.lines ?? 0, field: '(file)', message: `not readable as CSV: ${e.message}` };
  }
  const records: DelimitedRecord[] = [];
  let line = 1;
  for (const { record, raw } of parsed) {
    const start = line;
    line += countNewlines(raw) + (raw.endsWith('\n') ? 0 : 1);
    if (isBlank(record)) continue;
    const entry: DelimitedRecord = { line: start, raw: raw.replace(/\r?\n$/, '').replace(/\r$/, ''), cells: record };
    if (notUtf8.size > 0) {
      let bad = false;
      for (let l = start; l < line && !bad; l++) bad = notUtf8.has(l);
      if (bad) entry.notUtf8Cell = record.findIndex((c) => c.includes('\uFFFD'));
    }
    records.push(entry);
  }
  if (records.length === 0)
    return { file: displayName, line: 1, field: '(header)', message: 'the file is empty; expected a header row' };
  const [head, ...rows] = records;
  if (head.notUtf8Cell !== undefined)
    return { file: displayName, line: head.line, field: '(header)', message: notUtf8Message(IMPORT_ENCODING_REMEDY) };
  return { encoding, header: head.cells.map((h) => h.trim()), headerLine: head.line, records: rows };
}
