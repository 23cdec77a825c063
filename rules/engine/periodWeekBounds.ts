/**
 * How the broken-weeks count splits a measures period, sessions [ps, pe): the whole weeks
 * [wholeFrom, wholeTo), counted from the week prefix, and a partial week at the start [headStart, headEnd)
 * and at the end [endStart, endEnd), read from the marks (empty where start equals end). A period inside
 * one week is a single partial week at the start.
 */
export interface PeriodWeekBounds {
  wholeFrom: number;
  wholeTo: number;
  headStart: number;
  headEnd: number;
  endStart: number;
  endEnd: number;
}

/**
 * The split of sessions [ps, pe) into whole and partial weeks, given each session's week and each week's
 * first session (with one entry past the last week).
 *
 * @example
 * // Weeks of 10 sessions; a period from session 3 to session 25:
 * periodWeekBounds(3, 25, sessionWeek, [0, 10, 20, 30])
 * // => { wholeFrom: 1, wholeTo: 2, headStart: 3, headEnd: 10, endStart: 20, endEnd: 25 }
 */
export function periodWeekBounds(
  ps: number,
  pe: number,
  sessionWeek: ArrayLike<number>,
  weekFirstSession: ArrayLike<number>,
): PeriodWeekBounds {
  const bounds = { wholeFrom: 0, wholeTo: 0, headStart: 0, headEnd: 0, endStart: 0, endEnd: 0 };
  if (pe <= ps) return bounds;
  const firstWeek = sessionWeek[ps];
  const lastWeek = sessionWeek[pe - 1];
  bounds.wholeFrom = firstWeek;
  bounds.wholeTo = lastWeek + 1;
  if (ps !== weekFirstSession[firstWeek]) {
    bounds.wholeFrom = firstWeek + 1;
    bounds.headStart = ps;
    bounds.headEnd = Math.min(pe, weekFirstSession[firstWeek + 1]);
  }
  const headInLastWeek = lastWeek === firstWeek && bounds.headEnd > bounds.headStart;
  if (pe !== weekFirstSession[lastWeek + 1] && !headInLastWeek) {
    bounds.wholeTo = lastWeek;
    bounds.endStart = weekFirstSession[lastWeek];
    bounds.endEnd = pe;
  }
  if (bounds.wholeTo < bounds.wholeFrom) bounds.wholeTo = bounds.wholeFrom;
  return bounds;
}
