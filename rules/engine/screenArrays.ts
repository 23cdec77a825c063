import { RULE_IDS, type RuleId } from '../findings/finding.ts';
import { type RegisterQuery } from './registerQuery.ts';

/** Bit of a rule in a pupil's screen mask: 1 << its place in RULE_IDS. */
export const RULE_BIT = Object.fromEntries(RULE_IDS.map((r, i) => [r, 1 << i])) as Record<RuleId, number>;

/** Every rule's bit: a screen of the whole register. */
export const ALL_RULES = RULE_IDS.reduce((mask, r) => mask | RULE_BIT[r], 0);

/** The per-pupil results of a screen, one entry per register row. */
export interface ScreenArrays {
  rules: Uint16Array;
  /** Possible and absence sessions in the measures period. */
  possible: Int32Array;
  absence: Int32Array;
  /** Sessions counted by the penalty threshold and by lateness in their windows. */
  penaltyCount: Int32Array;
  latenessCount: Int32Array;
  /** I sessions in the school year to the as-of day. */
  illnessSessions: Int32Array;
  /** Weeks of the period with an absence, and with a possible session. */
  brokenWeeks: Int32Array;
  schoolWeeks: Int32Array;
  /** Working space: the packed class counts of the as-of week to the as-of day, and of the as-of day. */
  asOfWeekSums: Int32Array;
  asOfDaySums: Int32Array;
}

export function screenArrays(pupils: number): ScreenArrays {
  return {
    rules: new Uint16Array(pupils),
    possible: new Int32Array(pupils),
    absence: new Int32Array(pupils),
    penaltyCount: new Int32Array(pupils),
    latenessCount: new Int32Array(pupils),
    illnessSessions: new Int32Array(pupils),
    brokenWeeks: new Int32Array(pupils),
    schoolWeeks: new Int32Array(pupils),
    asOfWeekSums: new Int32Array(pupils),
    asOfDaySums: new Int32Array(pupils),
  };
}

/** One register's pupils screened at one as-of date: the per-pupil results and the query they answer. */
export interface PupilScreen extends ScreenArrays {
  query: RegisterQuery;
  /**
   * The attendance return's run search, worked out once a screen: the school day its month starts on and
   * the profile's run codes as a table. The screen has already required compulsory school age.
   */
  returnRuns: { monthFirstDay: number; codes: Uint8Array };
}
