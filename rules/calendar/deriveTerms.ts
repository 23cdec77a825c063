import { addDays, toDayNumber } from '../dates/isoDate.ts';
import { type SchoolCalendar, type Term } from './schoolCalendar.ts';

function halfTermName(start: string): string {
  const month = Number(start.slice(5, 7));
  const year = start.slice(0, 4);
  if (month >= 8 && month <= 9) return `Autumn 1 ${year}`;
  if (month >= 10) return `Autumn 2 ${year}`;
  if (month === 1) return `Spring 1 ${year}`;
  if (month <= 3) return `Spring 2 ${year}`;
  if (month <= 5) return `Summer 1 ${year}`;
  return `Summer 2 ${year}`;
}

/**
 * Half-terms guessed from a calendar with no term dates: runs of school weeks with no whole week off
 * between them. Named by the month they start in, which is right for English school years.
 */
export function deriveTerms(calendar: SchoolCalendar): Term[] {
  const terms: Term[] = [];
  let runStartWeek = 0;
  for (let w = 1; w <= calendar.weekCount; w++) {
    const contiguous =
      w < calendar.weekCount && toDayNumber(calendar.weekMonday[w]) - toDayNumber(calendar.weekMonday[w - 1]) === 7;
    if (contiguous) continue;
    const start = calendar.dayDate[calendar.weekFirstDay[runStartWeek]];
    const end = calendar.dayDate[calendar.weekFirstDay[w] - 1];
    terms.push({ name: halfTermName(start), start, end: end ?? addDays(start, 0) });
    runStartWeek = w;
  }
  return terms;
}
