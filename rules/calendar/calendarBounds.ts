import { toDayNumber, type IsoDate } from '../dates/isoDate.ts';

/**
 * The bounds a school calendar or register must sit inside before anything is built from it. Each is a
 * sanity limit on the input, wide enough for every real school and tight enough that a slip (a year typed
 * 2205, a term running to 2999) is named where it was made instead of being built into a calendar of
 * hundreds of thousands of days.
 */
export type BoundsCheck = { ok: true } | { ok: false; problem: string };

/**
 * The first and last dates a register or calendar may hold. The code sets the rules know are those of the
 * Education (Pupil Registration) (England) Regulations 2006 (in force from September 2006) and the School
 * Attendance (Pupil Registration) (England) Regulations 2024, so no mark this product can read falls
 * before 2006; a date in another century is a slip (a two-digit year read as 1925 or 0025, 2205 for 2025).
 * 2000-2099 leaves room for old archives while catching those.
 */
export const EARLIEST_REGISTER_DATE: IsoDate = '2000-01-01';
export const LATEST_REGISTER_DATE: IsoDate = '2099-12-31';

/**
 * The longest a term can be, first day to last: 126 days (18 weeks). No statute fixes a term's length, but
 * the longest term of an English school year is the autumn term, from the first week of September to the
 * week before Christmas: about 16 weeks (110 days) with its half-term. 18 weeks allows that written as one
 * term with INSET days either side; a longer "term" is a whole year written as one, or a wrong year in one
 * of its dates.
 */
export const LONGEST_TERM_DAYS = 126;

/**
 * The longest a school year's calendar can span, the first term's start to the last term's end: 371 days
 * (53 weeks). The Education Act 1996 (section 579) makes the school year the period from the first term to
 * begin after July to the first such term of the next year, so one year's terms lie within a year; a week
 * more allows for term dates that move with the day of the week. A bundle is one school year (the previous
 * year's register is given on its own, with `--previous`).
 */
export const LONGEST_SCHOOL_YEAR_DAYS = 371;

/**
 * How far a calendar's terms may lie from the register's marks: a year (366 days). The calendar describes
 * the year the marks were taken in; term dates a year or more away from every mark are another year's (last
 * year's calendar.json left in this year's bundle), and every mark would be outside them.
 */
export const FURTHEST_FROM_MARKS_DAYS = 366;

const OK: BoundsCheck = { ok: true };

/** Days from `start` to `end`, both counted. */
function daysSpanned(start: IsoDate, end: IsoDate): number {
  return toDayNumber(end) - toDayNumber(start) + 1;
}

/** A date a register or calendar may hold: 2000-01-01 to 2099-12-31. */
export function registerDateInBounds(date: IsoDate): BoundsCheck {
  if (date >= EARLIEST_REGISTER_DATE && date <= LATEST_REGISTER_DATE) return OK;
  return {
    ok: false,
    problem: `${date} is outside 2000-2099, so it cannot be a date in a school register or calendar (a two-digit or mistyped year?)`,
  };
}

/** A term no longer than a term can be (see LONGEST_TERM_DAYS). */
export function termLengthInBounds(term: { start: IsoDate; end: IsoDate }): BoundsCheck {
  const days = daysSpanned(term.start, term.end);
  if (days <= LONGEST_TERM_DAYS) return OK;
  return {
    ok: false,
    problem: `the term runs ${days} days, from ${term.start} to ${term.end}; a school term is at most ${LONGEST_TERM_DAYS} days (18 weeks): give each term, or half-term, its own dates`,
  };
}

/** The dates of one school year, first to last (see LONGEST_SCHOOL_YEAR_DAYS); `what` names them in the message. */
export function schoolYearInBounds(first: IsoDate, last: IsoDate, what: string): BoundsCheck {
  const days = daysSpanned(first, last);
  if (days <= LONGEST_SCHOOL_YEAR_DAYS) return OK;
  return {
    ok: false,
    problem: `${what} run ${days} days, from ${first} to ${last}; one school year spans at most ${LONGEST_SCHOOL_YEAR_DAYS} days: keep one year to a bundle (give last year's with --previous)`,
  };
}

/** Term dates within a year of the register's marks (see FURTHEST_FROM_MARKS_DAYS). */
export function calendarNearMarks(
  calendar: { first: IsoDate; last: IsoDate },
  marks: { first: IsoDate; last: IsoDate },
): BoundsCheck {
  const before = toDayNumber(marks.first) - toDayNumber(calendar.last);
  const after = toDayNumber(calendar.first) - toDayNumber(marks.last);
  if (before <= FURTHEST_FROM_MARKS_DAYS && after <= FURTHEST_FROM_MARKS_DAYS) return OK;
  return {
    ok: false,
    problem: `the terms run from ${calendar.first} to ${calendar.last}, more than a year ${before > 0 ? 'before' : 'after'} the marks (${marks.first} to ${marks.last}): is this another year's calendar?`,
  };
}
