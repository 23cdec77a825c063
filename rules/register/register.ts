import { type SchoolCalendar } from '../calendar/schoolCalendar.ts';
import { type PartTimeTimetable } from '../partTime/partTimeTimetable.ts';
import { type Pupil } from '../pupils/pupil.ts';

export interface School {
  urn?: string;
  name: string;
  localAuthority?: string;
  /** The DfE three-digit number of the school's local authority (the first three digits of its LAESTAB). */
  laCode?: string;
  /** Policy profile id the school follows; `national` when not given. */
  policy?: string;
}

/**
 * A school's attendance register held columnar: one byte (a register code id) per pupil per open session,
 * pupil-major, so pupil p's marks are `marks.subarray(p * sessionCount, (p + 1) * sessionCount)`.
 * A whole local authority's year fits in tens of megabytes and every rule is a loop over bytes.
 */
export interface Register {
  school: School;
  calendar: SchoolCalendar;
  pupils: readonly Pupil[];
  marks: Uint8Array;
  /** Temporary part-time timetables the school has recorded, when the bundle holds them. */
  partTimeTimetables?: readonly PartTimeTimetable[];
}

/** An empty register (every session "no mark") for the pupils and calendar given. */
export function createRegister(school: School, calendar: SchoolCalendar, pupils: readonly Pupil[]): Register {
  return { school, calendar, pupils, marks: new Uint8Array(pupils.length * calendar.sessionCount) };
}

/** The code id of pupil `p` at session `s`. */
export function markAt(register: Register, p: number, s: number): number {
  return register.marks[p * register.calendar.sessionCount + s];
}

/** Index of a pupil by UPN, or -1. */
export function pupilIndexOf(register: Register, upn: string): number {
  return register.pupils.findIndex((p) => p.upn === upn);
}
