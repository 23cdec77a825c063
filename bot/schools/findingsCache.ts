import {
  type AttendanceEngine,
  completeFindings,
  createAttendanceEngine,
  type EvaluationContext,
  type Finding,
  type PartTimeTimetable,
  type Register,
} from '../../rules/index.ts';
import { type RecordedTimetables } from './recordedTimetables.ts';
import { type SchoolData } from './schoolData.ts';

export interface SchoolEvaluation {
  context: EvaluationContext;
  findings: readonly Finding[];
}

/**
 * Findings per school, as-of date and period start, worked out once and kept: a channel asking five
 * questions in a morning costs one evaluation. Bounded (least recently used goes first) because an officer
 * asking "as of" many dates across many schools would otherwise grow it without limit. Each school's
 * default day, warmed at start, is kept outside that bound: an authority with more schools than the bound
 * would otherwise evict one school's warm findings for the next on every question across all of them.
 */
export class FindingsCache {
  private readonly entries = new Map<string, KeptEvaluation>();
  /** One entry per school (its default as-of day), so this grows with the schools loaded and nothing else. */
  private readonly warmed = new Map<string, KeptEvaluation>();
  /**
   * `recorded`: part-time timetables recorded in the bot, laid over each register before its findings are
   * worked out. Findings kept from before a timetable was recorded, reviewed or ended are not used again.
   */
  constructor(
    private readonly maxEntries = 64,
    private readonly recorded?: RecordedTimetables,
  ) {}

  /** Works out a school's findings for its default as-of day (if not already) and keeps them for as long as the bot runs. */
  warm(school: SchoolData): SchoolEvaluation {
    this.recorded?.applyTo(school);
    const key = cacheKey(school, school.asOf);
    const kept = this.warmed.get(key);
    if (kept && current(kept, school)) return kept;
    const hit = this.entries.get(key);
    const evaluation = hit && current(hit, school) ? hit : evaluate(school, school.asOf);
    this.entries.delete(key);
    this.warmed.set(key, evaluation);
    return evaluation;
  }

  evaluation(school: SchoolData, asOf: string, periodStart?: string): SchoolEvaluation {
    this.recorded?.applyTo(school);
    const key = cacheKey(school, asOf, periodStart);
    const kept = this.warmed.get(key);
    if (kept && current(kept, school)) return kept;
    if (kept) return this.warm(school);
    const hit = this.entries.get(key);
    if (hit && current(hit, school)) {
      this.entries.delete(key);
      this.entries.set(key, hit);
      return hit;
    }
    this.entries.delete(key);
    const evaluation = evaluate(school, asOf, periodStart);
    this.entries.set(key, evaluation);
    if (this.entries.size > this.maxEntries) this.entries.delete(this.entries.keys().next().value!);
    return evaluation;
  }

  /** Forgets one school's findings, for every date: after new marks are applied to its register. */
  forget(urn: string): void {
    for (const map of [this.entries, this.warmed])
      for (const key of [...map.keys()]) if (key.startsWith(`${urn}|`)) map.delete(key);
  }

  /** Forgets every school's findings: after the registers are read again, none of them holds. */
  clear(): void {
    this.entries.clear();
    this.warmed.clear();
  }

  get size(): number {
    return this.entries.size + this.warmed.size;
  }
}

/** Findings kept, with the part-time timetables they were worked out from. */
type KeptEvaluation = SchoolEvaluation & { timetables: readonly PartTimeTimetable[] | undefined };

/** Whether kept findings still hold: the timetables a recording replaces are a new array, never changed in place. */
function current(kept: KeptEvaluation, school: SchoolData): boolean {
  return kept.timetables === school.register.partTimeTimetables;
}

function cacheKey(school: SchoolData, asOf: string, periodStart?: string): string {
  return `${school.urn}|${asOf}|${periodStart ?? ''}`;
}

// One engine per register, indexed on first use. A register's marks change only through its engine's
// applyMarks (a Wonde sync), which keeps the index exact; a register read again is a new register.
const engines = new WeakMap<Register, AttendanceEngine>();

/** The engine answering for `register` (indexed now if it has not been yet). */
export function engineFor(register: Register): AttendanceEngine {
  let engine = engines.get(register);
  if (!engine) {
    engine = createAttendanceEngine([register]);
    engines.set(register, engine);
  }
  return engine;
}

/**
 * The school's findings at `asOf`, built now from its engine (indexed on first use and shared with every
 * cache): for callers that want a whole school's findings once, such as an alert scan, without keeping them.
 */
export function engineFindings(school: SchoolData, asOf: string, periodStart?: string): Finding[] {
  return evaluate(school, asOf, periodStart).findings;
}

/** The school's findings from its engine (the engine's tests hold them to the oracle's). */
function evaluate(school: SchoolData, asOf: string, periodStart?: string): KeptEvaluation & { findings: Finding[] } {
  const [table] = engineFor(school.register).findingsAt(asOf, school.policy, { periodStart });
  // The table's query already holds the rules' context for this register, date and period.
  return {
    timetables: school.register.partTimeTimetables,
    context: table.query.ctx,
    findings: completeFindings(school.register, table.findings(), { asOf, policy: school.policy }),
  };
}
