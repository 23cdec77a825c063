import { REGISTER_CODES } from '../../rules/index.ts';

/*
 * The cells of marks.csv read from their bytes, without making a string a cell: millions of rows pass
 * through here, so a code is looked up by its one or two bytes and an ISO date is turned into a day number
 * by arithmetic. Anything else falls back to the slower readers in markRowReader.
 */

/** Code ids by their one or two bytes, upper or lower case; -1 where no code is written that way. */
export const CODE_BY_BYTES = (() => {
  const table = new Int16Array(65536).fill(-1);
  for (const c of REGISTER_CODES) {
    for (const text of new Set([c.code, c.code.toLowerCase()])) {
      const key =
        text.length === 1
          ? text.charCodeAt(0)
          : text.length === 2
            ? (text.charCodeAt(0) << 8) | text.charCodeAt(1)
            : -1;
      // A one-byte key and a two-byte key never collide: two-byte keys are at least 256.
      if (key >= 0 && key < 65536 && table[key] < 0) table[key] = c.id;
    }
  }
  return table;
})();

const DAYS_IN_MONTH = [0, 31, 29, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31];

/** What isoDayNumber returns for a cell that is not an exact ISO date; real dates before 1970 are negative. */
export const NOT_A_DATE = Number.MIN_SAFE_INTEGER;

/** Day number of an exact `YYYY-MM-DD` cell, or NOT_A_DATE when the cell is anything else (checked the slow way). */
export function isoDayNumber(b: Buffer, s: number, e: number): number {
  if (e - s !== 10 || b[s + 4] !== 45 || b[s + 7] !== 45) return NOT_A_DATE;
  let year = 0;
  for (let i = s; i < s + 4; i++) {
    const d = b[i] - 48;
    if (d < 0 || d > 9) return NOT_A_DATE;
    year = year * 10 + d;
  }
  const m1 = b[s + 5] - 48;
  const m2 = b[s + 6] - 48;
  const d1 = b[s + 8] - 48;
  const d2 = b[s + 9] - 48;
  if (m1 < 0 || m1 > 9 || m2 < 0 || m2 > 9 || d1 < 0 || d1 > 9 || d2 < 0 || d2 > 9) return NOT_A_DATE;
  const month = m1 * 10 + m2;
  const day = d1 * 10 + d2;
  if (month < 1 || month > 12 || day < 1 || day > DAYS_IN_MONTH[month]) return NOT_A_DATE;
  if (month === 2 && day === 29 && !(year % 4 === 0 && (year % 100 !== 0 || year % 400 === 0))) return NOT_A_DATE;
  return daysSinceEpoch(year, month, day);
}

/** Days since 1970-01-01 of a valid date, by integer arithmetic (a year counted from March, so leap days fall last). */
function daysSinceEpoch(year: number, month: number, day: number): number {
  const y = month <= 2 ? year - 1 : year;
  const era = Math.floor(y / 400);
  const yearOfEra = y - era * 400;
  const dayOfYear = Math.floor((153 * (month + (month > 2 ? -3 : 9)) + 2) / 5) + day - 1;
  const dayOfEra = yearOfEra * 365 + Math.floor(yearOfEra / 4) - Math.floor(yearOfEra / 100) + dayOfYear;
  return era * 146_097 + dayOfEra - 719_468;
}

/** True when bytes [s, e) of `b` equal `known`. */
export function sameBytes(b: Buffer, s: number, e: number, known: Buffer): boolean {
  if (e - s !== known.length) return false;
  for (let i = 0; i < known.length; i++) if (b[s + i] !== known[i]) return false;
  return true;
}
