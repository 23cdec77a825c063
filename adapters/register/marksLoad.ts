import type { SchoolCalendar } from '../../rules/index.ts';
import type { ProblemList } from './inputProblems.ts';

/*
 * What loading marks.csv takes and gives. They sit apart from loadMarksCsv so that the passes it is made
 * of can take the same input without importing the file that imports them.
 */

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
