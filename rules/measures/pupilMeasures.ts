import { type EvaluationContext } from '../findings/evaluationContext.ts';
import { ABSENCE_LEVEL, absenceLevelBits, absencePercent, type AbsenceLevelLines } from './absenceThresholds.ts';
import { type MeasureMethod } from '../findings/evaluationContext.ts';
import { type PolicyProfile } from '../policies/policyProfile.ts';
import { countsFromCodeTally, tallyCodes, type AttendanceCounts } from './attendanceCounts.ts';
import { brokenWeeks, type BrokenWeeks } from './brokenWeeks.ts';

/** DfE's live figures leave out pupils with this many possible sessions or fewer. */
export const DFE_LIVE_MIN_POSSIBLE_EXCLUSIVE = 10;

export interface PupilMeasures extends AttendanceCounts {
  from: string;
  to: string;
  /** Attended (present + approved activity) over possible, as a percentage; null with no possible sessions. */
  attendancePercent: number | null;
  absencePercent: number | null;
  authorisedPercent: number | null;
  unauthorisedPercent: number | null;
  /** False when the measure method leaves the pupil out of persistent/severe absence (dfe-live, <= 10 possible). */
  countedForAbsenceMeasures: boolean;
  persistentlyAbsent: boolean;
  severelyAbsent: boolean;
  atRiskOfPersistentAbsence: boolean;
  brokenWeeks: BrokenWeeks;
}

/** The lines of absenceLevelBits for a profile and measure method. */
export function absenceLevelLines(policy: PolicyProfile, method: MeasureMethod): AbsenceLevelLines {
  const { persistentPercent, severePercent, atRiskFromPercent } = policy.absence;
  return {
    persistentPercent,
    severePercent,
    atRiskFromPercent,
    minimumPossibleExclusive: method === 'dfe-live' ? DFE_LIVE_MIN_POSSIBLE_EXCLUSIVE : 0,
  };
}

/** A pupil's measures over the context's period (academic year to the as-of date unless set). */
export function pupilMeasures(ctx: EvaluationContext, p: number): PupilMeasures {
  const { register, period, policy } = ctx;
  const base = p * register.calendar.sessionCount;
  const counts = countsFromCodeTally(tallyCodes(register.marks, base + period.startSession, base + period.endSession));
  const lines = absenceLevelLines(policy, ctx.measureMethod);
  const levels = absenceLevelBits(counts.absence, counts.possible, lines);
  return {
    ...counts,
    from: period.from,
    to: period.to,
    attendancePercent: absencePercent(counts.attended, counts.possible),
    absencePercent: absencePercent(counts.absence, counts.possible),
    authorisedPercent: absencePercent(counts.authorised, counts.possible),
    unauthorisedPercent: absencePercent(counts.unauthorised, counts.possible),
    countedForAbsenceMeasures: counts.possible > lines.minimumPossibleExclusive,
    persistentlyAbsent: (levels & ABSENCE_LEVEL.persistent) !== 0,
    severelyAbsent: (levels & ABSENCE_LEVEL.severe) !== 0,
    atRiskOfPersistentAbsence: (levels & ABSENCE_LEVEL.atRisk) !== 0,
    brokenWeeks: brokenWeeks(register, p, period.startSession, period.endSession),
  };
}
