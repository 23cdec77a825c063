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
import { allAbsenceCodes, indexRegister, type RegisterIndex } from './registerIndex.ts';
import { createRegisterQuery } from './registerQuery.ts';
import { tabulateFindings, type FindingTable } from './findingTable.ts';
import { screenPupils, type PupilScreen } from './screenPupils.ts';

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
 * 16-bit counts (possible sessions, broken weeks, late marks L/U), plus three bytes per absence mark.
 * The index is of the marks as they were at load: after registers change, make a new engine.
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
  /** Each school's pupils screened against every rule at `asOf`: the cheap pass the list queries read. */
  screenAt(asOf: IsoDate, policy: PolicyChoice, options?: EngineQueryOptions): PupilScreen[];
  /** The bot's lists, from the screen alone (no findings built): cheap enough to answer on every question. */
  penaltyThresholdList(asOf: IsoDate, policy: PolicyChoice, options?: EngineQueryOptions): ThresholdListEntry[];
  persistentAbsenceList(asOf: IsoDate, policy: PolicyChoice, options?: EngineQueryOptions): AbsenceListEntry[];
  severeAbsenceList(asOf: IsoDate, policy: PolicyChoice, options?: EngineQueryOptions): AbsenceListEntry[];
  sicknessReturnList(asOf: IsoDate, policy: PolicyChoice, options?: EngineQueryOptions): SicknessReturnListEntry[];
}

/** The code sets every shipped profile counts, so their prefix counts exist before the first query. */
function shippedCodeSets(): string[][] {
  const sets: string[][] = [];
  for (const profile of POLICY_PROFILES.values()) sets.push(profile.penaltyThreshold.codes, profile.lateness.codes);
  return sets.filter((codes) => !allAbsenceCodes(codes));
}

export function createAttendanceEngine(registers: readonly Register[]): AttendanceEngine {
  const codeSets = shippedCodeSets();
  const schools = registers.map((r) => indexRegister(r, codeSets));
  const pupilCount = registers.reduce((n, r) => n + r.pupils.length, 0);
  const screenAt = (asOf: IsoDate, policy: PolicyChoice, options: EngineQueryOptions = {}) =>
    schools.map((index) =>
      screenPupils(
        createRegisterQuery(index, {
          ...options,
          asOf,
          policy: typeof policy === 'function' ? policy(index.register.school) : policy,
        }),
      ),
    );
  return {
    schools,
    pupilCount,
    screenAt,
    penaltyThresholdList: (asOf, policy, options) => penaltyThresholdList(screenAt(asOf, policy, options)),
    persistentAbsenceList: (asOf, policy, options) => persistentAbsenceList(screenAt(asOf, policy, options)),
    severeAbsenceList: (asOf, policy, options) => severeAbsenceList(screenAt(asOf, policy, options)),
    sicknessReturnList: (asOf, policy, options) => sicknessReturnList(screenAt(asOf, policy, options)),
    findingsAt: (asOf, policy, options) => screenAt(asOf, policy, options).map(tabulateFindings),
  };
}
