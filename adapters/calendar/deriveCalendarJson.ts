import {
  bankHolidaysBetween,
  calendarFromSessions,
  deriveTerms,
  eachDate,
  isWeekend,
  type OpenSession,
} from '../../rules/index.ts';
import { type CalendarJson } from '../register/bundleJsonSchemas.ts';

/**
 * Term dates inferred from the sessions a register shows the school open: half-terms are runs of weeks
 * with no whole week off; a weekday inside a half-term with no open session is a closure (an INSET day),
 * one with only its morning open is an afternoon closure; a bank holiday with marks is an open day.
 * Building a calendar from the result gives back exactly the sessions it was derived from.
 */
export function deriveCalendarJson(open: Iterable<OpenSession>): CalendarJson {
  const calendar = calendarFromSessions(open, { terms: [], closures: [], source: 'derived from the register' });
  const terms = deriveTerms(calendar).map((t) => ({ name: t.name, start: t.start, end: t.end }));
  const closures: CalendarJson['closures'] = [];
  const openDays: string[] = [];
  for (const term of terms) {
    const holidays = bankHolidaysBetween(term.start, term.end);
    for (const date of eachDate(term.start, term.end)) {
      if (isWeekend(date)) continue;
      const day = calendar.dayIndex.get(date);
      if (holidays.has(date)) {
        if (day !== undefined) openDays.push(date);
        else continue; // closed anyway as a bank holiday
      }
      if (day === undefined) {
        closures.push({ date, reason: 'No session marked (derived)' });
        continue;
      }
      const first = calendar.dayFirstSession[day];
      const sessions = calendar.dayFirstSession[day + 1] - first;
      if (sessions === 2) continue;
      const half = calendar.sessionHalf[first] === 0 ? 'PM' : 'AM';
      closures.push({ date, session: half, reason: 'No session marked (derived)' });
    }
  }
  return { terms, closures, openDays };
}
