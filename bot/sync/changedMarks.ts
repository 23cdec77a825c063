import { halfName, type Register, registerCodeById } from '../../rules/index.ts';
import { type SchoolMarksUpdate } from './registerJournal.ts';

/**
 * The marks of `written` (the bundle as a sync left it) between `from` and `to` that differ from what the
 * running register `held` has: new marks and amended ones, as the update every instance applies. Only the
 * differences travel, so a fortnight's window of one school costs the day's new marks and its amendments.
 */
export function changedMarks(held: Register, written: Register, from: string, to: string): SchoolMarksUpdate['marks'] {
  const out: SchoolMarksUpdate['marks'] = [];
  const heldPupil = new Map(held.pupils.map((p, i) => [p.upn, i]));
  const heldSession = new Map<string, number>();
  for (let s = 0; s < held.calendar.sessionCount; s++)
    heldSession.set(`${held.calendar.sessionDate[s]} ${held.calendar.sessionHalf[s]}`, s);
  const cal = written.calendar;
  const n = cal.sessionCount;
  const heldN = held.calendar.sessionCount;
  const sessions: { s: number; date: string; half: number; heldAt: number | undefined }[] = [];
  for (let s = 0; s < n; s++) {
    const date = cal.sessionDate[s];
    if (date < from || date > to) continue;
    sessions.push({ s, date, half: cal.sessionHalf[s], heldAt: heldSession.get(`${date} ${cal.sessionHalf[s]}`) });
  }
  written.pupils.forEach((pupil, p) => {
    const q = heldPupil.get(pupil.upn);
    for (const { s, date, half, heldAt } of sessions) {
      const code = written.marks[p * n + s];
      const before = q === undefined || heldAt === undefined ? 0 : held.marks[q * heldN + heldAt];
      if (code !== before && code !== 0) out.push([pupil.upn, date, halfName(half), registerCodeById(code).code]);
    }
  });
  return out;
}

/** True when the written roll differs from the running one in any pupil or any detail of one. */
export function pupilsDiffer(held: Register, written: Register): boolean {
  return JSON.stringify(held.pupils) !== JSON.stringify(written.pupils);
}
