import { type IsoDate } from './isoDate.ts';

/**
 * Compulsory school age in England (Education Act 1996 s8 and the Education (Start of Compulsory School
 * Age) Order 1998). It starts on the first "prescribed day" (31 December, 31 March or 31 August) on or
 * after the child's fifth birthday, and ends on the last Friday in June of the school year in which the
 * child turns 16. Penalty notices, sickness returns and attendance returns apply only within it.
 */
export function compulsorySchoolAgeStart(dateOfBirth: IsoDate): IsoDate {
  const fifth = `${Number(dateOfBirth.slice(0, 4)) + 5}${dateOfBirth.slice(4)}`.replace(/-02-29$/, '-03-01');
  const year = Number(fifth.slice(0, 4));
  const prescribed = [`${year}-03-31`, `${year}-08-31`, `${year}-12-31`];
  return prescribed.find((d) => d >= fifth) ?? `${year + 1}-03-31`;
}

/** The last day of compulsory school age: the last Friday in June of the school year the child turns 16. */
export function compulsorySchoolAgeEnd(dateOfBirth: IsoDate): IsoDate {
  const birthYear = Number(dateOfBirth.slice(0, 4));
  const birthMonth = Number(dateOfBirth.slice(5, 7));
  // Turning 16 between 1 September and 31 August: the summer that ends that school year.
  const year = birthMonth >= 9 ? birthYear + 17 : birthYear + 16;
  const june30 = new Date(Date.UTC(year, 5, 30));
  const back = (june30.getUTCDay() - 5 + 7) % 7;
  return new Date(Date.UTC(year, 5, 30 - back)).toISOString().slice(0, 10);
}

/** True when the child is of compulsory school age on `date`. */
export function isCompulsorySchoolAge(dateOfBirth: IsoDate, date: IsoDate): boolean {
  return date >= compulsorySchoolAgeStart(dateOfBirth) && date <= compulsorySchoolAgeEnd(dateOfBirth);
}
