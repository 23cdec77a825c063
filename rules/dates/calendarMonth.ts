import { isIsoDate, type IsoDate } from './isoDate.ts';

/** A calendar month written `YYYY-MM`, as returns to the local authority are named. */
export type CalendarMonth = string;

/** Month names, January first, as people write them. */
export const MONTH_NAMES: readonly string[] = Object.freeze([
  'January',
  'February',
  'March',
  'April',
  'May',
  'June',
  'July',
  'August',
  'September',
  'October',
  'November',
  'December',
]);

/** True for a real month written `YYYY-MM` ("2025-11"); false for "2025-13" or "2025-1". */
export function isCalendarMonth(text: string): boolean {
  return /^\d{4}-\d{2}$/.test(text) && isIsoDate(`${text}-01`);
}

/** The month holding a date: "2025-11-20" gives "2025-11". */
export function monthOf(date: IsoDate): CalendarMonth {
  return date.slice(0, 7);
}

/** First and last date of a month, both included. */
export function monthBounds(month: CalendarMonth): { first: IsoDate; last: IsoDate } {
  const year = Number(month.slice(0, 4));
  const m = Number(month.slice(5, 7));
  const days = new Date(Date.UTC(year, m, 0)).getUTCDate();
  return { first: `${month}-01`, last: `${month}-${String(days).padStart(2, '0')}` };
}

/** The month in words, as people read it: "November 2025". */
export function formatMonth(month: CalendarMonth): string {
  return `${MONTH_NAMES[Number(month.slice(5, 7)) - 1]} ${month.slice(0, 4)}`;
}

/** The month named in words ("november", "Nov") as a 1-12 number, or undefined. */
export function monthNumberOf(name: string): number | undefined {
  const word = name.trim().toLowerCase();
  if (word.length < 3) return undefined;
  const i = MONTH_NAMES.findIndex((m) => m.toLowerCase().startsWith(word) || word.startsWith(m.toLowerCase()));
  return i < 0 ? undefined : i + 1;
}
