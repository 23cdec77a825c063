import { IS_ATTENDANCE, codeSetTable } from '../codes/codeCategories.ts';
import { runsEndingBetween } from '../findings/unauthorisedRuns.ts';
import { type RegisterQuery } from './registerQuery.ts';
import { type PupilScreen } from './screenArrays.ts';

/**
 * The exact tests, and the figure each finding turns on, for pupils the screen flagged: what the rules'
 * own functions decide, worked out without building their evidence. Each reads only the flagged pupil's
 * absence marks or the bytes of the days it walks back over.
 */

const N_CODE = codeSetTable(['N']);
const ILLNESS = codeSetTable(['I']);

/**
 * Days of illness in the school year to the as-of day, as the sickness return counts them: each I session
 * is half a day, or (whole-day profiles) any school day with an I session is one day. The total only
 * grows through the year, so the return is due exactly when this reaches the profile's days.
 */
export function illnessDays(screen: PupilScreen, p: number): number {
  if (screen.query.policy.sicknessReturn.sessionCounts === 'half-day') return screen.illnessSessions[p] / 2;
  return illnessCount(screen.query, p).days;
}

export interface IllnessCount {
  days: number;
  /** The school day (index) on which the days first reached the sickness return's, or -1. */
  reachedDay: number;
}

/**
 * The pupil's illness days this school year to the as-of day, and when they reached the return's days:
 * the rule's illnessTally without its episodes, which only a built finding needs (sicknessReturnFast).
 */
export function illnessCount(q: RegisterQuery, p: number): IllnessCount {
  const { ctx, index } = q;
  const { start, session, code } = index.absenceMarks;
  const { sessionDay } = index.register.calendar;
  const rule = ctx.policy.sicknessReturn;
  // Counted in sessions for half-day profiles (two make a day), in days for whole-day ones.
  const halfDay = rule.sessionCounts === 'half-day';
  const needed = halfDay ? 2 * rule.days : rule.days;
  const from = ctx.schoolYear.startSession;
  const end = ctx.asOfSessionEnd;
  const isIll = ILLNESS;
  let counted = 0;
  let lastDay = -1;
  let reachedDay = -1;
  for (let k = start[p], stop = start[p + 1]; k < stop; k++) {
    const s = session[k];
    if (s >= end) break;
    if (s < from || !isIll[code[k]]) continue;
    const day = sessionDay[s];
    if (halfDay || day !== lastDay) counted++;
    lastDay = day;
    if (reachedDay < 0 && counted >= needed) reachedDay = day;
  }
  return { days: halfDay ? counted / 2 : counted, reachedDay };
}

/** N sessions on the as-of school day. */
export function nSessionsToday(screen: PupilScreen, p: number): number {
  const { asOfDayStart, asOfEnd, index } = screen.query;
  const { marks, calendar } = index.register;
  const base = p * calendar.sessionCount;
  let n = 0;
  for (let s = base + asOfDayStart; s < base + asOfEnd; s++) n += N_CODE[marks[s]];
  return n;
}

/** N sessions old enough to be overdue at the as-of date (the `n-code-overdue` finding's sessions). */
export function overdueNSessions(screen: PupilScreen, p: number): number {
  const { start, session, code } = screen.query.index.absenceMarks;
  const end = screen.query.overdueNEnd;
  let n = 0;
  for (let k = start[p], stop = start[p + 1]; k < stop && session[k] < end; k++) n += N_CODE[code[k]];
  return n;
}

/**
 * School days of the attendance-return run the finding names (the latest run of the profile's days that
 * is still going or ended this month), or 0 when there is none: the rule's own run search
 * (attendanceReturnRuns less the age test, which the screen has made), reading only the days around this
 * month of this pupil's marks.
 */
export function returnRunDays(screen: PupilScreen, p: number): number {
  const { ctx } = screen.query;
  const { monthFirstDay, codes } = screen.returnRuns;
  const runs = runsEndingBetween(ctx.register, p, monthFirstDay, ctx.asOfDay, codes, ctx.policy.continuousAbsence.days);
  return runs.length === 0 ? 0 : runs[runs.length - 1].days;
}

/**
 * Consecutive school days, ending on the as-of day, on which every session has a code in `table` (the
 * deletion-ground run, as continuousRun counts it).
 */
export function runDays(screen: PupilScreen, p: number, table: Uint8Array): number {
  return daysBack(screen, p, (marks, from, to) => {
    for (let s = from; s < to; s++) if (!table[marks[s]]) return false;
    return true;
  });
}

/**
 * Consecutive school days, ending on the as-of day, of unexplained absence (an N and nothing attended),
 * as the home-visit rule counts them.
 */
export function unexplainedDays(screen: PupilScreen, p: number): number {
  return daysBack(screen, p, (marks, from, to) => {
    let n = 0;
    for (let s = from; s < to; s++) {
      if (IS_ATTENDANCE[marks[s]]) return false;
      n += N_CODE[marks[s]];
    }
    return n > 0;
  });
}

/** School days back from the as-of day while `qualifies` holds of the day's marks (`from` to `to`). */
function daysBack(
  screen: PupilScreen,
  p: number,
  qualifies: (marks: Uint8Array, from: number, to: number) => boolean,
): number {
  const { ctx, index } = screen.query;
  const { marks, calendar } = index.register;
  const { dayFirstSession } = calendar;
  const base = p * calendar.sessionCount;
  let day = ctx.asOfDay;
  while (day >= 0 && qualifies(marks, base + dayFirstSession[day], base + dayFirstSession[day + 1])) day--;
  return ctx.asOfDay - day;
}
