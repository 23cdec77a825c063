import { IS_ABSENCE, IS_POSSIBLE, codeSetTable } from '../codes/codeCategories.ts';
import { compulsorySchoolAgeEnd, compulsorySchoolAgeStart } from '../dates/compulsorySchoolAge.ts';
import { toDayNumber } from '../dates/isoDate.ts';
import { pupilName } from '../pupils/pupil.ts';
import { type Register } from '../register/register.ts';
import { buildAbsenceMarks, type AbsenceMarks } from './absenceMarks.ts';
import { buildBrokenWeekPrefix, buildWeekPrefixCounts } from './weekPrefixCounts.ts';

/**
 * What the engine works out once per register at load, so that as-of queries read a handful of numbers
 * per pupil instead of a year of marks.
 */
export interface RegisterIndex {
  register: Register;
  /** weekCount + 1: entries per pupil in every week-prefix array. */
  stride: number;
  /** First session of each school week; one extra entry equals sessionCount. */
  weekFirstSession: Int32Array;
  /** School week of each session; one extra entry (for the end of the register) equals weekCount. */
  sessionWeek: Int32Array;
  /** Pupil indexes in the order evaluateFindings lists a rule's findings: by name, then by UPN. */
  nameOrder: Int32Array;
  /**
   * First and last day (day numbers) of each pupil's compulsory school age. A pupil with no date of birth
   * is treated as of compulsory school age throughout, as the rules do.
   */
  compulsoryFrom: Int32Array;
  compulsoryTo: Int32Array;
  /** Week-prefix counts of possible sessions. */
  possible: Uint16Array;
  /** Packed week-prefix counts of weeks with a possible session (low byte) and with an absence (high byte). */
  brokenWeeks: Uint16Array | null;
  /**
   * Every absence mark, per pupil: counts of absence and of its codes (G/N/O/U, I, N) over any range are
   * read from these few entries, so they need no prefix arrays of their own.
   */
  absenceMarks: AbsenceMarks;
  /**
   * Week-prefix counts of sessions with a code in a set that is not all absence codes (lateness: L, U),
   * by the set's key; filled at load for the shipped profiles' sets and on first use for any other.
   */
  codeSetCounts: Map<string, Uint16Array>;
}

/** Key of a code set, as `codeSetTable` keys it. */
export function codeSetKey(codes: readonly string[]): string {
  return codes.join(' ');
}

// Far enough outside any as-of date that a comparison always passes.
const ALWAYS_FROM = -1e9;
const ALWAYS_TO = 1e9;

/** Builds the index of one register, with week-prefix counts for each code set in `codeSets`. */
export function indexRegister(register: Register, codeSets: readonly (readonly string[])[]): RegisterIndex {
  const { calendar, pupils } = register;
  const weekFirstSession = new Int32Array(calendar.weekCount + 1);
  for (let w = 0; w <= calendar.weekCount; w++)
    weekFirstSession[w] = calendar.dayFirstSession[calendar.weekFirstDay[w]];
  const sessionWeek = new Int32Array(calendar.sessionCount + 1);
  for (let s = 0; s < calendar.sessionCount; s++) sessionWeek[s] = calendar.dayWeek[calendar.sessionDay[s]];
  sessionWeek[calendar.sessionCount] = calendar.weekCount;

  const names = pupils.map(pupilName);
  const order = Array.from(pupils.keys());
  // The same comparison evaluateFindings sorts with, done once here instead of on every query.
  order.sort((a, b) => names[a].localeCompare(names[b]) || (pupils[a].upn < pupils[b].upn ? -1 : 1));

  const compulsoryFrom = new Int32Array(pupils.length);
  const compulsoryTo = new Int32Array(pupils.length);
  pupils.forEach((pupil, p) => {
    const dob = pupil.dateOfBirth;
    compulsoryFrom[p] = dob ? toDayNumber(compulsorySchoolAgeStart(dob)) : ALWAYS_FROM;
    compulsoryTo[p] = dob ? toDayNumber(compulsorySchoolAgeEnd(dob)) : ALWAYS_TO;
  });

  const index: RegisterIndex = {
    register,
    stride: calendar.weekCount + 1,
    weekFirstSession,
    sessionWeek,
    nameOrder: Int32Array.from(order),
    compulsoryFrom,
    compulsoryTo,
    possible: buildWeekPrefixCounts(register, weekFirstSession, IS_POSSIBLE),
    brokenWeeks: buildBrokenWeekPrefix(register, weekFirstSession, IS_POSSIBLE, IS_ABSENCE),
    absenceMarks: buildAbsenceMarks(register),
    codeSetCounts: new Map(),
  };
  for (const codes of codeSets) codeSetCounts(index, codes);
  return index;
}

/** Week-prefix counts for a code set, built on first use. */
export function codeSetCounts(index: RegisterIndex, codes: readonly string[]): Uint16Array {
  const key = codeSetKey(codes);
  let counts = index.codeSetCounts.get(key);
  if (!counts) {
    counts = buildWeekPrefixCounts(index.register, index.weekFirstSession, codeSetTable(codes));
    index.codeSetCounts.set(key, counts);
  }
  return counts;
}

/** True when every code in the set is an absence code, so the absence marks can count it. */
export function allAbsenceCodes(codes: readonly string[]): boolean {
  const table = codeSetTable(codes);
  for (let id = 0; id < 256; id++) if (table[id] && !IS_ABSENCE[id]) return false;
  return true;
}
