import { IS_ABSENCE, IS_POSSIBLE, codeSetTable } from '../codes/codeCategories.ts';
import { type AbsenceMarks } from './absenceMarks.ts';
import { type RegisterIndex } from './registerIndex.ts';

/** One register entry to set: pupil row and session index in the register, and the new code id (0: no mark). */
export interface MarkChange {
  pupil: number;
  session: number;
  code: number;
}

export interface MarksApplied {
  /** Entries whose code changed. */
  changed: number;
  /** Entries that already held the code given. */
  unchanged: number;
  /** Pupils with at least one changed entry. */
  pupils: number;
}

/**
 * Puts new marks into an indexed register and brings the index up to date for the pupils they touch, so
 * the engine answers exactly what an engine built afresh from the changed register would, without
 * reading every pupil's year again: a day's marks for a whole authority is two entries a pupil.
 *
 * Per changed pupil and school week: the week-prefix counts (possible sessions, each code set, broken
 * weeks) move by the week's difference, in that pupil's later entries only. The absence marks (the one
 * part whose size can change) are written anew when a change touches an absence code: untouched pupils'
 * entries are copied in blocks, a touched pupil's merged from its old entries and the changed sessions.
 *
 * Pure apart from the register and index it is given, which it changes in place: no I/O, no clock.
 * Changes must name existing pupils and sessions; a caller with a new pupil or a new school day (a
 * calendar that grows) builds the school's index again instead (`indexRegister`).
 */
export function applyMarks(index: RegisterIndex, changes: readonly MarkChange[]): MarksApplied {
  const { register } = index;
  const { marks, calendar } = register;
  const n = calendar.sessionCount;
  const weeks = calendar.weekCount;
  const pupilCount = register.pupils.length;
  let sorted = true;
  for (let i = 0; i < changes.length; i++) {
    const c = changes[i];
    if (!(c.pupil >= 0 && c.pupil < pupilCount && c.session >= 0 && c.session < n && c.code >= 0 && c.code < 256))
      throw new RangeError(
        `mark change out of range: pupil ${c.pupil} of ${pupilCount}, session ${c.session} of ${n}, code ${c.code}`,
      );
    if (
      i > 0 &&
      (changes[i - 1].pupil > c.pupil || (changes[i - 1].pupil === c.pupil && changes[i - 1].session > c.session))
    )
      sorted = false;
  }
  // By pupil, then session (a stable sort: of two changes to one session, the later given wins).
  const order = sorted ? changes : [...changes].sort((a, b) => a.pupil - b.pupil || a.session - b.session);
  const result: MarksApplied = { changed: 0, unchanged: 0, pupils: 0 };
  const tables: [Uint16Array, Uint8Array][] = [[index.possible, IS_POSSIBLE]];
  for (const [key, counts] of index.codeSetCounts)
    tables.push([counts, codeSetTable(key === '' ? [] : key.split(' '))]);
  const deltas = new Int32Array(tables.length);
  const broken = index.brokenWeeks;
  // Pupils whose absence marks change, as [pupil, first change, end of its changes] triples.
  const absenceTouched: number[] = [];

  for (let i = 0; i < order.length;) {
    const pupil = order[i].pupil;
    const base = pupil * n;
    const out = pupil * index.stride;
    let end = i;
    while (end < order.length && order[end].pupil === pupil) end++;
    let changedHere = 0;
    let absenceHere = false;
    for (let k = i; k < end;) {
      const week = index.sessionWeek[order[k].session];
      const weekEnd = index.weekFirstSession[week + 1];
      let m = k;
      while (m < end && order[m].session < weekEnd) m++;
      const brokenBefore = broken ? weekFlags(index, base, week) : 0;
      deltas.fill(0);
      let changedInWeek = 0;
      for (let c = k; c < m; c++) {
        const at = base + order[c].session;
        const was = marks[at];
        const now = order[c].code;
        if (was === now) {
          result.unchanged++;
          continue;
        }
        changedInWeek++;
        absenceHere ||= (IS_ABSENCE[was] | IS_ABSENCE[now]) === 1;
        for (let t = 0; t < tables.length; t++) deltas[t] += tables[t][1][now] - tables[t][1][was];
        marks[at] = now;
      }
      if (changedInWeek > 0) {
        changedHere += changedInWeek;
        for (let t = 0; t < tables.length; t++) {
          const d = deltas[t];
          if (d === 0) continue;
          const prefix = tables[t][0];
          for (let w = out + week + 1, last = out + weeks; w <= last; w++) prefix[w] += d;
        }
        if (broken) {
          const d = weekFlags(index, base, week) - brokenBefore;
          if (d !== 0) for (let w = out + week + 1, last = out + weeks; w <= last; w++) broken[w] += d;
        }
      }
      k = m;
    }
    if (changedHere > 0) {
      result.changed += changedHere;
      result.pupils++;
      if (absenceHere) absenceTouched.push(pupil, i, end);
    }
    i = end;
  }
  if (absenceTouched.length > 0) index.absenceMarks = mergeAbsenceMarks(index, order, absenceTouched);
  return result;
}

/** A school week's broken-weeks step for one pupil: 1 if it has a possible session, plus 256 if it has an absence. */
function weekFlags(index: RegisterIndex, base: number, week: number): number {
  const { marks } = index.register;
  let possible = 0;
  let absence = 0;
  for (let s = base + index.weekFirstSession[week], end = base + index.weekFirstSession[week + 1]; s < end; s++) {
    possible |= IS_POSSIBLE[marks[s]];
    absence |= IS_ABSENCE[marks[s]];
  }
  return possible + (absence << 8);
}

/**
 * New absence-mark arrays: untouched pupils' entries copied in blocks, each touched pupil's merged from its
 * old entries (those at sessions no change names) and the changed sessions, read from the register.
 */
function mergeAbsenceMarks(
  index: RegisterIndex,
  order: readonly MarkChange[],
  touched: readonly number[],
): AbsenceMarks {
  const old = index.absenceMarks;
  const { marks, calendar } = index.register;
  const n = calendar.sessionCount;
  const pupilCount = index.register.pupils.length;
  // An upper bound on the new size: every changed session of a touched pupil could now be an absence.
  let bound = old.start[pupilCount];
  for (let t = 0; t < touched.length; t += 3) bound += touched[t + 2] - touched[t + 1];
  const start = new Uint32Array(pupilCount + 1);
  const session = new Uint16Array(bound);
  const code = new Uint8Array(bound);
  let written = 0;
  let next = 0;
  const copyUntouched = (upTo: number) => {
    if (upTo <= next) return;
    const from = old.start[next];
    const to = old.start[upTo];
    const shift = written - from;
    for (let p = next; p < upTo; p++) start[p] = old.start[p] + shift;
    session.set(old.session.subarray(from, to), written);
    code.set(old.code.subarray(from, to), written);
    written += to - from;
  };
  for (let t = 0; t < touched.length; t += 3) {
    const pupil = touched[t];
    copyUntouched(pupil);
    start[pupil] = written;
    const base = pupil * n;
    let k = old.start[pupil];
    const kEnd = old.start[pupil + 1];
    let c = touched[t + 1];
    const cEnd = touched[t + 2];
    while (k < kEnd || c < cEnd) {
      const changedSession = c < cEnd ? order[c].session : n;
      if (k < kEnd && old.session[k] < changedSession) {
        session[written] = old.session[k];
        code[written++] = old.code[k++];
        continue;
      }
      if (k < kEnd && old.session[k] === changedSession) k++;
      while (c < cEnd && order[c].session === changedSession) c++;
      const now = marks[base + changedSession];
      if (IS_ABSENCE[now]) {
        session[written] = changedSession;
        code[written++] = now;
      }
    }
    next = pupil + 1;
  }
  copyUntouched(pupilCount);
  start[pupilCount] = written;
  // The arrays may run past `written` by the changed sessions that were not absences: readers stop at
  // start[pupilCount], and the next merge sizes its arrays from that, so the slack never accumulates.
  return { start, session, code };
}
