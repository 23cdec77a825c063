/**
 * Calendar dates as ISO strings (`YYYY-MM-DD`) and as day numbers (days since 1970-01-01).
 *
 * Registers are about school days, never instants, so nothing here touches time zones or the clock:
 * day numbers are computed in UTC, where every day has 24 hours.
 */
export type IsoDate = string;

const ISO_DATE = /^(\d{4})-(\d{2})-(\d{2})$/;
const MS_PER_DAY = 86_400_000;

/** True when `text` is a real calendar date written `YYYY-MM-DD` (so `2025-02-30` is false). */
export function isIsoDate(text: string): boolean {
  const match = ISO_DATE.exec(text);
  if (!match) return false;
  const [, y, m, d] = match;
  const date = new Date(Date.UTC(Number(y), Number(m) - 1, Number(d)));
  return date.getUTCFullYear() === Number(y) && date.getUTCMonth() === Number(m) - 1 && date.getUTCDate() === Number(d);
}

/** Days since 1970-01-01 for an ISO date. Throws on a malformed date: callers validate input first. */
export function toDayNumber(date: IsoDate): number {
  if (!isIsoDate(date)) throw new RangeError(`not a calendar date (YYYY-MM-DD): ${JSON.stringify(date)}`);
  return Date.UTC(Number(date.slice(0, 4)), Number(date.slice(5, 7)) - 1, Number(date.slice(8, 10))) / MS_PER_DAY;
}

/** The ISO date of a day number. */
export function fromDayNumber(day: number): IsoDate {
  return new Date(day * MS_PER_DAY).toISOString().slice(0, 10);
}

/** The date `days` after `date` (negative for before). */
export function addDays(date: IsoDate, days: number): IsoDate {
  return fromDayNumber(toDayNumber(date) + days);
}

/** ISO weekday: 1 = Monday … 7 = Sunday. */
export function isoWeekday(date: IsoDate): number {
  return weekdayOfDayNumber(toDayNumber(date));
}

/** ISO weekday of a day number (1970-01-01 was a Thursday). */
export function weekdayOfDayNumber(day: number): number {
  return ((((day + 3) % 7) + 7) % 7) + 1;
}

/** The Monday that starts the week holding `date`: school weeks run Monday to Sunday. */
export function mondayOf(date: IsoDate): IsoDate {
  const day = toDayNumber(date);
  return fromDayNumber(day - (weekdayOfDayNumber(day) - 1));
}

/** True for Saturday and Sunday. */
export function isWeekend(date: IsoDate): boolean {
  return isoWeekday(date) >= 6;
}

/** Every date from `start` to `end`, both included. */
export function eachDate(start: IsoDate, end: IsoDate): IsoDate[] {
  const out: IsoDate[] = [];
  for (let d = toDayNumber(start), last = toDayNumber(end); d <= last; d++) out.push(fromDayNumber(d));
  return out;
}

// toLocaleDateString builds a new Intl formatter on every call (about 50 µs), which made a local
// authority's findings take seconds. The formatters are built once; formatting with one costs about a
// microsecond, so no text is kept (rules/ holds no module-level caches).
const LONG_FORMAT = new Intl.DateTimeFormat('en-GB', {
  weekday: 'long',
  day: 'numeric',
  month: 'long',
  year: 'numeric',
  timeZone: 'UTC',
});
const SHORT_FORMAT = new Intl.DateTimeFormat('en-GB', {
  weekday: 'short',
  day: 'numeric',
  month: 'short',
  year: 'numeric',
  timeZone: 'UTC',
});
function formatted(date: IsoDate, format: Intl.DateTimeFormat): string {
  return format.format(new Date(toDayNumber(date) * MS_PER_DAY));
}

/**
 * A date in the long form staff read.
 *
 * @example
 * formatLongDate('2025-03-03') // => 'Monday, 3 March 2025'
 */
export function formatLongDate(date: IsoDate): string {
  return formatted(date, LONG_FORMAT);
}

/**
 * A date in the short form used in lists.
 *
 * @example
 * formatShortDate('2025-03-03') // => 'Mon, 3 Mar 2025'
 */
export function formatShortDate(date: IsoDate): string {
  return formatted(date, SHORT_FORMAT);
}
