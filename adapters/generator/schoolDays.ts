import { type SchoolCalendar, weekdayOfDayNumber } from '../../rules/index.ts';

/**
 * Seasonal weight of illness by month (January = 0): DfE's weekly figures show illness rising from
 * about 2% of sessions in September to nearly 5% by mid-December, staying high through the winter.
 */
const ILLNESS_BY_MONTH = [1.3, 1.2, 0.95, 0.8, 0.75, 0.75, 0.8, 0.7, 0.55, 0.85, 1.05, 1.4];
/** Monday and Friday absence is higher, most of all for unauthorised absence (weekday 1-5). */
const ILLNESS_BY_WEEKDAY = [0, 1.15, 0.95, 0.92, 0.93, 1.08];
const UNAUTHORISED_BY_WEEKDAY = [0, 1.35, 0.85, 0.8, 0.85, 1.3];

/**
 * The school days of a generated calendar with what the simulation needs per day: the AM and PM
 * session index, cumulative sampling weights for illness, unauthorised and plain days, and the school
 * days that sit next to a holiday (where term-time holidays cluster).
 */
export interface SchoolDays {
  count: number;
  am: Int32Array;
  pm: Int32Array;
  weekday: Uint8Array;
  /** Cumulative weights: weight of days [0, d) is cum[d]. */
  illnessCum: Float64Array;
  unauthorisedCum: Float64Array;
  plainCum: Float64Array;
  /** Last school day before a break of a week or more, and first after it. */
  beforeBreak: number[];
  afterBreak: number[];
}

export function schoolDays(calendar: SchoolCalendar): SchoolDays {
  const n = calendar.dayCount;
  const am = new Int32Array(n).fill(-1);
  const pm = new Int32Array(n).fill(-1);
  const weekday = new Uint8Array(n);
  const illnessCum = new Float64Array(n + 1);
  const unauthorisedCum = new Float64Array(n + 1);
  const plainCum = new Float64Array(n + 1);
  const beforeBreak: number[] = [];
  const afterBreak: number[] = [];
  for (let d = 0; d < n; d++) {
    for (let s = calendar.dayFirstSession[d]; s < calendar.dayFirstSession[d + 1]; s++) {
      if (calendar.sessionHalf[s] === 0) am[d] = s;
      else pm[d] = s;
    }
    const dayNo = calendar.dayNumber[d];
    weekday[d] = weekdayOfDayNumber(dayNo);
    const month = Number(calendar.dayDate[d].slice(5, 7)) - 1;
    const gapAfter = d + 1 < n ? calendar.dayNumber[d + 1] - dayNo : Number.POSITIVE_INFINITY;
    const gapBefore = d > 0 ? dayNo - calendar.dayNumber[d - 1] : Number.POSITIVE_INFINITY;
    // The last week of a term carries more unauthorised absence (DfE weekly data: 3.3% against about 2%).
    const endOfTerm = gapAfter >= 7 || (d + 5 < n && calendar.dayNumber[d + 5] - dayNo >= 12) ? 1.6 : 1;
    if (gapAfter >= 7 && gapAfter !== Number.POSITIVE_INFINITY) beforeBreak.push(d);
    if (gapBefore >= 7 && gapBefore !== Number.POSITIVE_INFINITY) afterBreak.push(d);
    illnessCum[d + 1] = illnessCum[d] + ILLNESS_BY_MONTH[month] * ILLNESS_BY_WEEKDAY[weekday[d]];
    unauthorisedCum[d + 1] = unauthorisedCum[d] + UNAUTHORISED_BY_WEEKDAY[weekday[d]] * endOfTerm;
    plainCum[d + 1] = plainCum[d] + 1;
  }
  return { count: n, am, pm, weekday, illnessCum, unauthorisedCum, plainCum, beforeBreak, afterBreak };
}

/** A school day in [from, to] drawn in proportion to the weights behind `cum`. */
export function sampleDay(cum: Float64Array, from: number, to: number, u: number): number {
  const x = cum[from] + u * (cum[to + 1] - cum[from]);
  let lo = from;
  let hi = to;
  while (lo < hi) {
    const mid = (lo + hi + 1) >> 1;
    if (cum[mid] <= x) lo = mid;
    else hi = mid - 1;
  }
  return lo;
}
