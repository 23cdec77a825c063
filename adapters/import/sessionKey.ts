import { fromDayNumber, toDayNumber } from '../../rules/dates/isoDate.ts';
import { type SessionName } from './sourceRows.ts';

/** A session as one integer (day number × 2, +1 for PM), so sessions sort by date then AM before PM. */
export function sessionKey(date: string, session: SessionName): number {
  return toDayNumber(date) * 2 + (session === 'PM' ? 1 : 0);
}

export function sessionOfKey(key: number): { date: string; session: SessionName } {
  return { date: fromDayNumber(Math.floor(key / 2)), session: key % 2 === 1 ? 'PM' : 'AM' };
}

/** Each pupil's marks by session key: the register being built, keyed by UPN. */
export type PupilMarks = Map<string, Map<number, number>>;
