import { bankHolidaysBetween } from '../dates/bankHolidays.ts';
import { eachDate, isWeekend, type IsoDate } from '../dates/isoDate.ts';
import { calendarFromSessions, type OpenSession } from './calendarFromSessions.ts';
import { type Closure, type SchoolCalendar, type SessionHalf, type Term } from './schoolCalendar.ts';

export interface TermDates {
  terms: readonly Term[];
  closures?: readonly Closure[];
  /**
   * Dates the school opened although they are bank holidays. Bank holidays inside a term are closed by
   * default because schools write term dates as one block around them.
   */
  openDays?: readonly IsoDate[];
}

/**
 * A calendar from a school's term dates: every weekday inside a term is two open sessions, less bank
 * holidays and the school's closures (INSET days, polling days, a half-day closure).
 */
export function buildSchoolCalendar(dates: TermDates, source = 'term dates'): SchoolCalendar {
  const closed = new Map<string, Closure>();
  for (const c of dates.closures ?? []) {
    for (const half of c.session ? [c.session] : (['AM', 'PM'] as SessionHalf[])) closed.set(`${c.date} ${half}`, c);
  }
  const openAnyway = new Set(dates.openDays ?? []);
  const notes: string[] = [];
  const closures: Closure[] = [...(dates.closures ?? [])];
  const open: OpenSession[] = [];
  for (const term of dates.terms) {
    const holidays = bankHolidaysBetween(term.start, term.end);
    for (const date of eachDate(term.start, term.end)) {
      if (isWeekend(date)) continue;
      const holiday = holidays.get(date);
      if (holiday && !openAnyway.has(date)) {
        closures.push({ date, reason: `Bank holiday: ${holiday}` });
        notes.push(
          `${date} (${holiday}) falls in ${term.name} and is treated as closed; list it in openDays if the school opened.`,
        );
        continue;
      }
      for (const session of ['AM', 'PM'] as SessionHalf[]) {
        if (!closed.has(`${date} ${session}`)) open.push({ date, session });
      }
    }
  }
  closures.sort((a, b) => (a.date < b.date ? -1 : a.date > b.date ? 1 : 0));
  return calendarFromSessions(open, { terms: dates.terms, closures, source, notes });
}
