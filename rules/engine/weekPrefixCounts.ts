import { type Register } from '../register/register.ts';

/**
 * Per pupil, the running count of sessions whose code is set in `table`, taken at the start of each
 * school week: entry `p * (weekCount + 1) + w` counts pupil p's sessions in weeks before w, and entry
 * `weekCount` is the pupil's total. Built once at load, so any count over whole school weeks is a
 * subtraction; only the bytes of a partial week at either end of a range are read again.
 *
 * Uint16 holds it: a register has at most two sessions a day, so 65,535 sessions is ninety years.
 */
export function buildWeekPrefixCounts(
  register: Register,
  weekFirstSession: Int32Array,
  table: Uint8Array,
): Uint16Array {
  const { calendar, marks, pupils } = register;
  const n = calendar.sessionCount;
  const weeks = calendar.weekCount;
  const stride = weeks + 1;
  const prefix = new Uint16Array(pupils.length * stride);
  for (let p = 0; p < pupils.length; p++) {
    const base = p * n;
    const out = p * stride;
    let running = 0;
    for (let w = 0; w < weeks; w++) {
      prefix[out + w] = running;
      for (let s = base + weekFirstSession[w], end = base + weekFirstSession[w + 1]; s < end; s++)
        running += table[marks[s]];
    }
    prefix[out + weeks] = running;
  }
  return prefix;
}

/**
 * Broken weeks need two counts per week (had a possible session, had an absence), kept as prefix counts
 * of weeks in one Uint16 per entry: weeks with a possible session in the low byte, weeks with an absence
 * in the high byte. A byte holds 255 school weeks (five school years); for longer registers this returns
 * null and broken weeks are counted from the marks.
 */
export function buildBrokenWeekPrefix(
  register: Register,
  weekFirstSession: Int32Array,
  isPossible: Uint8Array,
  isAbsence: Uint8Array,
): Uint16Array | null {
  const { calendar, marks, pupils } = register;
  const n = calendar.sessionCount;
  const weeks = calendar.weekCount;
  if (weeks > 255) return null;
  const stride = weeks + 1;
  const prefix = new Uint16Array(pupils.length * stride);
  for (let p = 0; p < pupils.length; p++) {
    const base = p * n;
    const out = p * stride;
    let packed = 0;
    for (let w = 0; w < weeks; w++) {
      prefix[out + w] = packed;
      let possible = 0;
      let absence = 0;
      for (let s = base + weekFirstSession[w], end = base + weekFirstSession[w + 1]; s < end; s++) {
        possible |= isPossible[marks[s]];
        absence |= isAbsence[marks[s]];
      }
      packed += possible + (absence << 8);
    }
    prefix[out + weeks] = packed;
  }
  return prefix;
}
