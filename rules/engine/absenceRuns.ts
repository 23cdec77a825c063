import { type SchoolCalendar } from '../calendar/schoolCalendar.ts';
import { type AbsenceMarks } from './absenceMarks.ts';

/**
 * Whether pupil `p`'s absence marks between sessions `firstSession` and `endSession` hold a run of `days`
 * consecutive school days on which every session carries a code of `table`, reaching that length on school
 * day `lastFrom` or later. Exact: a day is whole only when each of its sessions has such a mark, and any
 * other day breaks the run.
 */
export function hasRunFrom(
  absenceMarks: AbsenceMarks,
  p: number,
  firstSession: number,
  endSession: number,
  table: Uint8Array,
  calendar: Pick<SchoolCalendar, 'sessionDay' | 'dayFirstSession'>,
  days: number,
  lastFrom: number,
): boolean {
  const { start, session, code } = absenceMarks;
  const { sessionDay, dayFirstSession } = calendar;
  let codedDay = -1;
  let codedSessions = 0;
  let wholeDay = -2;
  let run = 0;
  for (let k = start[p], stop = start[p + 1]; k < stop; k++) {
    const s = session[k];
    if (s >= endSession) break;
    if (s < firstSession || !table[code[k]]) continue;
    const d = sessionDay[s];
    if (d !== codedDay) {
      codedDay = d;
      codedSessions = 0;
    }
    if (++codedSessions === dayFirstSession[d + 1] - dayFirstSession[d]) {
      run = d === wholeDay + 1 ? run + 1 : 1;
      wholeDay = d;
      if (run >= days && d >= lastFrom) return true;
    }
  }
  return false;
}
