import { listRecordedTimetables } from '../../adapters/store/partTimeTimetableRecords.ts';
import { type StateStore } from '../../adapters/store/stateStore.ts';
import { mergePartTimeTimetables, type PartTimeTimetable, type Register } from '../../rules/index.ts';
import { type SchoolData } from './schoolData.ts';

/**
 * The part-time timetables recorded in the bot, per school, laid over each register bundle's own: every
 * reader of `register.partTimeTimetables` (the findings, alerts, the termly agenda's count, the lists) then
 * sees one set. The bundle's rows are remembered per register, so laying the record over again (after a
 * new recording, or on a register read afresh by a reload or a sync) never stacks one merge on another.
 * Held by the bot's services (no module-level state); the store is the record, this is its copy in memory.
 */
export class RecordedTimetables {
  private readonly recorded = new Map<string, PartTimeTimetable[]>();
  private readonly bundleRows = new WeakMap<Register, readonly PartTimeTimetable[]>();
  /** What each register was given and from which generation of the record, so `applyTo` can tell a fresh register or a changed record. */
  private readonly applied = new WeakMap<Register, { rows: readonly PartTimeTimetable[]; generation: number }>();
  /** Moves on whenever the record in memory changes (a load or a put). */
  private generation = 0;

  /** Reads every school's recorded timetables from the store; returns the records it could not use. */
  async load(store: StateStore): Promise<string[]> {
    const { records, problems } = await listRecordedTimetables(store);
    const fresh = new Map<string, PartTimeTimetable[]>();
    for (const { value } of records) {
      const list = fresh.get(value.schoolUrn);
      if (list) list.push(value.timetable);
      else fresh.set(value.schoolUrn, [value.timetable]);
    }
    // Only a record that changed (here or on another instance) costs the schools their kept findings.
    if (!sameRecord(this.recorded, fresh)) {
      this.recorded.clear();
      for (const [urn, list] of fresh) this.recorded.set(urn, list);
      this.generation++;
    }
    return problems;
  }

  /** Sets one school's recorded timetable (new, reviewed or ended) and lays the record over its register. */
  put(school: SchoolData, timetable: PartTimeTimetable): void {
    const list = (this.recorded.get(school.urn) ?? []).filter(
      (t) => !(t.upn === timetable.upn && t.start === timetable.start),
    );
    this.recorded.set(school.urn, [...list, timetable]);
    this.generation++;
    this.applyTo(school);
  }

  /** The school's recorded timetables (not the bundle's). */
  recordedFor(urn: string): readonly PartTimeTimetable[] {
    return this.recorded.get(urn) ?? [];
  }

  /**
   * Lays the recorded timetables over the school's register, if they are not already: cheap to call before
   * every evaluation. A changed register gets a new array, which is how the findings cache knows to work
   * the school's findings out again.
   */
  applyTo(school: SchoolData): void {
    const register = school.register;
    const current = register.partTimeTimetables ?? [];
    const done = this.applied.get(register);
    if (done && done.rows === current && done.generation === this.generation) return;
    // A register seen for the first time holds the bundle's rows; one merged before keeps them remembered.
    if (!this.bundleRows.has(register)) this.bundleRows.set(register, current);
    const merged = mergePartTimeTimetables(this.bundleRows.get(register)!, this.recordedFor(school.urn));
    register.partTimeTimetables = merged;
    this.applied.set(register, { rows: merged, generation: this.generation });
  }
}

function sameRecord(a: ReadonlyMap<string, PartTimeTimetable[]>, b: ReadonlyMap<string, PartTimeTimetable[]>): boolean {
  if (a.size !== b.size) return false;
  const key = (list: readonly PartTimeTimetable[]) =>
    JSON.stringify([...list].sort((x, y) => (`${x.upn}|${x.start}` < `${y.upn}|${y.start}` ? -1 : 1)));
  for (const [urn, list] of a) {
    const other = b.get(urn);
    if (!other || key(list) !== key(other)) return false;
  }
  return true;
}
