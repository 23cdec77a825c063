import { type IsoDate } from '../dates/isoDate.ts';
import { type EvaluationContext } from '../findings/evaluationContext.ts';
import { absencePercent } from './absenceThresholds.ts';
import { countsFromCodeTally, tallyCodes } from './attendanceCounts.ts';
import { REGISTER_CODES } from '../codes/registerCodes.ts';

/** One school week of attendance for a pupil or a group of pupils, and the running total to the week's end. */
export interface WeeklyAttendance {
  /** The Monday of the school week. */
  weekOf: IsoDate;
  /** Possible and attended sessions in the week, inside the context's period. */
  possible: number;
  attended: number;
  /** attended / possible for the week, as a percentage; null when no session counted (all not possible). */
  weekPercent: number | null;
  /** The same from the period's start to the end of this week: the figure a 90% target is read against. */
  possibleToDate: number;
  attendedToDate: number;
  percentToDate: number | null;
}

/**
 * Attendance week by week over the context's period (the academic year to the as-of date unless set), for
 * one pupil or the sum of several (a year group, a meeting's cohort). Attendance is attended sessions
 * (present and approved educational activity) over possible sessions, as in *Working together to improve
 * school attendance* and DfE's published measures; weeks are school weeks, so holidays leave no gap of
 * zeros. A week only partly inside the period (the first, or the as-of week) counts its sessions inside it.
 */
export function weeklyAttendance(ctx: EvaluationContext, pupils: number | readonly number[]): WeeklyAttendance[] {
  const { register, period } = ctx;
  const { calendar } = register;
  const indexes = typeof pupils === 'number' ? [pupils] : pupils;
  if (period.endSession <= period.startSession) return [];
  const firstWeek = calendar.dayWeek[calendar.sessionDay[period.startSession]];
  const lastWeek = calendar.dayWeek[calendar.sessionDay[period.endSession - 1]];
  const tally = new Uint32Array(REGISTER_CODES.length);
  const series: WeeklyAttendance[] = [];
  let possibleToDate = 0;
  let attendedToDate = 0;
  for (let w = firstWeek; w <= lastWeek; w++) {
    const start = Math.max(period.startSession, calendar.dayFirstSession[calendar.weekFirstDay[w]]);
    const end = Math.min(period.endSession, calendar.dayFirstSession[calendar.weekFirstDay[w + 1]]);
    tally.fill(0);
    for (const p of indexes) {
      const base = p * calendar.sessionCount;
      tallyCodes(register.marks, base + start, base + end, tally);
    }
    const { possible, attended } = countsFromCodeTally(tally);
    possibleToDate += possible;
    attendedToDate += attended;
    series.push({
      weekOf: calendar.weekMonday[w],
      possible,
      attended,
      weekPercent: absencePercent(attended, possible),
      possibleToDate,
      attendedToDate,
      percentToDate: absencePercent(attendedToDate, possibleToDate),
    });
  }
  return series;
}
