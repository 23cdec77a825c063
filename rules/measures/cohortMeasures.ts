import { type EvaluationContext } from '../findings/evaluationContext.ts';
import { type Pupil } from '../pupils/pupil.ts';
import { absencePercent } from './absenceThresholds.ts';
import { addCounts, emptyCounts, type AttendanceCounts } from './attendanceCounts.ts';
import { pupilMeasures } from './pupilMeasures.ts';

/** Which pupils a cohort holds. Every field narrows; an empty filter is the whole school. */
export interface CohortFilter {
  yearGroup?: string;
  /** Any of these year groups (a phase, a key stage). */
  yearGroups?: readonly string[];
  regGroup?: string;
  sen?: 'support' | 'ehcp' | 'any';
  fsm?: boolean;
  socialWorker?: boolean;
  lookedAfter?: boolean;
  youngCarer?: boolean;
}

export function inCohort(pupil: Pupil, filter: CohortFilter): boolean {
  if (filter.yearGroup !== undefined && pupil.yearGroup !== filter.yearGroup) return false;
  if (filter.yearGroups !== undefined && !filter.yearGroups.includes(pupil.yearGroup)) return false;
  if (filter.regGroup !== undefined && pupil.regGroup?.toLowerCase() !== filter.regGroup.toLowerCase()) return false;
  if (filter.sen !== undefined) {
    if (filter.sen === 'any' ? !(pupil.sen === 'support' || pupil.sen === 'ehcp') : pupil.sen !== filter.sen)
      return false;
  }
  if (filter.fsm !== undefined && (pupil.fsm ?? false) !== filter.fsm) return false;
  if (filter.socialWorker !== undefined && (pupil.socialWorker ?? false) !== filter.socialWorker) return false;
  if (filter.lookedAfter !== undefined && (pupil.lookedAfter ?? false) !== filter.lookedAfter) return false;
  if (filter.youngCarer !== undefined && (pupil.youngCarer ?? false) !== filter.youngCarer) return false;
  return true;
}

export interface CohortMeasures extends AttendanceCounts {
  pupils: number;
  /** Pupils counted for persistent and severe absence under the measure method. */
  pupilsCounted: number;
  persistentlyAbsent: number;
  severelyAbsent: number;
  atRisk: number;
  attendancePercent: number | null;
  absencePercent: number | null;
  authorisedPercent: number | null;
  unauthorisedPercent: number | null;
  /** Share of counted pupils who are persistently absent, as DfE reports it. */
  persistentAbsencePercent: number | null;
  severeAbsencePercent: number | null;
}

/** Session totals and persistent/severe absence rates for a cohort over the context's period. */
export function cohortMeasures(ctx: EvaluationContext, filter: CohortFilter = {}): CohortMeasures {
  const totals = emptyCounts();
  let pupils = 0;
  let counted = 0;
  let pa = 0;
  let sa = 0;
  let risk = 0;
  ctx.register.pupils.forEach((pupil, p) => {
    if (!inCohort(pupil, filter)) return;
    const m = pupilMeasures(ctx, p);
    // Not on roll in the period: no marks at all, or only Z (not yet admitted) and # (school closed).
    if (m.possible + m.notPossible === 0) return;
    pupils++;
    addCounts(totals, m);
    if (m.countedForAbsenceMeasures) counted++;
    if (m.persistentlyAbsent) pa++;
    if (m.severelyAbsent) sa++;
    if (m.atRiskOfPersistentAbsence) risk++;
  });
  return {
    ...totals,
    pupils,
    pupilsCounted: counted,
    persistentlyAbsent: pa,
    severelyAbsent: sa,
    atRisk: risk,
    attendancePercent: absencePercent(totals.attended, totals.possible),
    absencePercent: absencePercent(totals.absence, totals.possible),
    authorisedPercent: absencePercent(totals.authorised, totals.possible),
    unauthorisedPercent: absencePercent(totals.unauthorised, totals.possible),
    persistentAbsencePercent: counted > 0 ? (100 * pa) / counted : null,
    severeAbsencePercent: counted > 0 ? (100 * sa) / counted : null,
  };
}
