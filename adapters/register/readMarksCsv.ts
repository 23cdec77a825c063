import { calendarFromSessions, fromDayNumber, type SchoolCalendar } from '../../rules/index.ts';
import { calendarFromMarks } from './calendarFromMarks.ts';
import type { MarksLoad, MarksLoadInput } from './marksLoad.ts';
import { marksRegister } from './marksRegister.ts';
import { scanMarks } from './scanMarks.ts';

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

  const calendar = input.calendar ?? calendarFromMarks(input, notes);
  if (!calendar) return empty(placeholder);

  const register = marksRegister(input, calendar);
  const pass = scanMarks(input, input.problems, register.place, rejectedRaw);
  if (!pass.readable) return empty(calendar);

  const result = register.finish(rejectedRaw, notes);
  return {
    readable: true,
    calendar: result.calendar,
    marks: result.marks,
    rowsRead: pass.rows,
    ...(pass.span ? { markSpan: { first: fromDayNumber(pass.span.first), last: fromDayNumber(pass.span.last) } } : {}),
    rejectedRaw,
    redundantMarks: result.redundantMarks,
    notes,
  };
}
