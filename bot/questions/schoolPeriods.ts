import { academicYearOf, addDays, easterSunday, type IsoDate, isoWeekday, type Term } from '../../rules/index.ts';

/** A stretch of the school year a question can name: a half-term or a whole term. */
export interface SchoolPeriod {
  start: IsoDate;
  end: IsoDate;
  /** Set when a boundary is guessed (no term dates, or terms that do not show the half-term break). */
  approximate?: 'no term dates' | 'no half-term break in the term dates';
}

type Season = 'autumn' | 'spring' | 'summer';

/** The Monday on or after `date`. */
function mondayOnOrAfter(date: IsoDate): IsoDate {
  return addDays(date, (8 - isoWeekday(date)) % 7);
}

/**
 * Where half-terms usually begin in England in the school year starting September `startYear`, used only
 * when the school's term dates are not loaded or do not show a break:
 * - Autumn 1 from 1 September;
 * - Autumn 2 from the Monday on or after 29 October (the October break is the last week of October);
 * - Spring 1 from 1 January;
 * - Spring 2 from the Monday on or after 19 February (the February break is the week before);
 * - Summer 1 from Easter Monday (the Easter break moves with Easter);
 * - Summer 2 from the Monday after the late-May bank holiday (that week is the break).
 * Starting a period on a holiday is harmless: counts only ever cover school days.
 */
export function approximateHalfTermStarts(startYear: number): IsoDate[] {
  const next = startYear + 1;
  const lastMondayOfMay = addDays(`${next}-05-31`, -((isoWeekday(`${next}-05-31`) + 6) % 7));
  return [
    `${startYear}-09-01`,
    mondayOnOrAfter(`${startYear}-10-29`),
    `${next}-01-01`,
    mondayOnOrAfter(`${next}-02-19`),
    addDays(easterSunday(next), 1),
    addDays(lastMondayOfMay, 7),
  ];
}

/** Half-terms of the given years from the approximate starts, each ending the day before the next. */
function approximateHalfTerms(startYears: readonly number[]): SchoolPeriod[] {
  const starts = startYears.flatMap(approximateHalfTermStarts);
  return starts.map((start, i) => ({
    start,
    end: i + 1 < starts.length ? addDays(starts[i + 1], -1) : `${Number(start.slice(0, 4))}-08-31`,
    approximate: 'no term dates' as const,
  }));
}

/** A term longer than ten weeks is a whole term whose half-term break the dates do not show. */
const LONGEST_HALF_TERM_DAYS = 70;

function daysBetween(a: IsoDate, b: IsoDate): number {
  return (Date.parse(`${b}T00:00:00Z`) - Date.parse(`${a}T00:00:00Z`)) / 86_400_000;
}

/**
 * Half-terms from the school's terms. A half-term is a stretch between holidays, so each listed term is one
 * when schools list half-terms (the usual form, and what calendars derived from registers give). A term
 * too long to be a half-term is split at the approximate break, and says so.
 */
function halfTermsFromTerms(terms: readonly Term[]): SchoolPeriod[] {
  const sorted = [...terms].sort((a, b) => (a.start < b.start ? -1 : a.start > b.start ? 1 : 0));
  const periods: SchoolPeriod[] = [];
  for (const term of sorted) {
    if (daysBetween(term.start, term.end) <= LONGEST_HALF_TERM_DAYS) {
      periods.push({ start: term.start, end: term.end });
      continue;
    }
    const year = academicYearOf(term.start);
    const breaks = approximateHalfTermStarts(year).filter((d) => d > term.start && d <= term.end);
    let start = term.start;
    for (const restart of breaks) {
      periods.push({ start, end: addDays(restart, -1), approximate: 'no half-term break in the term dates' });
      start = restart;
    }
    periods.push(
      breaks.length > 0
        ? { start, end: term.end, approximate: 'no half-term break in the term dates' }
        : { start, end: term.end },
    );
  }
  return periods;
}

/** The season of a term by its name when it has one ("Spring 2"), else by the month it starts. */
function seasonOf(period: SchoolPeriod, name?: string): Season {
  const named = /autumn|spring|summer/i.exec(name ?? '');
  if (named) return named[0].toLowerCase() as Season;
  const month = Number(period.start.slice(5, 7));
  if (month >= 8) return 'autumn';
  return month <= 3 ? 'spring' : 'summer';
}

/** The half-terms of the school's terms, or approximate ones for this school year and the last. */
export function halfTerms(today: IsoDate, terms: readonly Term[] | undefined): SchoolPeriod[] {
  if (terms && terms.length > 0) return halfTermsFromTerms(terms);
  const year = academicYearOf(today);
  return approximateHalfTerms([year - 1, year]);
}

/** Index of the period holding `today`, or the last one begun before it (in a holiday). */
function currentIndex(periods: readonly SchoolPeriod[], today: IsoDate): number {
  let found = -1;
  for (let i = 0; i < periods.length; i++) if (periods[i].start <= today) found = i;
  return found;
}

/**
 * The half-term holding `today` (`back` = 0) or one before it (`back` = 1). Undefined when the terms do
 * not reach back that far.
 */
export function halfTermAt(today: IsoDate, terms: readonly Term[] | undefined, back = 0): SchoolPeriod | undefined {
  const periods = halfTerms(today, terms);
  const index = currentIndex(periods, today) - back;
  return index >= 0 ? periods[index] : undefined;
}

/**
 * The term (autumn, spring, summer) holding `today` (`back` = 0) or one before it: consecutive half-terms
 * of the same season and school year joined together.
 */
export function termAt(today: IsoDate, terms: readonly Term[] | undefined, back = 0): SchoolPeriod | undefined {
  const given = terms && terms.length > 0;
  const periods = halfTerms(today, terms);
  const nameOf = (p: SchoolPeriod): string | undefined =>
    terms?.find((t) => t.start <= p.start && p.start <= t.end)?.name;
  // A term starts where its first half-term starts, which the term dates give even when a break inside
  // the term was guessed: only without term dates is a whole term approximate.
  const joined: SchoolPeriod[] = [];
  let key = '';
  for (const period of periods) {
    const periodKey = `${academicYearOf(period.start)} ${seasonOf(period, nameOf(period))}`;
    const last = joined[joined.length - 1];
    if (last && periodKey === key) last.end = period.end;
    else
      joined.push(
        given
          ? { start: period.start, end: period.end }
          : { start: period.start, end: period.end, approximate: 'no term dates' },
      );
    key = periodKey;
  }
  const index = currentIndex(joined, today) - back;
  return index >= 0 ? joined[index] : undefined;
}
