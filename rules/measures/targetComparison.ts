import { type EvaluationContext } from '../findings/evaluationContext.ts';
import { type PolicyProfile } from '../policies/policyProfile.ts';
import { cohortMeasures, type CohortFilter } from './cohortMeasures.ts';

export interface TargetComparison {
  measure: string;
  /** The target as the source states it, in percent. */
  target: number;
  /** The cohort's figure over the context's period, in percent; null when nobody in the cohort counts. */
  actual: number | null;
  /** Attendance targets are met at or above the target; persistent-absence targets at or below it. */
  met: boolean | null;
  pupils: number;
}

/** Reception to Year 6, and Years 7 to 11: the phases the targets are set for. */
export const PRIMARY_YEAR_GROUPS: readonly string[] = ['R', '1', '2', '3', '4', '5', '6'];
export const SECONDARY_YEAR_GROUPS: readonly string[] = ['7', '8', '9', '10', '11'];

/**
 * Sets a school's figures beside the targets its profile carries (003 sets 2027/28 targets for attendance
 * and persistent absence, overall, by phase and for pupils on free school meals). A target the profile
 * does not set gives no row; a profile without targets gives none.
 */
export function compareWithTargets(ctx: EvaluationContext, policy: PolicyProfile = ctx.policy): TargetComparison[] {
  const targets = policy.targets;
  if (!targets) return [];
  const rows: TargetComparison[] = [];
  const add = (
    measure: string,
    target: number | undefined,
    kind: 'attendance' | 'persistent-absence',
    filter: CohortFilter,
  ) => {
    if (target === undefined) return;
    const m = cohortMeasures(ctx, filter);
    const actual = kind === 'attendance' ? m.attendancePercent : m.persistentAbsencePercent;
    const met = actual === null ? null : kind === 'attendance' ? actual >= target : actual <= target;
    rows.push({ measure, target, actual, met, pupils: m.pupils });
  };
  const primary = { yearGroups: PRIMARY_YEAR_GROUPS };
  const secondary = { yearGroups: SECONDARY_YEAR_GROUPS };
  add('attendance', targets.attendancePercent, 'attendance', {});
  add('primary attendance', targets.primaryAttendancePercent, 'attendance', primary);
  add('secondary attendance', targets.secondaryAttendancePercent, 'attendance', secondary);
  add('persistent absence', targets.persistentAbsencePercent, 'persistent-absence', {});
  add('primary persistent absence', targets.primaryPersistentAbsencePercent, 'persistent-absence', primary);
  add('secondary persistent absence', targets.secondaryPersistentAbsencePercent, 'persistent-absence', secondary);
  add('FSM persistent absence', targets.fsmPersistentAbsencePercent, 'persistent-absence', { fsm: true });
  return rows;
}
