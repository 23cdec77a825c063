import { overdueNSessionEnd } from '../findings/nCodeOverdue.ts';
import { createEvaluationContext, type EvaluationContext, type MeasureMethod } from '../findings/evaluationContext.ts';
import { formatShortDate, toDayNumber, type IsoDate } from '../dates/isoDate.ts';
import { type PolicyProfile } from '../policies/policyProfile.ts';
import { allAbsenceCodes, codeSetCounts, type RegisterIndex } from './registerIndex.ts';

/**
 * The session bounds one as-of query needs for one register, worked out once and shared by every pupil.
 * `ctx` is the reference rules' own context, so bounds and evidence agree with evaluateFindings by
 * construction.
 */
export interface RegisterQuery {
  index: RegisterIndex;
  ctx: EvaluationContext;
  policy: PolicyProfile;
  asOfDayNumber: number;
  /** First session of the as-of school day and the end of it (exclusive); both 0 with no school day yet. */
  asOfDayStart: number;
  asOfEnd: number;
  /** First school week of the penalty-threshold and lateness windows. */
  penaltyFirstWeek: number;
  latenessFirstWeek: number;
  /** Sessions before this bound hold an N that is overdue at the as-of date; 0 when none can be. */
  overdueNEnd: number;
  /**
   * Week-prefix counts of the penalty codes, only for a profile whose penalty codes are not all absence
   * codes; otherwise null and the screen counts them from the pupil's absence marks.
   */
  penaltyCounts: Uint16Array | null;
  latenessCounts: Uint16Array;
  /** How the measures period reads in a reason: "from Mon 2 Sept 2024 to Wed 26 Mar 2025". */
  periodText: string;
  /** Fewest I sessions that can make the sickness-return total (a necessary condition, checked exactly after). */
  illnessSessionsNeeded: number;
}

export interface RegisterQueryOptions {
  asOf: IsoDate;
  policy: PolicyProfile;
  measureMethod?: MeasureMethod;
  periodStart?: IsoDate;
}

export function createRegisterQuery(index: RegisterIndex, options: RegisterQueryOptions): RegisterQuery {
  const { register } = index;
  const { calendar } = register;
  const { policy } = options;
  const ctx = createEvaluationContext(register, options);
  const day = ctx.asOfDay;
  const firstWeek = (weeks: number) => (day < 0 ? 0 : Math.max(0, calendar.dayWeek[day] - weeks + 1));
  const sickness = policy.sicknessReturn;
  return {
    index,
    ctx,
    policy,
    asOfDayNumber: toDayNumber(options.asOf),
    asOfDayStart: day < 0 ? 0 : calendar.dayFirstSession[day],
    asOfEnd: ctx.asOfSessionEnd,
    penaltyFirstWeek: firstWeek(policy.penaltyThreshold.schoolWeeks),
    latenessFirstWeek: firstWeek(policy.lateness.schoolWeeks),
    overdueNEnd: overdueNSessionEnd(ctx),
    penaltyCounts: allAbsenceCodes(policy.penaltyThreshold.codes)
      ? null
      : codeSetCounts(index, policy.penaltyThreshold.codes),
    latenessCounts: codeSetCounts(index, policy.lateness.codes),
    // Half-day counting: days = I sessions / 2. Whole-day counting: days <= I sessions.
    periodText: `from ${formatShortDate(ctx.period.from)} to ${formatShortDate(ctx.period.to)}`,
    illnessSessionsNeeded: sickness.sessionCounts === 'half-day' ? 2 * sickness.days : sickness.days,
  };
}
