import { toDayNumber, type IsoDate } from '../dates/isoDate.ts';
import { type SchoolCalendar } from './schoolCalendar.ts';

/** Index of the last school day on or before `date`, or -1 when the calendar has none by then. */
export function lastSchoolDayOnOrBefore(calendar: SchoolCalendar, date: IsoDate): number {
  const target = toDayNumber(date);
  let lo = 0;
  let hi = calendar.dayCount - 1;
  let found = -1;
  while (lo <= hi) {
    const mid = (lo + hi) >> 1;
    if (calendar.dayNumber[mid] <= target) {
      found = mid;
      lo = mid + 1;
    } else hi = mid - 1;
  }
  return found;
}

/** Index of the first school day on or after `date`, or dayCount when there is none. */
export function firstSchoolDayOnOrAfter(calendar: SchoolCalendar, date: IsoDate): number {
  return lastSchoolDayOnOrBefore(calendar, fromBefore(date)) + 1;
}

function fromBefore(date: IsoDate): IsoDate {
  // The last school day strictly before `date` is the last on or before the previous day.
  return new Date((toDayNumber(date) - 1) * 86_400_000).toISOString().slice(0, 10);
}

/** Half-open session range [start, end) of the school days from `from` to `to`, both included. */
export function sessionRange(calendar: SchoolCalendar, from: IsoDate, to: IsoDate): { start: number; end: number } {
  const firstDay = firstSchoolDayOnOrAfter(calendar, from);
  const lastDay = lastSchoolDayOnOrBefore(calendar, to);
  if (lastDay < firstDay) return { start: 0, end: 0 };
  return { start: calendar.dayFirstSession[firstDay], end: calendar.dayFirstSession[lastDay + 1] };
}

/** Session index of a date and half, or -1 when the school was not open then. */
export function sessionIndexOf(calendar: SchoolCalendar, date: IsoDate, half: 'AM' | 'PM'): number {
  const day = calendar.dayIndex.get(date);
  if (day === undefined) return -1;
  const wanted = half === 'AM' ? 0 : 1;
  for (let s = calendar.dayFirstSession[day]; s < calendar.dayFirstSession[day + 1]; s++) {
    if (calendar.sessionHalf[s] === wanted) return s;
  }
  return -1;
}

/** The term holding `date`, if the calendar knows its terms. */
export function termOf(calendar: SchoolCalendar, date: IsoDate) {
  return calendar.terms.find((t) => t.start <= date && date <= t.end);
}
