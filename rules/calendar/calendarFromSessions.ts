import { fromDayNumber, toDayNumber, weekdayOfDayNumber, type IsoDate } from '../dates/isoDate.ts';
import { type Closure, type SchoolCalendar, type SessionHalf, type Term } from './schoolCalendar.ts';

export interface OpenSession {
  date: IsoDate;
  session: SessionHalf;
}

export interface CalendarMeta {
  terms: readonly Term[];
  closures: readonly Closure[];
  source: string;
  notes?: readonly string[];
}

/** Builds the indexes of a calendar from the set of sessions the school was open. */
export function calendarFromSessions(open: Iterable<OpenSession>, meta: CalendarMeta): SchoolCalendar {
  // Key each session as dayNumber * 2 + half, then sort once.
  const keys = new Set<number>();
  for (const s of open) keys.add(toDayNumber(s.date) * 2 + (s.session === 'PM' ? 1 : 0));
  const sorted = Int32Array.from(keys).sort();

  const sessionCount = sorted.length;
  const sessionDate: IsoDate[] = new Array(sessionCount);
  const sessionHalf = new Uint8Array(sessionCount);
  const sessionDay = new Int32Array(sessionCount);
  const dayDate: IsoDate[] = [];
  const dayNumbers: number[] = [];
  const dayFirst: number[] = [];
  const dayWeek: number[] = [];
  const weekMonday: IsoDate[] = [];
  const weekFirst: number[] = [];
  let lastWeekMondayNumber = Number.NaN;

  for (let i = 0; i < sessionCount; i++) {
    const dayNo = sorted[i] >> 1;
    if (dayNumbers.length === 0 || dayNumbers[dayNumbers.length - 1] !== dayNo) {
      const mondayNo = dayNo - (weekdayOfDayNumber(dayNo) - 1);
      if (mondayNo !== lastWeekMondayNumber) {
        weekMonday.push(fromDayNumber(mondayNo));
        weekFirst.push(dayNumbers.length);
        lastWeekMondayNumber = mondayNo;
      }
      dayNumbers.push(dayNo);
      dayDate.push(fromDayNumber(dayNo));
      dayFirst.push(i);
      dayWeek.push(weekMonday.length - 1);
    }
    sessionDate[i] = dayDate[dayDate.length - 1];
    sessionHalf[i] = sorted[i] & 1;
    sessionDay[i] = dayNumbers.length - 1;
  }
  dayFirst.push(sessionCount);
  weekFirst.push(dayNumbers.length);

  return {
    terms: meta.terms,
    closures: meta.closures,
    source: meta.source,
    notes: meta.notes ?? [],
    sessionCount,
    sessionDate,
    sessionHalf,
    sessionDay,
    dayCount: dayNumbers.length,
    dayDate,
    dayNumber: Int32Array.from(dayNumbers),
    dayFirstSession: Int32Array.from(dayFirst),
    dayWeek: Int32Array.from(dayWeek),
    weekCount: weekMonday.length,
    weekMonday,
    weekFirstDay: Int32Array.from(weekFirst),
    dayIndex: new Map(dayDate.map((d, i) => [d, i])),
  };
}
