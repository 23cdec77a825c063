import { type EvaluationContext } from '../findings/evaluationContext.ts';
import { absencePercent, meetsAbsencePercent } from './absenceThresholds.ts';
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

/** A pupil's measures over the context's period (academic year to the as-of date unless set). */
export function pupilMeasures(ctx: EvaluationContext, p: number): PupilMeasures {
  const { register, period, policy } = ctx;
  const base = p * register.calendar.sessionCount;
  const counts = countsFromCodeTally(tallyCodes(register.marks, base + period.startSession, base + period.endSession));
  const counted =
    ctx.measureMethod === 'dfe-live' ? counts.possible > DFE_LIVE_MIN_POSSIBLE_EXCLUSIVE : counts.possible > 0;
  const persistent = counted && meetsAbsencePercent(counts.absence, counts.possible, policy.absence.persistentPercent);
  return {
    ...counts,
    from: period.from,
    to: period.to,
    attendancePercent: absencePercent(counts.attended, counts.possible),
    absencePercent: absencePercent(counts.absence, counts.possible),
    authorisedPercent: absencePercent(counts.authorised, counts.possible),
    unauthorisedPercent: absencePercent(counts.unauthorised, counts.possible),
    countedForAbsenceMeasures: counted,
    persistentlyAbsent: persistent,
    severelyAbsent: counted && meetsAbsencePercent(counts.absence, counts.possible, policy.absence.severePercent),
    atRiskOfPersistentAbsence:
      counted && !persistent && meetsAbsencePercent(counts.absence, counts.possible, policy.absence.atRiskFromPercent),
    brokenWeeks: brokenWeeks(register, p, period.startSession, period.endSession),
  };
}
