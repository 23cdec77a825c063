import {
  findRegisterCode,
  fromDayNumber,
  NO_MARK_ID,
  registerCodeById,
  type SchoolCalendar,
} from '../../rules/index.ts';
import type { CsvRecordView } from './csvRecordScanner.ts';
import { ProblemList } from './inputProblems.ts';
import type { MarksLoadInput } from './marksLoad.ts';
import type { RowMark } from './markRowReader.ts';
import { dropProblemsIn, withoutSessions } from './hashClosures.ts';

const HASH = findRegisterCode('#')!.id;

/**
 * The register's byte array, filled from the marks that passed their own checks, against a known calendar.
 * `place` takes each mark in file order and checks it against the calendar (a school session, or a # or
 * blank on a closed day, which adds nothing) and the marks before it (an identical repeat adds nothing; a
 * different mark for the same pupil-session is a problem naming the first line), returning false to
 * reject the row. Its problems are held back until `finish`, which adds them after the rows' own.
 * Memory: the register and a line number per pupil-session (to name the first of two conflicting marks);
 * never an object per mark.
 */
export function marksRegister(input: MarksLoadInput, calendar: SchoolCalendar) {
  const { displayName, problems } = input;
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

  const place = (mark: RowMark, view: CsvRecordView): boolean => {
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
  };

  /** After a readable pass: the register and calendar as they stand, and the held-back problems reported. */
  const finish = (rejectedRaw: Map<number, string[]>, notes: string[]) => {
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
    return { ...result, redundantMarks };
  };

  return { place, finish };
}

function outsideCalendarMessage(calendar: SchoolCalendar, date: string, session: 'AM' | 'PM', code: string): string {
  const closure = calendar.closures.find((c) => c.date === date && (!c.session || c.session === session));
  if (closure)
    return `${date} ${session} is a closure in the calendar (${closure.reason}), but the row records ${code}`;
  if (!calendar.terms.some((t) => t.start <= date && date <= t.end))
    return `${date} is outside every term in calendar.json`;
  return `${date} ${session} is not a school session in calendar.json (a weekend or a closed session)`;
}
