import { formatPercent, formatShortDate, type WeeklyAttendance } from '../../rules/index.ts';
import { type ChartSeries } from './chartSeries.ts';

/** A line chart and the facts that stand in for it where charts are not drawn. */
export interface WeeklyAttendanceChartView {
  title: string;
  series: ChartSeries[];
  fallbackIntro: string;
  /** One fact per week: "8 Sep" -> "95.0% that week, 97.5% so far". */
  rows: { week: string; value: string }[];
}

/** Below 90% attendance a pupil is persistently absent (10% or more of sessions missed). */
export const PERSISTENT_ABSENCE_LINE = 90;

const round1 = (value: number) => Math.round(value * 10) / 10;

/** "8 Sep": the week's Monday without weekday or year (the card gives the period). */
function weekLabel(monday: string): string {
  return formatShortDate(monday).split(' ').slice(1, 3).join(' ');
}

/**
 * Attendance week by week as a line chart, with the running figure and the 90% line that persistent
 * absence is read against (DfE, *Working together to improve school attendance*: 10% or more of sessions
 * missed). The x values are the weeks' Mondays as dates, as Teams' chart documentation gives them: Teams
 * draws the date axis itself in the reader's locale. Weeks with no possible session are left out of the
 * lines, not drawn as zero.
 */
export function weeklyAttendanceChart(weeks: readonly WeeklyAttendance[], who: string): WeeklyAttendanceChartView {
  const counted = weeks.filter((w) => w.weekPercent !== null);
  return {
    title: `${who}: attendance week by week`,
    series: [
      {
        legend: 'That week',
        color: 'categoricalBlue',
        points: counted.map((w) => ({ x: w.weekOf, y: round1(w.weekPercent!) })),
      },
      {
        legend: 'Year so far',
        color: 'categoricalPurple',
        points: counted.map((w) => ({ x: w.weekOf, y: round1(w.percentToDate!) })),
      },
      {
        legend: `${PERSISTENT_ABSENCE_LINE}% (below it: persistent absence)`,
        color: 'attention',
        points: counted.map((w) => ({ x: w.weekOf, y: PERSISTENT_ABSENCE_LINE })),
      },
    ],
    fallbackIntro: `Attendance each week, then the year so far; below ${PERSISTENT_ABSENCE_LINE}% is persistent absence.`,
    rows: counted.map((w) => ({
      week: weekLabel(w.weekOf),
      value: `${formatPercent(w.weekPercent)}, so far ${formatPercent(w.percentToDate)}`,
    })),
  };
}
