import { type CalendarMonth } from '../dates/calendarMonth.ts';
import { type IsoDate } from '../dates/isoDate.ts';
import { type Citation } from '../findings/citation.ts';

/**
 * The two returns about individual pupils a school owes its local authority at least monthly:
 * - `attendance`: absent for a continuous period of 10 school days with unauthorised codes;
 * - `sickness`: code I on 15 school days, consecutive or cumulative (one per continuous illness in a
 *   school year, or once a year where the profile says so).
 */
export type ReturnKind = 'attendance' | 'sickness';

/** One pupil on one return: what happened, between which dates, and why it is owed. */
export interface LocalAuthorityReturn {
  upn: string;
  pupilName: string;
  yearGroup: string;
  dateOfBirth: IsoDate;
  kind: ReturnKind;
  /** The run's first and last school day (attendance), or the illness counted (sickness). */
  from: IsoDate;
  to: IsoDate;
  /** School days in the run, or days of illness counted (halves where each I session is half a day). */
  schoolDays: number;
  reason: string;
  citation: Citation;
  /**
   * What the return is for, the key a return made is recorded under: the run's first day (attendance),
   * the illness's first day (sickness, once per illness) or the school year (sickness, once a year).
   */
  returnFor: string;
  /** The school day the return became owed: the 10th day of the run, or the day illness reached 15 days. */
  dueOn: IsoDate;
}

/** Every return a school owes for a month, worked out at `asOf` (the month's end, or today within it). */
export interface MonthlyReturns {
  month: CalendarMonth;
  asOf: IsoDate;
  returns: LocalAuthorityReturn[];
}

/** The identity of a return, the same however often it is worked out: school, pupil, kind and what for. */
export function returnKey(schoolUrn: string, r: Pick<LocalAuthorityReturn, 'upn' | 'kind' | 'returnFor'>): string {
  return `${schoolUrn}:${r.upn}:${r.kind}:${r.returnFor}`;
}
