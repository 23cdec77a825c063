import { halfName } from '../calendar/schoolCalendar.ts';
import { REGISTER_CODES } from '../codes/registerCodes.ts';
import { type Register } from '../register/register.ts';
import { type SessionMark } from './finding.ts';

/** The marks of pupil `p` in sessions [start, end) whose code id is set in `table`, as evidence rows. */
export function markedSessions(
  register: Register,
  p: number,
  start: number,
  end: number,
  table: Uint8Array,
): SessionMark[] {
  const { calendar, marks } = register;
  const base = p * calendar.sessionCount;
  const out: SessionMark[] = [];
  for (let s = start; s < end; s++) {
    const id = marks[base + s];
    if (table[id])
      out.push({
        date: calendar.sessionDate[s],
        session: halfName(calendar.sessionHalf[s]),
        code: REGISTER_CODES[id].code,
      });
  }
  return out;
}

/** How many sessions carried each code, e.g. { G: 6, N: 4 }. */
export function codeBreakdown(sessions: readonly SessionMark[]): Record<string, number> {
  const out: Record<string, number> = {};
  for (const s of sessions) out[s.code] = (out[s.code] ?? 0) + 1;
  return out;
}

/** "6 G, 4 N" for reasons people read. */
export function describeCodes(breakdown: Record<string, number>): string {
  return Object.entries(breakdown)
    .sort((a, b) => b[1] - a[1] || (a[0] < b[0] ? -1 : 1))
    .map(([code, n]) => `${n} ${code}`)
    .join(', ');
}
