import { calendarFromSessions, type OpenSession } from '../calendar/calendarFromSessions.ts';
import { halfName } from '../calendar/schoolCalendar.ts';
import { createRegister, type Register } from './register.ts';

export interface MergedRegister {
  register: Register;
  /** Sessions taken from the previous register (all of them before the current register's first day). */
  previousSessions: number;
  /** Sessions of the previous register left out because the current register covers those days too. */
  overlappingSessionsDropped: number;
  /** Current pupils who have marks in the previous register as well. */
  pupilsMatched: number;
}

/**
 * One register from last year's and this year's, so rules that look back (the penalty threshold's 10
 * school weeks) reach across the summer holiday into the previous school year. Pupils are this year's
 * roll, matched by UPN: a pupil who has left is not brought back, and a pupil new this year simply has no
 * earlier marks. Where both registers hold the same day the current one is the record, so the previous
 * register contributes only the days before the current register's first school day.
 */
export function mergeRegisters(previous: Register, current: Register): MergedRegister {
  const prevCal = previous.calendar;
  const curCal = current.calendar;
  const firstCurrentDay = curCal.dayCount > 0 ? curCal.dayDate[0] : undefined;
  let kept = prevCal.sessionCount;
  if (firstCurrentDay !== undefined) {
    while (kept > 0 && prevCal.sessionDate[kept - 1] >= firstCurrentDay) kept--;
  }
  const open: OpenSession[] = [];
  for (let s = 0; s < kept; s++) open.push({ date: prevCal.sessionDate[s], session: halfName(prevCal.sessionHalf[s]) });
  for (let s = 0; s < curCal.sessionCount; s++)
    open.push({ date: curCal.sessionDate[s], session: halfName(curCal.sessionHalf[s]) });
  const calendar = calendarFromSessions(open, {
    terms: [
      ...previous.calendar.terms.filter((t) => firstCurrentDay === undefined || t.start < firstCurrentDay),
      ...curCal.terms,
    ],
    closures: [
      ...prevCal.closures.filter((c) => firstCurrentDay === undefined || c.date < firstCurrentDay),
      ...curCal.closures,
    ],
    source: `${prevCal.source} (previous year) + ${curCal.source}`,
    notes: [...prevCal.notes, ...curCal.notes],
  });
  // Previous sessions all come before the current ones, so indexes shift by a constant.
  const register = createRegister(current.school, calendar, current.pupils);
  const n = calendar.sessionCount;
  const previousIndex = new Map(previous.pupils.map((p, i) => [p.upn, i]));
  let matched = 0;
  current.pupils.forEach((pupil, p) => {
    register.marks.set(current.marks.subarray(p * curCal.sessionCount, (p + 1) * curCal.sessionCount), p * n + kept);
    const q = previousIndex.get(pupil.upn);
    if (q === undefined) return;
    matched++;
    register.marks.set(previous.marks.subarray(q * prevCal.sessionCount, q * prevCal.sessionCount + kept), p * n);
  });
  return {
    register,
    previousSessions: kept,
    overlappingSessionsDropped: prevCal.sessionCount - kept,
    pupilsMatched: matched,
  };
}
