import {
  checkUpn,
  CODES_2024_FROM,
  EARLIEST_REGISTER_DATE,
  fromDayNumber,
  LATEST_REGISTER_DATE,
  NO_MARK_ID,
  parseRegisterCode,
  REGISTER_CODES,
  registerDateInBounds,
  toDayNumber,
} from '../../rules/index.ts';
import { cellText, type CsvRecordView } from './csvRecordScanner.ts';
import { parseDateField } from './fieldParsers.ts';
import type { ProblemList } from './inputProblems.ts';
import type { MarksHeader } from './marksHeader.ts';
import { columnName, rowShapeProblem } from './rowShape.ts';
import { BUNDLE_ENCODING_REMEDY, notUtf8Message } from './textEncoding.ts';
import { CODE_BY_BYTES, isoDayNumber, NOT_A_DATE, sameBytes } from './markCellBytes.ts';

/*
 * One row of marks.csv checked on its own: the UPN (known pupil, else its check letter), the date (ISO or
 * UK), the session (AM or PM) and the code (in the set in force that day). What the row means against the
 * calendar and the other rows is for whoever takes the mark.
 */

const CODE_2024_DAY = toDayNumber(CODES_2024_FROM);
const EARLIEST_DAY = toDayNumber(EARLIEST_REGISTER_DATE);
const LATEST_DAY = toDayNumber(LATEST_REGISTER_DATE);
const IN_2024 = Uint8Array.from(REGISTER_CODES, (c) => (c.regimes.includes('2024') ? 1 : 0));
const IN_2006 = Uint8Array.from(REGISTER_CODES, (c) => (c.regimes.includes('2006') ? 1 : 0));

/** What one row said once it passed its own checks. */
export interface RowMark {
  pupil: number;
  dayNumber: number;
  half: 0 | 1;
  codeId: number;
}

/** The earliest and latest dated rows a pass saw, with their lines. */
export interface DateSpan {
  first: number;
  firstLine: number;
  last: number;
  lastLine: number;
}

/**
 * A reader for the rows under one header. A row that passes its own checks goes straight to `accept`, and
 * the reader returns what `accept` says; a row that fails them returns false (every problem it has added to
 * `problems`). A row with a readable date in the register's bounds widens `span` even when another of its
 * cells is wrong. The mark handed on is the same object each time, overwritten by the next row: millions
 * of rows pass through here, and handing it on from here rather than returning it to the pass measured
 * faster.
 */
export function markRowReader(
  header: MarksHeader,
  pupilIndex: ReadonlyMap<string, number>,
  displayName: string,
  problems: ProblemList,
  span: DateSpan,
  accept: (mark: RowMark, view: CsvRecordView) => boolean,
): (view: CsvRecordView) => boolean {
  const { names, named, upn: cu, date: cd, session: cs, code: cc } = header;
  // Rows come pupil by pupil: remember the last UPN's bytes and what they meant.
  let lastUpn = Buffer.alloc(0);
  let lastPupil = -1;
  let lastUpnProblem: string | null = null;
  const mark: RowMark = { pupil: 0, dayNumber: 0, half: 0, codeId: 0 };

  // Per-row state lives out here: a closure made per row costs more than the row's own work.
  let bad = false;
  let line = 0;
  const problem = (field: string, message: string) => {
    problems.add({ file: displayName, line, field, message });
    bad = true;
  };

  return (view) => {
    const b = view.bytes;
    bad = false;
    line = view.line;

    if (view.notUtf8Cell >= 0) {
      problem(columnName(names, view.notUtf8Cell), notUtf8Message(BUNDLE_ENCODING_REMEDY));
      return false;
    }
    // A row without every column is never read cell by cell: a missing code cell is not "no mark".
    if (view.count !== named) {
      const shape = rowShapeProblem(names, view.count, (i) => view.end[i] === view.start[i]);
      if (shape) {
        problem(shape.field, shape.message);
        return false;
      }
    }

    // UPN: compare bytes with the last row's before decoding anything.
    const us = cu < view.count ? view.start[cu] : 0;
    const ue = cu < view.count ? view.end[cu] : 0;
    if (!sameBytes(b, us, ue, lastUpn)) {
      lastUpn = Buffer.from(b.subarray(us, ue));
      const upn = cellText(view, cu).toUpperCase();
      const found = pupilIndex.get(upn);
      lastPupil = found ?? -1;
      if (found === undefined) {
        const check = checkUpn(upn);
        lastUpnProblem = check.ok ? `UPN ${upn} is not in pupils.csv` : check.problem;
      } else lastUpnProblem = null;
    }
    if (lastUpnProblem !== null) problem('upn', lastUpnProblem);

    let dayNumber = isoDayNumber(b, view.start[cd], view.end[cd]);
    let isoDate: string | undefined;
    if (dayNumber === NOT_A_DATE) {
      const parsed = parseDateField(cellText(view, cd));
      if (parsed.ok) {
        isoDate = parsed.value;
        dayNumber = toDayNumber(parsed.value);
      } else problem('date', parsed.problem);
    }

    let half = -1;
    if (cs < view.count && view.end[cs] - view.start[cs] === 2) {
      const first = b[view.start[cs]] | 0x20;
      const second = b[view.start[cs] + 1] | 0x20;
      if (second === 0x6d) half = first === 0x61 ? 0 : first === 0x70 ? 1 : -1;
    }
    if (half < 0) problem('session', `${JSON.stringify(cellText(view, cs))} is not a session (AM or PM)`);

    if (dayNumber === NOT_A_DATE) return false;
    if (dayNumber < EARLIEST_DAY || dayNumber > LATEST_DAY) {
      const bounds = registerDateInBounds(fromDayNumber(dayNumber));
      if (!bounds.ok) problem('date', bounds.problem);
      return false;
    }
    if (dayNumber < span.first) {
      span.first = dayNumber;
      span.firstLine = line;
    }
    if (dayNumber > span.last) {
      span.last = dayNumber;
      span.lastLine = line;
    }
    // The row has every column (checked above), so an empty code cell is one written empty: no mark.
    let codeId = -1;
    const codeLength = view.end[cc] - view.start[cc];
    const codeStart = view.start[cc];
    if (codeLength === 0) codeId = NO_MARK_ID;
    else if (codeLength === 1) codeId = CODE_BY_BYTES[b[codeStart]];
    else if (codeLength === 2) codeId = CODE_BY_BYTES[(b[codeStart] << 8) | b[codeStart + 1]];
    if (codeId < 0 || !(dayNumber >= CODE_2024_DAY ? IN_2024[codeId] : IN_2006[codeId])) {
      const parsed = parseRegisterCode(cellText(view, cc), isoDate ?? fromDayNumber(dayNumber));
      if (parsed.ok) codeId = parsed.code.id;
      else problem('code', parsed.problem);
    }
    if (bad || lastPupil < 0) return false;
    mark.pupil = lastPupil;
    mark.dayNumber = dayNumber;
    mark.half = half as 0 | 1;
    mark.codeId = codeId;
    return accept(mark, view);
  };
}
