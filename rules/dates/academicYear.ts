import { type IsoDate } from './isoDate.ts';

/**
 * The school year in England runs from 1 September to 31 August (the 2024 Regs' "school year" for returns
 * and the DfE's academic year for statistics). Identified by the calendar year it starts in.
 */
export function academicYearOf(date: IsoDate): number {
  const year = Number(date.slice(0, 4));
  const month = Number(date.slice(5, 7));
  return month >= 9 ? year : year - 1;
}

/** First and last date of the academic year starting in September of `startYear`. */
export function academicYearBounds(startYear: number): { start: IsoDate; end: IsoDate } {
  return { start: `${startYear}-09-01`, end: `${startYear + 1}-08-31` };
}

/** "2024/25" for the year starting September 2024. */
export function academicYearLabel(startYear: number): string {
  return `${startYear}/${String((startYear + 1) % 100).padStart(2, '0')}`;
}

/** Parses "2024/25", "2024-25", "2024/2025" or "2024" to the start year; undefined when it is none of those. */
export function parseAcademicYear(text: string): number | undefined {
  const match = /^(\d{4})(?:[/-](\d{2}|\d{4}))?$/.exec(text.trim());
  if (!match) return undefined;
  const start = Number(match[1]);
  if (match[2] !== undefined) {
    const end = Number(match[2]);
    const expected = match[2].length === 2 ? (start + 1) % 100 : start + 1;
    if (end !== expected) return undefined;
  }
  return start;
}
