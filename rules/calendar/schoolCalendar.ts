import { type IsoDate } from '../dates/isoDate.ts';

/** Morning or afternoon: the two sessions of a school day (reg 10 of the 2024 Regs). */
export type SessionHalf = 'AM' | 'PM';

export interface Term {
  name: string;
  start: IsoDate;
  end: IsoDate;
}

export interface Closure {
  date: IsoDate;
  /** Only this session closed; both when absent. */
  session?: SessionHalf;
  reason: string;
}

/**
 * Which sessions a school was open, indexed so that rules can walk school days and school weeks as
 * plain integers. A school day is a date with at least one open session; a school week is a Monday-Sunday
 * week with at least one open session. Weekends, holidays and closures simply have no index, so windows
 * counted in school days or school weeks never include them.
 */
export interface SchoolCalendar {
  terms: readonly Term[];
  closures: readonly Closure[];
  /** Where the calendar came from, for the working shown with every figure. */
  source: string;
  /** Things the calendar builder decided that a person may want to check. */
  notes: readonly string[];

  sessionCount: number;
  /** Date of each open session, in order. */
  sessionDate: readonly IsoDate[];
  /** 0 for AM, 1 for PM. */
  sessionHalf: Uint8Array;
  /** School-day index of each session. */
  sessionDay: Int32Array;

  dayCount: number;
  dayDate: readonly IsoDate[];
  /** Day number (days since 1970-01-01) of each school day, for binary search. */
  dayNumber: Int32Array;
  /** First session index of each school day; one extra entry at the end equals sessionCount. */
  dayFirstSession: Int32Array;
  /** School-week index of each school day. */
  dayWeek: Int32Array;

  weekCount: number;
  /** Monday of each school week. */
  weekMonday: readonly IsoDate[];
  /** First school-day index of each school week; one extra entry at the end equals dayCount. */
  weekFirstDay: Int32Array;

  /** School-day index by date. */
  dayIndex: ReadonlyMap<IsoDate, number>;
}

export function halfName(half: number): SessionHalf {
  return half === 0 ? 'AM' : 'PM';
}
