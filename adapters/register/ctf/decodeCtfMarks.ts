import { addDays, isWeekend, type SchoolCalendar } from '../../../rules/index.ts';

/** How an exporter laid out the mark string: a pair for every calendar day, or for weekdays only. */
export type CtfMarkLayout = 'every day' | 'weekdays';

export interface CtfDay {
  date: string;
  am: string;
  pm: string;
}

export type CtfMarkDecode = { ok: true; layout: CtfMarkLayout; days: CtfDay[] } | { ok: false; problem: string };

function datesFor(layout: CtfMarkLayout, start: string, count: number): string[] {
  const dates: string[] = [];
  for (let d = start; dates.length < count; d = addDays(d, 1))
    if (layout === 'every day' || !isWeekend(d)) dates.push(d);
  return dates;
}

/** Last day the calendar covers: the end of its last term, or its last open day when it has no terms. */
export function calendarLastDay(calendar: SchoolCalendar): string | undefined {
  const termEnd = calendar.terms.reduce<string | undefined>(
    (last, t) => (last === undefined || t.end > last ? t.end : last),
    undefined,
  );
  return termEnd ?? calendar.dayDate[calendar.dayCount - 1];
}

/** Positions where the string and the calendar disagree about whether the school was open. */
function disagreements(
  layout: CtfMarkLayout,
  dates: readonly string[],
  marks: string,
  calendar?: SchoolCalendar,
): number {
  const last = calendar && calendarLastDay(calendar);
  let count = 0;
  dates.forEach((date, k) => {
    const closedPair = marks.slice(2 * k, 2 * k + 2) === '##';
    if (layout === 'every day' && isWeekend(date) && !closedPair) count++;
    if (calendar && last && date >= calendar.dayDate[0] && date <= last && closedPair === calendar.dayIndex.has(date))
      count++;
  });
  return count;
}

/**
 * Decodes a CTF `AttendanceMarks` string: two characters a day (AM then PM) from `AttendanceStartDate`,
 * `##` for a day the school was closed. Exporters differ on whether weekends are in the string, so both
 * readings are tried and the one that agrees with the calendar (or, without one, puts `##` on every
 * weekend) is taken. A string that runs past the calendar's last day is refused, never shifted to fit.
 */
export function decodeCtfMarks(start: string, marks: string, calendar?: SchoolCalendar): CtfMarkDecode {
  if (marks.length % 2 !== 0)
    return { ok: false, problem: `has ${marks.length} characters; two a day (AM then PM) makes an even number` };
  const count = marks.length / 2;
  const candidates = (['every day', 'weekdays'] as const).map((layout) => {
    const dates = datesFor(layout, start, count);
    return { layout, dates, misfit: disagreements(layout, dates, marks, calendar) };
  });
  const best = candidates[1].misfit < candidates[0].misfit ? candidates[1] : candidates[0];
  const last = calendar && calendarLastDay(calendar);
  if (last && count > 0 && best.dates[count - 1] > last) {
    const fits = best.dates.filter((d) => d <= last).length;
    return {
      ok: false,
      problem: `runs past the calendar: from ${start}, two characters a day (${best.layout}), the calendar's last day ${last} needs at most ${fits * 2} characters but the string has ${marks.length} (to ${best.dates[count - 1]}); its marks were not loaded rather than shifted to fit`,
    };
  }
  return {
    ok: true,
    layout: best.layout,
    days: best.dates.map((date, k) => ({ date, am: marks[2 * k], pm: marks[2 * k + 1] })),
  };
}
