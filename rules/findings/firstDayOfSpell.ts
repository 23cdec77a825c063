import { type SchoolCalendar } from '../calendar/schoolCalendar.ts';

/**
 * The school day on which a rolling count ("`threshold` sessions within `weeks` school weeks") first
 * reached its threshold in the present unbroken spell of being at or over it, as at school day `lastDay`:
 * step back a day at a time while the window ending the day before still holds enough counted sessions.
 * Alerts use the day as the finding's episode, so one spell is raised once however long it lasts.
 *
 * `countedBeforeDay(d)` is how many counted sessions fall on school days before day `d`; the plain rule
 * answers it from per-day prefix sums, the engine from the pupil's sorted absence marks.
 *
 * @example
 * // A pupil at the threshold since Tuesday of the as-of week, still over it on Thursday:
 * firstDayOfSpell(calendar, thursday, 10, 10, countedBeforeDay) // => tuesday
 */
export function firstDayOfSpell(
  calendar: SchoolCalendar,
  lastDay: number,
  weeks: number,
  threshold: number,
  countedBeforeDay: (day: number) => number,
): number {
  let day = lastDay;
  while (day > 0) {
    const previous = day - 1;
    const firstDay = calendar.weekFirstDay[Math.max(0, calendar.dayWeek[previous] - weeks + 1)];
    if (countedBeforeDay(previous + 1) - countedBeforeDay(firstDay) < threshold) break;
    day = previous;
  }
  return day;
}
