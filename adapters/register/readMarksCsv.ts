import {
  calendarFromSessions,
  checkUpn,
  CODES_2024_FROM,
  EARLIEST_REGISTER_DATE,
  findRegisterCode,
  fromDayNumber,
  LATEST_REGISTER_DATE,
  NO_MARK_ID,
  parseRegisterCode,
  REGISTER_CODES,
  registerCodeById,
  registerDateInBounds,
  type SchoolCalendar,
  schoolYearInBounds,
  toDayNumber,
} from '../../rules/index.ts';
import { normaliseHeader } from './csvTable.ts';
import { cellText, recordCells, scanCsvFile, type CsvRecordView } from './csvRecordScanner.ts';
import { parseDateField } from './fieldParsers.ts';
import { ProblemList } from './inputProblems.ts';
import { columnName, namedColumnCount, rowShapeProblem } from './rowShape.ts';
import { BUNDLE_ENCODING_REMEDY, notUtf8Message } from './textEncoding.ts';
import { CODE_BY_BYTES, isoDayNumber, NOT_A_DATE, sameBytes } from './markCellBytes.ts';
import { dropProblemsIn, withoutSessions } from './hashClosures.ts';

export const MARK_COLUMNS = ['upn', 'date', 'session', 'code'] as const;

const HASH = findRegisterCode('#')!.id;
const CODE_2024_DAY = toDayNumber(CODES_2024_FROM);
const EARLIEST_DAY = toDayNumber(EARLIEST_REGISTER_DATE);
const LATEST_DAY = toDayNumber(LATEST_REGISTER_DATE);
const IN_2024 = Uint8Array.from(REGISTER_CODES, (c) => (c.regimes.includes('2024') ? 1 : 0));
const IN_2006 = Uint8Array.from(REGISTER_CODES, (c) => (c.regimes.includes('2006') ? 1 : 0));

export interface MarksLoadInput {
  path: string;
  displayName: string;
  /** Pupil index by UPN, as read from pupils.csv. */
  pupilIndex: ReadonlyMap<string, number>;
  pupilCount: number;
  /** The calendar from calendar.json; null to derive one from the marks. */
  calendar: SchoolCalendar | null;
  problems: ProblemList;
}

export interface MarksLoad {
  readable: boolean;
  calendar: SchoolCalendar;
  /** Code id per pupil per session, pupil-major. */
  marks: Uint8Array;
  rowsRead: number;
  /** Rejected rows as read (cells trimmed and unquoted), by line: only rejected rows are kept. */
  rejectedRaw: Map<number, string[]>;
  redundantMarks: number;
  notes: string[];
  /** The first and last dates of the rows with a readable date, for checking the calendar against them. */
  markSpan?: { first: string; last: string };
}

/** The earliest and latest dated rows a pass saw, with their lines. */
interface DateSpan {
  first: number;
  firstLine: number;
  last: number;
  lastLine: number;
}

/** What one row said once it passed its own checks. */
interface RowMark {
  pupil: number;
  dayNumber: number;
  half: 0 | 1;
  codeId: number;
}

/**
 * Reads marks.csv straight into the register's byte array: calendar and pupils first, then one streaming
 * pass over the file (two when there is no calendar.json, the first only to find the open sessions).
 * Every row is checked as before: the UPN (known pupil, else its check letter), the date (ISO or UK), the
 * session (AM or PM), the code (in the set in force that day), then the calendar (a school session, or
 * a # or blank on a closed day, which adds nothing) and duplicates (an identical repeat adds nothing; a
 * different mark for the same pupil-session is a problem naming the first line). Problems a row has of
 * its own come first in line order, then calendar and duplicate problems in line order, as ever.
 * Memory: the register, a line number per pupil-session (to name the first of two conflicting marks) and
 * the rejected rows; never an object per mark.
 */
export function loadMarksCsv(input: MarksLoadInput): MarksLoad {
  const { displayName, problems } = input;
  const notes: string[] = [];
  const rejectedRaw = new Map<number, string[]>();
  const empty = (calendar: SchoolCalendar): MarksLoad => ({
    readable: false,
    calendar,
    marks: new Uint8Array(0),
    rowsRead: 0,
    rejectedRaw,
    redundantMarks: 0,
    notes,
  });
  const placeholder =
    input.calendar ?? calendarFromSessions([], { terms: [], closures: [], source: 'derived from marks.csv' });

  // Without calendar.json, a first pass finds the sessions in which any pupil has a mark other than # or blank.
  let calendar = input.calendar;
  if (!calendar) {
    const open = new Set<number>();
    const pass = scanMarks(input, new ProblemList(0), (mark) => {
      if (mark.codeId !== HASH && mark.codeId !== NO_MARK_ID) open.add(mark.dayNumber * 2 + mark.half);
      return true;
    });
    // Unreadable: read again to report why (the first pass kept no problems).
    if (!pass.readable) {
      scanMarks(input, problems, () => true);
      return empty(placeholder);
    }
    // The calendar is built from these dates: more than a school year of them is not one bundle's register.
    const span = pass.span;
    const year = span ? schoolYearInBounds(fromDayNumber(span.first), fromDayNumber(span.last), 'the marks') : null;
    if (span && year && !year.ok) {
      problems.add({
        file: displayName,
        line: span.lastLine,
        field: 'date',
        message: `${year.problem} (the first on line ${span.firstLine}, the last on line ${span.lastLine})`,
      });
      return empty(placeholder);
    }
    calendar = calendarFromSessions(
      [...open].map((k) => ({
        date: fromDayNumber(k >> 1),
        session: (k & 1) === 0 ? ('AM' as const) : ('PM' as const),
      })),
      { terms: [], closures: [], source: 'derived from marks.csv' },
    );
    notes.push(
      'No calendar.json: school sessions derived from the marks (a session is open where any pupil has a mark other than #).',
    );
  }

  const n = calendar.sessionCount;
  const marks = new Uint8Array(input.pupilCount * n);
  const firstLine = new Int32Array(input.pupilCount * n);
  // Session index of each half of each day in the calendar's span; -1 where the school was closed.
  const firstDayNumber = calendar.dayCount > 0 ? calendar.dayNumber[0] : 0;
  const spanDays = calendar.dayCount > 0 ? calendar.dayNumber[calendar.dayCount - 1] - firstDayNumber + 1 : 0;
  const sessionOf = new Int32Array(spanDays * 2).fill(-1);
  for (let s = 0; s < n; s++)
    sessionOf[(calendar.dayNumber[calendar.sessionDay[s]] - firstDayNumber) * 2 + calendar.sessionHalf[s]] = s;
  // Per session: a mark other than # or blank seen, a # seen, and rows placed (for sessions that turn out all-#).
  const hasOpenMark = new Uint8Array(n);
  const hasHash = new Uint8Array(n);
  const placed = new Int32Array(n);
  const late = new ProblemList(problems.cap);
  const conflictsBySession = new Map<number, number>();
  let redundantMarks = 0;
  const upns = [...input.pupilIndex.keys()];

  const pass = scanMarks(
    input,
    problems,
    (mark, view) => {
      const offset = mark.dayNumber - firstDayNumber;
      const s = offset >= 0 && offset < spanDays ? sessionOf[offset * 2 + mark.half] : -1;
      const session = mark.half === 0 ? 'AM' : 'PM';
      if (s < 0) {
        if (mark.codeId === HASH || mark.codeId === NO_MARK_ID) {
          redundantMarks++;
          return true;
        }
        late.add({
          file: displayName,
          line: view.line,
          field: 'date',
          message: outsideCalendarMessage(
            calendar,
            fromDayNumber(mark.dayNumber),
            session,
            registerCodeById(mark.codeId).code,
          ),
        });
        return false;
      }
      const key = mark.pupil * n + s;
      if (mark.codeId === HASH) hasHash[s] = 1;
      else if (mark.codeId !== NO_MARK_ID) hasOpenMark[s] = 1;
      const earlier = firstLine[key];
      if (earlier !== 0) {
        if (marks[key] === mark.codeId) {
          redundantMarks++;
          return true;
        }
        late.add({
          file: displayName,
          line: view.line,
          field: 'code',
          message: `a second mark for ${upns[mark.pupil]} on ${fromDayNumber(mark.dayNumber)} ${session}: ${registerCodeById(mark.codeId).code} here, ${registerCodeById(marks[key]).code} on line ${earlier}`,
        });
        conflictsBySession.set(s, (conflictsBySession.get(s) ?? 0) + 1);
        return false;
      }
      firstLine[key] = view.line;
      marks[key] = mark.codeId;
      placed[s]++;
      return true;
    },
    rejectedRaw,
  );
  if (!pass.readable) return empty(calendar);

  let result = { calendar, marks };
  if (input.calendar) {
    // A session open in calendar.json in which every mark is #: the school recorded a closure the term dates do not show.
    const closedByHash: number[] = [];
    for (let s = 0; s < n; s++) if (hasHash[s] === 1 && hasOpenMark[s] === 0) closedByHash.push(s);
    if (closedByHash.length > 0) {
      for (const s of closedByHash) redundantMarks += placed[s] + (conflictsBySession.get(s) ?? 0);
      result = withoutSessions(calendar, marks, input.pupilCount, closedByHash, notes);
      dropProblemsIn(late, rejectedRaw, closedByHash, calendar);
    }
  }
  // Row problems were added as found; calendar and duplicate problems follow them, as they always have.
  for (const p of late.problems) problems.add(p);
  problems.total += late.total - late.problems.length;
  return {
    readable: true,
    calendar: result.calendar,
    marks: result.marks,
    rowsRead: pass.rows,
    ...(pass.span ? { markSpan: { first: fromDayNumber(pass.span.first), last: fromDayNumber(pass.span.last) } } : {}),
    rejectedRaw,
    redundantMarks,
    notes,
  };
}

function outsideCalendarMessage(calendar: SchoolCalendar, date: string, session: 'AM' | 'PM', code: string): string {
  const closure = calendar.closures.find((c) => c.date === date && (!c.session || c.session === session));
  if (closure)
    return `${date} ${session} is a closure in the calendar (${closure.reason}), but the row records ${code}`;
  if (!calendar.terms.some((t) => t.start <= date && date <= t.end))
    return `${date} is outside every term in calendar.json`;
  return `${date} ${session} is not a school session in calendar.json (a weekend or a closed session)`;
}

/**
 * One pass over marks.csv: the header, then each row's own checks (problems added to `problems`). Rows
 * that pass go to `accept`, which returns false to reject the row for a reason of its own (and has
 * recorded it). Rejected rows' cells are kept in `rejectedRaw` while there are few enough to list.
 */
function scanMarks(
  input: MarksLoadInput,
  problems: ProblemList,
  accept: (mark: RowMark, view: CsvRecordView) => boolean,
  rejectedRaw?: Map<number, string[]>,
): { readable: boolean; rows: number; span?: DateSpan } {
  const { displayName, pupilIndex } = input;
  let columns: number[] | null = null;
  const span: DateSpan = { first: Number.MAX_SAFE_INTEGER, firstLine: 0, last: Number.MIN_SAFE_INTEGER, lastLine: 0 };
  let header: string[] = [];
  let named = 0;
  let headerFailed = false;
  let rows = 0;
  // Rows come pupil by pupil: remember the last UPN's bytes and what they meant.
  let lastUpn = Buffer.alloc(0);
  let lastPupil = -1;
  let lastUpnProblem: string | null = null;
  const mark: RowMark = { pupil: 0, dayNumber: 0, half: 0, codeId: 0 };
  const keepRaw = (view: CsvRecordView) => {
    if (rejectedRaw && rejectedRaw.size <= problems.cap) rejectedRaw.set(view.line, recordCells(view));
  };

  // Per-row state lives out here: a closure made per row costs more than the row's own work.
  let cu = 0;
  let cd = 0;
  let cs = 0;
  let cc = 0;
  let bad = false;
  let line = 0;
  const problem = (field: string, message: string) => {
    problems.add({ file: displayName, line, field, message });
    bad = true;
  };

  const scan = scanCsvFile(input.path, (view) => {
    if (headerFailed) return;
    if (!columns) {
      if (view.notUtf8Cell >= 0) {
        problems.add({
          file: displayName,
          line: view.line,
          field: '(header)',
          message: notUtf8Message(BUNDLE_ENCODING_REMEDY),
        });
        headerFailed = true;
        return;
      }
      header = recordCells(view).map(normaliseHeader);
      named = namedColumnCount(header);
      const missing = MARK_COLUMNS.filter((c) => !header.includes(c));
      for (const column of missing)
        problems.add({
          file: displayName,
          line: view.line,
          field: column,
          message: `missing column "${column}" (the header has: ${recordCells(view).join(', ')})`,
        });
      if (missing.length > 0) headerFailed = true;
      else {
        columns = MARK_COLUMNS.map((c) => header.indexOf(c));
        [cu, cd, cs, cc] = columns;
      }
      return;
    }
    rows++;
    const b = view.bytes;
    bad = false;
    line = view.line;

    if (view.notUtf8Cell >= 0) {
      problem(columnName(header, view.notUtf8Cell), notUtf8Message(BUNDLE_ENCODING_REMEDY));
      keepRaw(view);
      return;
    }
    // A row without every column is never read cell by cell: a missing code cell is not "no mark".
    if (view.count !== named) {
      const shape = rowShapeProblem(header, view.count, (i) => view.end[i] === view.start[i]);
      if (shape) {
        problem(shape.field, shape.message);
        keepRaw(view);
        return;
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

    if (dayNumber === NOT_A_DATE) {
      keepRaw(view);
      return;
    }
    if (dayNumber < EARLIEST_DAY || dayNumber > LATEST_DAY) {
      const bounds = registerDateInBounds(fromDayNumber(dayNumber));
      if (!bounds.ok) problem('date', bounds.problem);
      keepRaw(view);
      return;
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
    if (bad || lastPupil < 0) {
      keepRaw(view);
      return;
    }
    mark.pupil = lastPupil;
    mark.dayNumber = dayNumber;
    mark.half = half as 0 | 1;
    mark.codeId = codeId;
    if (!accept(mark, view)) keepRaw(view);
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
  if (!columns) {
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
