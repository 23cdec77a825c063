import { IS_ABSENCE } from '../codes/codeCategories.ts';
import { type Register } from '../register/register.ts';

/**
 * Every absence mark of every pupil, in session order, as compressed rows: pupil p's marks are entries
 * `start[p]` to `start[p + 1]`, each a session index and a code id. Absence is a small share of sessions
 * (about one in fourteen nationally), so the evidence a finding lists (the sessions in a window, the codes
 * behind a percentage, the weeks with an absence, illness spells, N marks) is read from a few dozen
 * entries instead of a year of bytes. Built once at load; grows with the marks, like everything else.
 */
export interface AbsenceMarks {
  start: Uint32Array;
  session: Uint16Array;
  code: Uint8Array;
}

export function buildAbsenceMarks(register: Register): AbsenceMarks {
  const { marks, pupils, calendar } = register;
  const n = calendar.sessionCount;
  const isAbsence = IS_ABSENCE;
  const start = new Uint32Array(pupils.length + 1);
  let total = 0;
  for (let p = 0; p < pupils.length; p++) {
    start[p] = total;
    for (let i = p * n, end = i + n; i < end; i++) total += isAbsence[marks[i]];
  }
  start[pupils.length] = total;
  const session = new Uint16Array(total);
  const code = new Uint8Array(total);
  let k = 0;
  for (let p = 0; p < pupils.length; p++) {
    const base = p * n;
    for (let s = 0; s < n; s++) {
      const id = marks[base + s];
      if (isAbsence[id]) {
        session[k] = s;
        code[k] = id;
        k++;
      }
    }
  }
  return { start, session, code };
}

/** First entry of pupil p at or after session `s` (binary search in the pupil's rows). */
export function firstEntryFrom(marks: AbsenceMarks, p: number, s: number): number {
  let lo = marks.start[p];
  let hi = marks.start[p + 1];
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (marks.session[mid] < s) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}
