import { recordCells, scanCsvFile, type CsvRecordView } from './csvRecordScanner.ts';
import type { ProblemList } from './inputProblems.ts';
import type { MarksLoadInput } from './marksLoad.ts';
import { MARK_COLUMNS, readMarksHeader } from './marksHeader.ts';
import { markRowReader, type DateSpan, type RowMark } from './markRowReader.ts';

/**
 * One pass over marks.csv: the header, then each row's own checks (problems added to `problems`). Rows
 * that pass go to `accept`, which returns false to reject the row for a reason of its own (and has
 * recorded it). Rejected rows' cells are kept in `rejectedRaw` while there are few enough to list.
 */
export function scanMarks(
  input: MarksLoadInput,
  problems: ProblemList,
  accept: (mark: RowMark, view: CsvRecordView) => boolean,
  rejectedRaw?: Map<number, string[]>,
): { readable: boolean; rows: number; span?: DateSpan } {
  const { displayName, pupilIndex } = input;
  // Made once the header is read: the reader for the rows under it.
  let readRow: ((view: CsvRecordView) => boolean) | null = null;
  const span: DateSpan = { first: Number.MAX_SAFE_INTEGER, firstLine: 0, last: Number.MIN_SAFE_INTEGER, lastLine: 0 };
  let headerFailed = false;
  let rows = 0;
  const keepRaw = (view: CsvRecordView) => {
    if (rejectedRaw && rejectedRaw.size <= problems.cap) rejectedRaw.set(view.line, recordCells(view));
  };

  const scan = scanCsvFile(input.path, (view) => {
    if (headerFailed) return;
    if (!readRow) {
      const header = readMarksHeader(view, displayName, problems);
      if (header) readRow = markRowReader(header, pupilIndex, displayName, problems, span, accept);
      else headerFailed = true;
      return;
    }
    rows++;
    if (!readRow(view)) keepRaw(view);
  });

  if (scan.fileProblem) {
    problems.add({
      file: displayName,
      line: scan.fileProblem.line,
      field: '(file)',
      message: scan.fileProblem.message,
    });
    return { readable: false, rows };
  }
  if (headerFailed) return { readable: false, rows };
  if (!readRow) {
    problems.add({
      file: displayName,
      line: 1,
      field: '(header)',
      message: `the file is empty; expected a header row with ${MARK_COLUMNS.join(', ')}`,
    });
    return { readable: false, rows };
  }
  return { readable: true, rows, ...(span.firstLine > 0 ? { span } : {}) };
}
