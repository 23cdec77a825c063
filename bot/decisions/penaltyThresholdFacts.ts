import {
  addDays,
  codeBreakdown,
  codeSetTable,
  lastSchoolDayOnOrBefore,
  markedSessions,
  penaltyWithoutWarning,
  type ReliedOnAbsence,
  rollingWindowCount,
  type SessionMark,
  sessionRange,
  sessionsNotYetPenalised,
} from '../../rules/index.ts';
import { type SchoolData } from '../schools/schoolData.ts';

export interface ThresholdFacts {
  met: boolean;
  count: number;
  sessions: SessionMark[];
  byCode: Record<string, number>;
  /**
   * Support is not appropriate, so no warning or notice to improve first: only G (unauthorised holiday)
   * behind it, or (004) five or more school days of G whatever else is in the window.
   */
  holidayOnly: boolean;
  /** Sessions in the window an earlier notice to this parent relied on, left out of `count`. */
  alreadyPenalised: number;
  /** Which of those, for the card to say. */
  withoutWarning?: 'leave-without-consent' | 'holiday-only';
}

/**
 * The penalty threshold for one pupil at the school's as-of date, counted the way the penalty-threshold
 * finding counts it but for any pupil: the finding leaves out pupils below compulsory school age, and the
 * walk-through must still say why no notice can follow for them.
 */
export function penaltyThresholdFacts(
  school: SchoolData,
  pupilIndex: number,
  reliedOn: readonly ReliedOnAbsence[] = [],
): ThresholdFacts {
  const { register, policy } = school;
  const rule = policy.penaltyThreshold;
  const lastDay = lastSchoolDayOnOrBefore(register.calendar, school.asOf);
  const result =
    lastDay < 0
      ? null
      : rollingWindowCount(register, pupilIndex, lastDay, rule.schoolWeeks, rule.sessions, codeSetTable(rule.codes));
  if (!result) return { met: false, count: 0, sessions: [], byCode: {}, holidayOnly: false, alreadyPenalised: 0 };
  // Sessions an earlier notice to this parent relied on are not counted towards a new one.
  const sessions = sessionsNotYetPenalised(result.sessions, reliedOn);
  const alreadyPenalised = result.sessions.length - sessions.length;
  const byCode = codeBreakdown(sessions);
  if (sessions.length < rule.sessions)
    return { met: false, count: sessions.length, sessions, byCode, holidayOnly: false, alreadyPenalised };
  const withoutWarning = penaltyWithoutWarning(policy, byCode);
  return {
    met: true,
    alreadyPenalised,
    count: sessions.length,
    sessions,
    byCode,
    holidayOnly: withoutWarning !== undefined,
    withoutWarning,
  };
}

/**
 * Unauthorised sessions (the threshold's codes) from the day after a notice to improve was issued to the
 * school's as-of date, read from the register rather than asked: 004 allows none in its 15 school days.
 */
export function unauthorisedSessionsSince(school: SchoolData, pupilIndex: number, issuedOn: string): number {
  const { start, end } = sessionRange(school.register.calendar, addDays(issuedOn, 1), school.asOf);
  return markedSessions(school.register, pupilIndex, start, end, codeSetTable(school.policy.penaltyThreshold.codes))
    .length;
}
