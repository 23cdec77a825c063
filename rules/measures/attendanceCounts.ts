import { CATEGORY_INDEX, CATEGORY_OF_ID } from '../codes/codeCategories.ts';
import { REGISTER_CODES } from '../codes/registerCodes.ts';

/** Session counts for one pupil (or a cohort, summed) over a period. */
export interface AttendanceCounts {
  /** Sessions that count: attendance plus absence. */
  possible: number;
  /** Present in school: / \ L. */
  present: number;
  /** Approved educational activity off site, counted as attendance: K V P W B (and J before 2024). */
  approvedActivity: number;
  /** present + approvedActivity. */
  attended: number;
  authorised: number;
  unauthorised: number;
  /** authorised + unauthorised. */
  absence: number;
  /** Sessions left out of possible: D X Q Y1-Y7 (and Y before 2024). */
  notPossible: number;
  /** Administrative Z and #. */
  notCollected: number;
  /** Open sessions with no mark (before the pupil joined, after they left, or a gap to fill). */
  noMark: number;
  /** How many sessions carried each code, for the working shown beside every figure. */
  byCode: Record<string, number>;
}

export function emptyCounts(): AttendanceCounts {
  return {
    possible: 0,
    present: 0,
    approvedActivity: 0,
    attended: 0,
    authorised: 0,
    unauthorised: 0,
    absence: 0,
    notPossible: 0,
    notCollected: 0,
    noMark: 0,
    byCode: {},
  };
}

/** Tallies code ids into per-code counts; the rest follows from the code table. */
export function countsFromCodeTally(tally: ArrayLike<number>): AttendanceCounts {
  const counts = emptyCounts();
  const byCategory = new Array<number>(7).fill(0);
  for (let id = 0; id < tally.length; id++) {
    const n = tally[id];
    if (!n) continue;
    byCategory[CATEGORY_OF_ID[id]] += n;
    const code = REGISTER_CODES[id];
    if (code && code.category !== 'no-mark') counts.byCode[code.code] = (counts.byCode[code.code] ?? 0) + n;
  }
  counts.present = byCategory[CATEGORY_INDEX.present];
  counts.approvedActivity = byCategory[CATEGORY_INDEX['approved-activity']];
  counts.authorised = byCategory[CATEGORY_INDEX.authorised];
  counts.unauthorised = byCategory[CATEGORY_INDEX.unauthorised];
  counts.notPossible = byCategory[CATEGORY_INDEX['not-possible']];
  counts.notCollected = byCategory[CATEGORY_INDEX['not-collected']];
  counts.noMark = byCategory[CATEGORY_INDEX['no-mark']];
  counts.attended = counts.present + counts.approvedActivity;
  counts.absence = counts.authorised + counts.unauthorised;
  counts.possible = counts.attended + counts.absence;
  return counts;
}

/** Tallies the code ids in `marks[start, end)`. */
export function tallyCodes(
  marks: Uint8Array,
  start: number,
  end: number,
  into = new Uint32Array(REGISTER_CODES.length),
): Uint32Array {
  for (let i = start; i < end; i++) into[marks[i]]++;
  return into;
}

/** Adds `b` into `a` (for cohort totals). */
export function addCounts(a: AttendanceCounts, b: AttendanceCounts): AttendanceCounts {
  a.possible += b.possible;
  a.present += b.present;
  a.approvedActivity += b.approvedActivity;
  a.attended += b.attended;
  a.authorised += b.authorised;
  a.unauthorised += b.unauthorised;
  a.absence += b.absence;
  a.notPossible += b.notPossible;
  a.notCollected += b.notCollected;
  a.noMark += b.noMark;
  for (const [code, n] of Object.entries(b.byCode)) a.byCode[code] = (a.byCode[code] ?? 0) + n;
  return a;
}
