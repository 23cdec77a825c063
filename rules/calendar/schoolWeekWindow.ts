import { type SchoolCalendar } from './schoolCalendar.ts';

export interface SchoolWeekWindow {
  firstWeek: number;
  lastWeek: number;
  /** School weeks in the window; fewer than asked when the register starts later. */
  weeks: number;
  /** True when the register reaches back the full number of school weeks. */
  complete: boolean;
  startSession: number;
  /** Exclusive: the end of `lastDay`, so sessions after the as-of day in the same week are left out. */
  endSession: number;
  firstDay: number;
  lastDay: number;
}

/**
 * The `weeks` school weeks ending with the week that holds school day `lastDay`, cut off at the end of
 * that day. School weeks are weeks with at least one open session, so a half-term or the summer holiday
 * adds nothing to the window and the window reaches across it into the previous term or year.
 */
export function schoolWeekWindow(calendar: SchoolCalendar, lastDay: number, weeks: number): SchoolWeekWindow {
  const lastWeek = calendar.dayWeek[lastDay];
  const firstWeek = Math.max(0, lastWeek - weeks + 1);
  const firstDay = calendar.weekFirstDay[firstWeek];
  return {
    firstWeek,
    lastWeek,
    weeks: lastWeek - firstWeek + 1,
    complete: lastWeek - weeks + 1 >= 0,
    startSession: calendar.dayFirstSession[firstDay],
    endSession: calendar.dayFirstSession[lastDay + 1],
    firstDay,
    lastDay,
  };
}
