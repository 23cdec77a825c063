import { normaliseHeader } from './csvTable.ts';
import { recordCells, type CsvRecordView } from './csvRecordScanner.ts';
import type { ProblemList } from './inputProblems.ts';
import { namedColumnCount } from './rowShape.ts';
import { BUNDLE_ENCODING_REMEDY, notUtf8Message } from './textEncoding.ts';

/*
 * marks.csv's header row: which cell holds each column a mark needs. Rows are read by cell index, so
 * the header is resolved once and every row after it uses the indexes found here.
 */

export const MARK_COLUMNS = ['upn', 'date', 'session', 'code'] as const;

/** The header as resolved: its names, how many it names, and the cell index of each of MARK_COLUMNS. */
export interface MarksHeader {
  /** Header names as compared (normalised), for naming a row's cells in problems. */
  names: string[];
  /** How many columns the header names, for checking each row's shape. */
  named: number;
  upn: number;
  date: number;
  session: number;
  code: number;
}

/**
 * Reads the header record, or adds its problems and returns null: a header that is not UTF-8, or one
 * without every column a mark needs (each missing column a problem of its own).
 */
export function readMarksHeader(view: CsvRecordView, displayName: string, problems: ProblemList): MarksHeader | null {
  if (view.notUtf8Cell >= 0) {
    problems.add({
      file: displayName,
      line: view.line,
      field: '(header)',
      message: notUtf8Message(BUNDLE_ENCODING_REMEDY),
    });
    return null;
  }
  const names = recordCells(view).map(normaliseHeader);
  const missing = MARK_COLUMNS.filter((c) => !names.includes(c));
  for (const column of missing)
    problems.add({
      file: displayName,
      line: view.line,
      field: column,
      message: `missing column "${column}" (the header has: ${recordCells(view).join(', ')})`,
    });
  if (missing.length > 0) return null;
  const [upn, date, session, code] = MARK_COLUMNS.map((c) => names.indexOf(c));
  return { names, named: namedColumnCount(names), upn, date, session, code };
}
