import { type MeasureMethod } from '../findings/evaluationContext.ts';
import { type IsoDate } from '../dates/isoDate.ts';
import { type PolicyProfile } from '../policies/policyProfile.ts';
import { POLICY_PROFILES } from '../policies/policyProfiles.ts';
import { type Register, type School } from '../register/register.ts';
import {
  penaltyThresholdList,
  persistentAbsenceList,
  severeAbsenceList,
  sicknessReturnList,
  type AbsenceListEntry,
  type SicknessReturnListEntry,
  type ThresholdListEntry,
} from './engineLists.ts';
import { applyMarks, type MarkChange, type MarksApplied } from './applyMarks.ts';
import { allAbsenceCodes, indexRegister, type RegisterIndex } from './registerIndex.ts';
import { createRegisterQuery } from './registerQuery.ts';
import { tabulateFindings, type FindingTable } from './findingTable.ts';
import { ALL_RULES, RULE_BIT, screenArrays, type PupilScreen } from './screenArrays.ts';
import { screenPupils } from './screenPupils.ts';

/** One policy for every school, or the policy each school follows. */
export type PolicyChoice = PolicyProfile | ((school: School) => PolicyProfile);

export interface EngineQueryOptions {
  measureMethod?: MeasureMethod;
  /** Start of the period for measures; the academic year's 1 September by default. */
  periodStart?: IsoDate;
}

/**
 * A local authority's registers, indexed once at load so that any as-of question is answered from
 * per-pupil, per-school-week counts. Memory: the registers' marks plus, per pupil and school week, three
 * 16-bit counts (possible sessions, broken weeks, late marks L/U), three bytes per absence mark, and 42
 * bytes per pupil of screen arrays reused by every query. New marks go in through `applyMarks`, which keeps
 * the index exact in place; a register whose pupils or calendar changed is indexed again with `reindex`.
 * Queries are synchronous and share those arrays, so one engine answers one question at a time (which is
 * all a single JavaScript thread can do anyway).
 */
export interface AttendanceEngine {
  readonly schools: readonly RegisterIndex[];
  readonly pupilCount: number;
  /**
   * Every finding for every pupil of every school at `asOf`, decided exactly, one table per school in load
   * order. A table's `findings()` is exactly what `evaluateFindings(register, { asOf, policy, ... })`
   * returns for that school; its rows give each finding's pupil and figure without building it.
   */
  findingsAt(asOf: IsoDate, policy: PolicyChoice, options?: EngineQueryOptions): FindingTable[];
  /** Each school's pupils screened against every rule at `asOf`, in arrays of their own. */
  screenAt(asOf: IsoDate, policy: PolicyChoice, options?: EngineQueryOptions): PupilScreen[];
  /** The lists officers ask for most, each from a screen for its rule alone, with no findings built. */
  penaltyThresholdList(asOf: IsoDate, policy: PolicyChoice, options?: EngineQueryOptions): ThresholdListEntry[];
  persistentAbsenceList(asOf: IsoDate, policy: PolicyChoice, options?: EngineQueryOptions): AbsenceListEntry[];
  severeAbsenceList(asOf: IsoDate, policy: PolicyChoice, options?: EngineQueryOptions): AbsenceListEntry[];
  sicknessReturnList(asOf: IsoDate, policy: PolicyChoice, options?: EngineQueryOptions): SicknessReturnListEntry[];
  /**
   * Sets marks in school `school`'s register (its position in load order) and brings its index up to date
   * in place: afterwards every answer equals that of an engine built afresh from the changed registers.
   */
  applyMarks(school: number, changes: readonly MarkChange[]): MarksApplied;
  /** Indexes school `school` again from `register` (the same school with new pupils or a longer calendar). */
  reindex(school: number, register: Register): void;
}

/** The code sets every shipped profile counts, so their prefix counts exist before the first query. */
function shippedCodeSets(): string[][] {
  const sets: string[][] = [];
  for (const profile of POLICY_PROFILES.values()) sets.push(profile.penaltyThreshold.codes, profile.lateness.codes);
  return sets.filter((codes) => !allAbsenceCodes(codes));
}

/**
 * Indexes a local authority's registers once, so every later question is answered from the index.
 *
 * @example
 * const engine = createAttendanceEngine(registers); // 60 schools, 60,000 pupils: about half a second
 * const tables = engine.findingsAt('2025-03-26', (school) => policyProfile(school.policy ?? 'national'));
 * tables.reduce((n, t) => n + t.countOf('penalty-threshold'), 0) // => 2958
 * tables[0].findings(0, 20) // => the first page of the first school's findings, built now
 * engine.penaltyThresholdList('2025-03-26', policyProfile('national'))[0]
 * // => { urn: '…', upn: '…', pupilName: '…', yearGroup: '9', sessions: 14, … }
 */
export function createAttendanceEngine(registers: readonly Register[]): AttendanceEngine {
  const codeSets = shippedCodeSets();
  const schools: RegisterIndex[] = registers.map((r) => indexRegister(r, codeSets));
  const schoolAt = (i: number): RegisterIndex => {
    if (!Number.isInteger(i) || i < 0 || i >= schools.length)
      throw new RangeError(`no school ${i}: the engine holds ${schools.length}`);
    return schools[i];
  };
  // Per-pupil arrays each school's screen writes into when the caller copies out what it needs before
  // returning (the findings tables, the lists): reused from query to query, so a query over a whole
  // authority allocates no per-pupil arrays for the collector to chase.
  const scratch = schools.map((index) => screenArrays(index.register.pupils.length));
  // A list screens for its own rule only, skipping the parts of the pass only other rules need.
  const screenFor =
    (wanted: number, reuse: boolean) =>
    (asOf: IsoDate, policy: PolicyChoice, options: EngineQueryOptions = {}): PupilScreen[] =>
      schools.map((index, i) =>
        screenPupils(
          createRegisterQuery(index, {
            ...options,
            asOf,
            policy: typeof policy === 'function' ? policy(index.register.school) : policy,
          }),
          wanted,
          reuse ? scratch[i] : undefined,
        ),
      );
  const screenAt = screenFor(ALL_RULES, false);
  const findingsScreen = screenFor(ALL_RULES, true);
  const thresholdScreen = screenFor(RULE_BIT['penalty-threshold'], true);
  const persistentScreen = screenFor(RULE_BIT['persistent-absence'], true);
  const severeScreen = screenFor(RULE_BIT['severe-absence'], true);
  const sicknessScreen = screenFor(RULE_BIT['sickness-return'], true);
  return {
    schools,
    get pupilCount() {
      return schools.reduce((n, index) => n + index.register.pupils.length, 0);
    },
    screenAt,
    penaltyThresholdList: (asOf, policy, options) => penaltyThresholdList(thresholdScreen(asOf, policy, options)),
    persistentAbsenceList: (asOf, policy, options) => persistentAbsenceList(persistentScreen(asOf, policy, options)),
    severeAbsenceList: (asOf, policy, options) => severeAbsenceList(severeScreen(asOf, policy, options)),
    sicknessReturnList: (asOf, policy, options) => sicknessReturnList(sicknessScreen(asOf, policy, options)),
    findingsAt: (asOf, policy, options) => findingsScreen(asOf, policy, options).map(tabulateFindings),
    applyMarks: (school, changes) => applyMarks(schoolAt(school), changes),
    reindex: (school, register) => {
      schoolAt(school);
      // Code sets first counted by a query (a profile's own) are kept, so the next query need not count them.
      const sets = [
        ...codeSets,
        ...[...schools[school].codeSetCounts.keys()].map((key) => (key ? key.split(' ') : [])),
      ];
      schools[school] = indexRegister(register, sets);
      scratch[school] = screenArrays(register.pupils.length);
    },
  };
}
