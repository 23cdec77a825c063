import { fromDayNumber, toDayNumber } from '../../rules/index.ts';
import { type SessionName } from './sourceRows.ts';

/**
 * A session as one integer (day number × 2, +1 for PM), so sessions sort by date then AM before PM. Pass
 * a map to reuse day numbers across calls (an import checks each date thousands of times).
 */
export function sessionKey(date: string, session: SessionName, dayNumbers?: Map<string, number>): number {
  let day = dayNumbers?.get(date);
  if (day === undefined) {
    day = toDayNumber(date);
    dayNumbers?.set(date, day);
  }
  return day * 2 + (session === 'PM' ? 1 : 0);
}

/**
 * The date and session of a key. Pass a map to reuse across calls: a bundle has a few hundred days and
 * hundreds of thousands of marks, so formatting each day once matters.
 */
export function sessionOfKey(key: number, dayText?: Map<number, string>): { date: string; session: SessionName } {
  const day = Math.floor(key / 2);
  let date = dayText?.get(day);
  if (date === undefined) {
    date = fromDayNumber(day);
    dayText?.set(day, date);
  }
  return { date, session: key % 2 === 1 ? 'PM' : 'AM' };
}

/** Each pupil's marks by session key: the register being built, keyed by UPN. */
export type PupilMarks = Map<string, Map<number, number>>;
