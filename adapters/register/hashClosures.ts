import { calendarFromSessions, type SchoolCalendar } from '../../rules/index.ts';
import type { ProblemList } from './inputProblems.ts';

/*
 * A session open in calendar.json where every mark is # was in fact a planned closure: the register and
 * calendar are rebuilt without it, and the # and blank conflicts inside it are not problems.
 */

/** Conflicts inside a session that became a closure are between # and blank: nothing to report. */
export function dropProblemsIn(
  late: ProblemList,
  rejectedRaw: Map<number, string[]>,
  sessions: number[],
  calendar: SchoolCalendar,
): void {
  const closed = new Set(
    sessions.map((s) => `${calendar.sessionDate[s]} ${calendar.sessionHalf[s] === 0 ? 'AM' : 'PM'}`),
  );
  const kept = late.problems.filter((p) => {
    const match = / on (\d{4}-\d{2}-\d{2} (?:AM|PM)): /.exec(p.message);
    if (p.field === 'code' && match && closed.has(match[1])) {
      rejectedRaw.delete(p.line);
      return false;
    }
    return true;
  });
  late.total -= late.problems.length - kept.length;
  late.problems.splice(0, late.problems.length, ...kept);
}

/** The calendar and register less the given sessions, which become closures. */
export function withoutSessions(
  calendar: SchoolCalendar,
  marks: Uint8Array,
  pupils: number,
  drop: number[],
  notes: string[],
) {
  const dropped = new Set(drop);
  const open: { date: string; session: 'AM' | 'PM' }[] = [];
  const closures = [...calendar.closures];
  const keep: number[] = [];
  for (let s = 0; s < calendar.sessionCount; s++) {
    const date = calendar.sessionDate[s];
    const session = calendar.sessionHalf[s] === 0 ? 'AM' : 'PM';
    if (dropped.has(s)) {
      closures.push({ date, session, reason: 'Every mark is # (planned closure)' });
      notes.push(`${date} ${session}: open in calendar.json but every mark is #, so treated as a closure.`);
    } else {
      open.push({ date, session });
      keep.push(s);
    }
  }
  const next = calendarFromSessions(open, {
    terms: calendar.terms,
    closures,
    source: calendar.source,
    notes: calendar.notes,
  });
  const n = calendar.sessionCount;
  const m = next.sessionCount;
  const compact = new Uint8Array(pupils * m);
  for (let p = 0; p < pupils; p++) for (let k = 0; k < m; k++) compact[p * m + k] = marks[p * n + keep[k]];
  return { calendar: next, marks: compact };
}
