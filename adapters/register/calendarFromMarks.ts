import {
  calendarFromSessions,
  findRegisterCode,
  fromDayNumber,
  NO_MARK_ID,
  type SchoolCalendar,
  schoolYearInBounds,
} from '../../rules/index.ts';
import { ProblemList } from './inputProblems.ts';
import type { MarksLoadInput } from './marksLoad.ts';
import { scanMarks } from './scanMarks.ts';

const HASH = findRegisterCode('#')!.id;

/**
 * Without calendar.json, a first pass over marks.csv finds the sessions in which any pupil has a mark
 * other than # or blank, and those are the school's sessions. Null when there is no calendar to be had,
 * with the reason among `input.problems`: a file that cannot be read, or dates spanning more than a school
 * year. The note saying where the calendar came from is added to `notes` only when there is one.
 */
export function calendarFromMarks(input: MarksLoadInput, notes: string[]): SchoolCalendar | null {
  const { displayName, problems } = input;
  const open = new Set<number>();
  const pass = scanMarks(input, new ProblemList(0), (mark) => {
    if (mark.codeId !== HASH && mark.codeId !== NO_MARK_ID) open.add(mark.dayNumber * 2 + mark.half);
    return true;
  });
  // Unreadable: read again to report why (the first pass kept no problems).
  if (!pass.readable) {
    scanMarks(input, problems, () => true);
    return null;
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
    return null;
  }
  const calendar = calendarFromSessions(
    [...open].map((k) => ({
      date: fromDayNumber(k >> 1),
      session: (k & 1) === 0 ? ('AM' as const) : ('PM' as const),
    })),
    { terms: [], closures: [], source: 'derived from marks.csv' },
  );
  notes.push(
    'No calendar.json: school sessions derived from the marks (a session is open where any pupil has a mark other than #).',
  );
  return calendar;
}
