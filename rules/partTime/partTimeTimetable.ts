import { type SessionHalf } from '../calendar/schoolCalendar.ts';
import { isoWeekday, type IsoDate } from '../dates/isoDate.ts';

/** A weekday (1 = Monday … 5 = Friday) and a session: the unit a part-time timetable is agreed in. */
export interface WeeklySession {
  weekday: 1 | 2 | 3 | 4 | 5;
  half: SessionHalf;
}

/** A review of the timetable held with the pupil and parents, and what it decided. */
export interface PartTimeReview {
  on: IsoDate;
  /** A new end date agreed at the review, when the timetable was extended. */
  extendedTo?: IsoDate;
}

/**
 * A temporary part-time timetable as the school records it. Reg 11(6) of the School Attendance (Pupil
 * Registration) (England) Regulations 2024 makes the leave lawful only when the school and a parent the pupil
 * normally lives with agree the times and dates; Working together to improve school attendance asks for a
 * wider plan, regular reviews with the pupil and parents and a proposed end date that reviews may extend, and
 * for the social worker and (for a pupil with an EHC plan) the local authority to be told.
 */
export interface PartTimeTimetable {
  upn: string;
  start: IsoDate;
  /** The end date proposed when it was agreed; reviews may extend it. */
  proposedEnd: IsoDate;
  /** The sessions the pupil is NOT in school (recorded C2) each week. */
  sessionsOff: readonly WeeklySession[];
  /** When the school agreed it; absent when it has not. */
  schoolAgreedOn?: IsoDate;
  /** When the parent the pupil normally lives with agreed it; absent when they have not. */
  parentAgreedOn?: IsoDate;
  /** The support, health-care or reintegration plan it belongs to, in the school's words. */
  plan?: string;
  /** The next review date set; absent when none has been set. */
  nextReview?: IsoDate;
  reviews: readonly PartTimeReview[];
  socialWorkerToldOn?: IsoDate;
  localAuthorityToldOn?: IsoDate;
  /** When the pupil went back to full time, or the timetable was otherwise ended. */
  endedOn?: IsoDate;
}

const WEEKDAY_NAMES = ['Monday', 'Tuesday', 'Wednesday', 'Thursday', 'Friday'] as const;

/** "Monday afternoon": how a person names a weekly session. */
export function weeklySessionWords(s: WeeklySession): string {
  return `${WEEKDAY_NAMES[s.weekday - 1]} ${s.half === 'AM' ? 'morning' : 'afternoon'}`;
}

/** The end date in force: the last extension agreed at a review, else the proposed end. */
export function effectiveEnd(t: PartTimeTimetable): IsoDate {
  let end = t.proposedEnd;
  for (const r of [...t.reviews].sort((a, b) => (a.on < b.on ? -1 : a.on > b.on ? 1 : 0)))
    if (r.extendedTo) end = r.extendedTo;
  return end;
}

/** In place on `date`: started, and not ended before it (an end date passed does not end it: a review must). */
export function isInPlaceOn(t: PartTimeTimetable, date: IsoDate): boolean {
  return t.start <= date && (t.endedOn === undefined || date <= t.endedOn);
}

/** Agreed by both the school and the parent the pupil normally lives with, on or before `date`. */
export function isAgreedBy(t: PartTimeTimetable, date: IsoDate): boolean {
  return (
    t.schoolAgreedOn !== undefined &&
    t.schoolAgreedOn <= date &&
    t.parentAgreedOn !== undefined &&
    t.parentAgreedOn <= date
  );
}

/** Whether the timetable's agreed sessions include this date and session. */
export function coversSession(t: PartTimeTimetable, date: IsoDate, half: SessionHalf): boolean {
  const weekday = isoWeekday(date);
  return t.sessionsOff.some((s) => s.weekday === weekday && s.half === half);
}

/** The last review held on or before `date`, if any. */
export function lastReviewBy(t: PartTimeTimetable, date: IsoDate): PartTimeReview | undefined {
  let last: PartTimeReview | undefined;
  for (const r of t.reviews) if (r.on <= date && (!last || r.on > last.on)) last = r;
  return last;
}
