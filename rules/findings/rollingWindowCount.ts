import { schoolWeekWindow, type SchoolWeekWindow } from '../calendar/schoolWeekWindow.ts';
import { type Register } from '../register/register.ts';
import { type SessionMark } from './finding.ts';
import { firstDayOfSpell } from './firstDayOfSpell.ts';
import { markedSessions } from './sessionEvidence.ts';

export interface RollingWindowResult {
  window: SchoolWeekWindow;
  count: number;
  sessions: SessionMark[];
  /** The school day on which the count first reached the threshold in the present unbroken spell. */
  metOnDay: number;
}

/** Count of sessions coded in `table` in the rolling window ending on school day `lastDay`. */
function countInWindow(register: Register, p: number, window: SchoolWeekWindow, table: Uint8Array): number {
  const base = p * register.calendar.sessionCount;
  let n = 0;
  for (let s = window.startSession; s < window.endSession; s++) n += table[register.marks[base + s]];
  return n;
}

/**
 * "`threshold` sessions with these codes within `weeks` school weeks", as at school day `lastDay`.
 * Returns null below the threshold. When met, also works out the day it was first met in the present
 * spell of being over it, which alerts use so the same spell is raised once.
 */
export function rollingWindowCount(
  register: Register,
  p: number,
  lastDay: number,
  weeks: number,
  threshold: number,
  table: Uint8Array,
): RollingWindowResult | null {
  if (lastDay < 0) return null;
  const window = schoolWeekWindow(register.calendar, lastDay, weeks);
  const count = countInWindow(register, p, window, table);
  if (count < threshold) return null;
  return {
    window,
    count,
    sessions: markedSessions(register, p, window.startSession, window.endSession, table),
    metOnDay: spellStart(register, p, lastDay, weeks, threshold, table),
  };
}

/** The day the count first reached the threshold in the present spell, from per-day prefix sums. */
function spellStart(
  register: Register,
  p: number,
  lastDay: number,
  weeks: number,
  threshold: number,
  table: Uint8Array,
): number {
  const { calendar, marks } = register;
  const base = p * calendar.sessionCount;
  // Prefix sums of qualifying sessions by school day, so each earlier day's window is O(1).
  const prefix = new Int32Array(lastDay + 2);
  for (let d = 0; d <= lastDay; d++) {
    let n = 0;
    for (let s = calendar.dayFirstSession[d]; s < calendar.dayFirstSession[d + 1]; s++) n += table[marks[base + s]];
    prefix[d + 1] = prefix[d] + n;
  }
  return firstDayOfSpell(calendar, lastDay, weeks, threshold, (day) => prefix[day]);
}
