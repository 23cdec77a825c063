import { formatPercent, formatShortDate, type WeeklyAttendance } from '../../rules/index.ts';
import { type ChartSeries } from './chartSeries.ts';
import { PERSISTENT_ABSENCE_LINE } from './weeklyAttendanceChart.ts';

/** A group's weekly attendance beside the whole school's, as a line chart and the facts standing in for it. */
export interface CohortTrendView {
  /** False when there are fewer than two weeks to draw, or nobody in the group. */
  show: boolean;
  title: string;
  series: ChartSeries[];
  fallbackIntro: string;
  rows: { week: string; value: string }[];
}

const round1 = (value: number) => Math.round(value * 10) / 10;

/**
 * The trend of a meeting's cohort (the pupils on its agenda) week by week, with the whole school and the
 * 90% line for comparison. Both series are week-by-week attendance, not running totals, so a change since
 * the last meeting shows as a change in the line. x values are the weeks' Mondays as dates (Teams draws the
 * axis in the reader's locale).
 */
export function cohortTrendChart(
  title: string,
  group: { legend: string; weeks: readonly WeeklyAttendance[] },
  school: readonly WeeklyAttendance[],
): CohortTrendView {
  const schoolByWeek = new Map(school.map((w) => [w.weekOf, w]));
  const weeks = group.weeks.filter((w) => w.weekPercent !== null && schoolByWeek.get(w.weekOf)?.weekPercent != null);
  const schoolPercent = (weekOf: string) => schoolByWeek.get(weekOf)!.weekPercent!;
  return {
    show: weeks.length >= 2,
    title,
    series: [
      {
        legend: group.legend,
        color: 'categoricalBlue',
        points: weeks.map((w) => ({ x: w.weekOf, y: round1(w.weekPercent!) })),
      },
      {
        legend: 'Whole school',
        color: 'neutral',
        points: weeks.map((w) => ({ x: w.weekOf, y: round1(schoolPercent(w.weekOf)) })),
      },
      {
        legend: `${PERSISTENT_ABSENCE_LINE}%`,
        color: 'attention',
        points: weeks.map((w) => ({ x: w.weekOf, y: PERSISTENT_ABSENCE_LINE })),
      },
    ],
    fallbackIntro: `Attendance each week: ${group.legend.toLowerCase()}, then the whole school.`,
    rows: weeks.map((w) => ({
      week: formatShortDate(w.weekOf).split(' ').slice(1, 3).join(' '),
      value: `${formatPercent(w.weekPercent)}; school ${formatPercent(schoolPercent(w.weekOf))}`,
    })),
  };
}
