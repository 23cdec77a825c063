import { lastSchoolDayOnOrBefore, sessionRange } from '../calendar/calendarLookup.ts';
import { academicYearBounds, academicYearOf } from '../dates/academicYear.ts';
import { type IsoDate } from '../dates/isoDate.ts';
import { type PolicyProfile } from '../policies/policyProfile.ts';
import { type Register } from '../register/register.ts';

/**
 * How persistent and severe absence choose their pupils:
 * - `all-pupils`: every pupil with a possible session, as a school's MIS reports year to date;
 * - `dfe-live`: leaves out pupils with 10 or fewer possible sessions, as DfE's live attendance figures do.
 */
export type MeasureMethod = 'all-pupils' | 'dfe-live';

export interface EvaluationOptions {
  asOf: IsoDate;
  policy: PolicyProfile;
  measureMethod?: MeasureMethod;
  /** Start of the period for measures; the academic year's 1 September by default. */
  periodStart?: IsoDate;
}

/** Everything the rules share for one register and as-of date, worked out once. */
export interface EvaluationContext {
  register: Register;
  policy: PolicyProfile;
  asOf: IsoDate;
  measureMethod: MeasureMethod;
  /** Last school day on or before the as-of date; -1 when the register has none. */
  asOfDay: number;
  /** Sessions up to the end of the as-of school day (exclusive bound). */
  asOfSessionEnd: number;
  period: { from: IsoDate; to: IsoDate; startSession: number; endSession: number };
  /** Academic-year bounds of the as-of date, for returns that are once per school year. */
  schoolYear: { start: IsoDate; end: IsoDate; startSession: number };
}

export function createEvaluationContext(register: Register, options: EvaluationOptions): EvaluationContext {
  const { calendar } = register;
  const asOfDay = lastSchoolDayOnOrBefore(calendar, options.asOf);
  const asOfSessionEnd = asOfDay < 0 ? 0 : calendar.dayFirstSession[asOfDay + 1];
  const yearBounds = academicYearBounds(academicYearOf(options.asOf));
  const from = options.periodStart ?? yearBounds.start;
  const periodSessions = sessionRange(calendar, from, options.asOf);
  const yearSessions = sessionRange(calendar, yearBounds.start, options.asOf);
  return {
    register,
    policy: options.policy,
    asOf: options.asOf,
    measureMethod: options.measureMethod ?? 'all-pupils',
    asOfDay,
    asOfSessionEnd,
    period: { from, to: options.asOf, startSession: periodSessions.start, endSession: periodSessions.end },
    schoolYear: {
      start: yearBounds.start,
      end: yearBounds.end,
      startSession: yearSessions.end > yearSessions.start ? yearSessions.start : asOfSessionEnd,
    },
  };
}
