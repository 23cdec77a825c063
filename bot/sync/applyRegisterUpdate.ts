import { findRegisterCode, lastMarkedSchoolDay, type MarkChange, sessionIndexOf } from '../../rules/index.ts';
import { engineFor, type FindingsCache } from '../schools/findingsCache.ts';
import { loadSchool, type SchoolData } from '../schools/schoolData.ts';
import { type SchoolMarksUpdate } from './registerJournal.ts';

export interface SchoolUpdateApplied {
  urn: string;
  /** `in-place`: the marks went into the running register and its index; `reread`: the bundle was read again. */
  how: 'in-place' | 'reread' | 'not-loaded';
  changed: number;
  unchanged: number;
  /** The school's "today" afterwards. */
  asOf?: string;
  /** Why the bundle was read again instead (a new pupil, a day the calendar did not have). */
  reason?: string;
}

/**
 * Puts one school's synced marks into the running bot. Marks for pupils and sessions the register already
 * has go in place (the engine's applyMarks: the index stays exact, so findings equal a full rebuild's); a
 * mark for a pupil new to the register, or on a day its calendar does not have (a calendar derived from the
 * marks grows with them), means the school's bundle, which the syncing instance has already written, is
 * read again instead. Either way the school's cached findings are forgotten and its "today" moves on.
 */
export function applySchoolUpdate(
  schools: SchoolData[],
  cache: FindingsCache,
  update: SchoolMarksUpdate,
  fixedAsOf: string | undefined,
): SchoolUpdateApplied {
  const at = schools.findIndex((s) => s.urn === update.urn);
  if (at < 0) return { urn: update.urn, how: 'not-loaded', changed: 0, unchanged: 0 };
  const school = schools[at];
  const { register } = school;
  const pupilIndex = new Map(register.pupils.map((p, i) => [p.upn, i]));
  const changes: MarkChange[] = [];
  let reason: string | undefined = update.pupilsChanged ? 'the roll or a pupil’s details changed' : undefined;
  if (!reason)
    for (const [upn, date, session, code] of update.marks) {
      const pupil = pupilIndex.get(upn);
      const s = sessionIndexOf(register.calendar, date, session);
      const id = findRegisterCode(code)?.id;
      if (pupil === undefined) reason = 'a pupil new to the register';
      else if (s < 0) reason = `a day the calendar did not have (${date})`;
      else if (id === undefined) reason = `a code the rules do not know (${code})`;
      if (reason) break;
      changes.push({ pupil: pupil!, session: s, code: id! });
    }
  cache.forget(school.urn);
  if (reason) {
    const fresh = loadSchool(school.dir, fixedAsOf);
    schools.splice(at, 1, fresh);
    return { urn: school.urn, how: 'reread', changed: 0, unchanged: 0, asOf: fresh.asOf, reason };
  }
  const applied = engineFor(register).applyMarks(0, changes);
  if (!fixedAsOf) {
    const last = lastMarkedSchoolDay(register);
    if (last >= 0) school.asOf = register.calendar.dayDate[last];
  }
  return {
    urn: school.urn,
    how: 'in-place',
    changed: applied.changed,
    unchanged: applied.unchanged,
    asOf: school.asOf,
  };
}
