import { addDays, type Closure, easterSunday, type IsoDate, isoWeekday, type Term } from '../../rules/index.ts';
import { type SeededRandom } from './seededRandom.ts';

export interface GeneratedTermDates {
  terms: Term[];
  /** The school's five INSET (training) days; bank holidays are closed by the calendar builder itself. */
  closures: Closure[];
}

function nextWeekdayOnOrAfter(date: IsoDate, weekday: number): IsoDate {
  return addDays(date, (weekday - isoWeekday(date) + 7) % 7);
}

function previousWeekdayOnOrBefore(date: IsoDate, weekday: number): IsoDate {
  return addDays(date, -((isoWeekday(date) - weekday + 7) % 7));
}

/** The first weekday on or after `date`. */
function weekdayOnOrAfter(date: IsoDate): IsoDate {
  return isoWeekday(date) >= 6 ? nextWeekdayOnOrAfter(date, 1) : date;
}

/** The last weekday on or before `date`. */
function weekdayOnOrBefore(date: IsoDate): IsoDate {
  return isoWeekday(date) >= 6 ? previousWeekdayOnOrBefore(date, 5) : date;
}

/**
 * Term dates shaped the way English local authorities set them: six half-terms; October half-term in
 * the last full week of October; two weeks at Christmas; February half-term in the third week of
 * February; two weeks at Easter from the Monday of Holy Week; Whitsun half-term in the week of the
 * spring bank holiday; the summer term ending around 22 July. Each school then picks its five INSET
 * days (here the first two days of September and three of a few usual choices), which is why schools in
 * one authority share term dates but not every open day.
 */
export function generatedTermDates(startYear: number, rng: SeededRandom): GeneratedTermDates {
  const next = startYear + 1;
  const autumnStart = weekdayOnOrAfter(`${startYear}-09-01`);
  const octoberHalfTerm = previousWeekdayOnOrBefore(`${startYear}-10-31`, 1);
  const autumnEnd = previousWeekdayOnOrBefore(`${startYear}-12-20`, 5);
  const springStart = nextWeekdayOnOrAfter(`${next}-01-04`, 1);
  const februaryHalfTerm = addDays(nextWeekdayOnOrAfter(`${next}-02-01`, 1), 14);
  const holyWeekMonday = addDays(easterSunday(next), -6);
  const springBank = previousWeekdayOnOrBefore(`${next}-05-31`, 1);
  const summerEnd = weekdayOnOrBefore(`${next}-07-22`);

  const terms: Term[] = [
    { name: 'Autumn 1', start: autumnStart, end: addDays(octoberHalfTerm, -3) },
    { name: 'Autumn 2', start: addDays(octoberHalfTerm, 7), end: autumnEnd },
    { name: 'Spring 1', start: springStart, end: addDays(februaryHalfTerm, -3) },
    { name: 'Spring 2', start: addDays(februaryHalfTerm, 7), end: addDays(holyWeekMonday, -3) },
    { name: 'Summer 1', start: addDays(holyWeekMonday, 14), end: addDays(springBank, -3) },
    { name: 'Summer 2', start: addDays(springBank, 7), end: summerEnd },
  ];

  const inset = new Set<IsoDate>([autumnStart, weekdayOnOrAfter(addDays(autumnStart, 1))]);
  const choices: IsoDate[] = [
    terms[1].start,
    terms[2].start,
    terms[3].start,
    terms[4].start,
    terms[5].start,
    summerEnd,
    weekdayOnOrBefore(addDays(summerEnd, -1)),
  ];
  while (inset.size < 5) inset.add(rng.pick(choices));
  const closures = [...inset].sort().map((date) => ({ date, reason: 'INSET day' }));
  return { terms, closures };
}
