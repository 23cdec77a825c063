import { firstSchoolDayOnOrAfter } from '../calendar/calendarLookup.ts';
import { type IsoDate } from '../dates/isoDate.ts';
import { type Register } from '../register/register.ts';

/** A run of consecutive school days on which every open session carried one of a rule's codes. */
export interface SchoolDayRun {
  /** School-day indexes of its first and last day. */
  firstDay: number;
  lastDay: number;
  days: number;
}

/** Whether every open session of school day `day` carries a code set in `table`. */
export function dayAllCoded(register: Register, p: number, day: number, table: Uint8Array): boolean {
  const { calendar, marks } = register;
  const base = p * calendar.sessionCount;
  for (let s = calendar.dayFirstSession[day]; s < calendar.dayFirstSession[day + 1]; s++)
    if (!table[marks[base + s]]) return false;
  return true;
}

/**
 * Every run of at least `minDays` school days of `table` codes whose last day falls on school days
 * `fromDay` to `toDay`, oldest first. A run still going on `toDay` ends there; a run may start before
 * `fromDay` (a run that began last month and ended this month is this month's). Counted in school days,
 * so a weekend or a half-term inside a run neither breaks it nor adds to it.
 */
export function runsEndingBetween(
  register: Register,
  p: number,
  fromDay: number,
  toDay: number,
  table: Uint8Array,
  minDays: number,
): SchoolDayRun[] {
  const runs: SchoolDayRun[] = [];
  let day = toDay;
  while (day >= fromDay && day >= 0) {
    if (!dayAllCoded(register, p, day, table)) {
      day--;
      continue;
    }
    const lastDay = day;
    while (day >= 0 && dayAllCoded(register, p, day, table)) day--;
    const days = lastDay - day;
    if (days >= minDays) runs.push({ firstDay: day + 1, lastDay, days });
  }
  return runs.reverse();
}

/** The first day of the calendar month holding `date`: "2025-11-20" gives "2025-11-01". */
export function monthStart(date: IsoDate): IsoDate {
  return `${date.slice(0, 7)}-01`;
}

/**
 * The school day the calendar month of `date` starts on (its first school day), as an index; the
 * calendar's dayCount when the register holds no school day on or after the month's first.
 */
export function firstSchoolDayOfMonth(register: Register, date: IsoDate): number {
  return firstSchoolDayOnOrAfter(register.calendar, monthStart(date));
}
