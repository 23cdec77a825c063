import { IS_ABSENCE, IS_ATTENDANCE, IS_POSSIBLE, codeSetTable } from '../codes/codeCategories.ts';
import { RULE_IDS, type RuleId } from '../findings/finding.ts';
import { meetsAbsencePercent } from '../measures/absenceThresholds.ts';
import { brokenWeeks } from '../measures/brokenWeeks.ts';
import { DFE_LIVE_MIN_POSSIBLE_EXCLUSIVE } from '../measures/pupilMeasures.ts';
import { countBefore, type RegisterQuery } from './registerQuery.ts';

/** Bit of a rule in a pupil's screen mask: 1 << its place in RULE_IDS. */
export const RULE_BIT = Object.fromEntries(RULE_IDS.map((r, i) => [r, 1 << i])) as Record<RuleId, number>;

const N_CODE = codeSetTable(['N']);
const ILLNESS = codeSetTable(['I']);

/**
 * Every pupil of a register screened against every rule in one pass, from the week-prefix counts and the
 * bytes of the as-of day. A set bit means the rule applies (persistent, severe, at-risk, broken weeks,
 * penalty threshold, lateness, unexplained today, overdue N: decided exactly here) or may apply (sickness
 * return, three days unexplained, the continuous-absence runs: the screen is a necessary condition and the
 * rule's own function decides, reading only that pupil's marks).
 */
export interface PupilScreen {
  query: RegisterQuery;
  rules: Uint16Array;
  /** Possible and absence sessions in the measures period. */
  possible: Int32Array;
  absence: Int32Array;
  /** Sessions counted by the penalty threshold and by lateness in their windows. */
  penaltyCount: Int32Array;
  latenessCount: Int32Array;
  /** I sessions in the school year to the as-of day. */
  illnessSessions: Int32Array;
}

export function screenPupils(q: RegisterQuery): PupilScreen {
  const { index, ctx, policy } = q;
  const { register, stride, weekFirstSession, sessionWeek, compulsoryFrom, compulsoryTo } = index;
  const { marks, pupils } = register;
  const n = register.calendar.sessionCount;
  const count = pupils.length;
  const screen: PupilScreen = {
    query: q,
    rules: new Uint16Array(count),
    possible: new Int32Array(count),
    absence: new Int32Array(count),
    penaltyCount: new Int32Array(count),
    latenessCount: new Int32Array(count),
    illnessSessions: new Int32Array(count),
  };
  const { absence: absenceRule, brokenWeeks: brokenRule, penaltyThreshold, lateness, continuousAbsence, deletionGround } = policy;
  const dfeLive = ctx.measureMethod === 'dfe-live';
  const ps = ctx.period.startSession;
  const pe = ctx.period.endSession;
  const hasPeriod = pe > ps;
  const firstWeek = hasPeriod ? sessionWeek[ps] : 0;
  const lastWeek = hasPeriod ? sessionWeek[pe - 1] : 0;
  const firstWeekEnd = hasPeriod ? Math.min(pe, weekFirstSession[firstWeek + 1]) : 0;
  const lastWeekStart = weekFirstSession[lastWeek];
  const hasDay = ctx.asOfDay >= 0;
  const { asOfDayStart, asOfEnd, asOfDayNumber, penaltyFirstWeek, latenessFirstWeek, overdueNEnd } = q;
  const yearStart = ctx.schoolYear.startSession;
  const hasYear = hasDay && yearStart < asOfEnd;
  const penaltyTable = codeSetTable(penaltyThreshold.codes);
  const latenessTable = codeSetTable(lateness.codes);
  const continuousTable = codeSetTable(continuousAbsence.codes);
  const deletionTable = codeSetTable(deletionGround.codes);

  for (let p = 0; p < count; p++) {
    const o = p * stride;
    const base = p * n;
    let mask = 0;

    if (hasPeriod) {
      const possible = countBefore(q, index.possible, IS_POSSIBLE, p, pe) - countBefore(q, index.possible, IS_POSSIBLE, p, ps);
      const absence = countBefore(q, index.absence, IS_ABSENCE, p, pe) - countBefore(q, index.absence, IS_ABSENCE, p, ps);
      screen.possible[p] = possible;
      screen.absence[p] = absence;
      const counted = dfeLive ? possible > DFE_LIVE_MIN_POSSIBLE_EXCLUSIVE : possible > 0;
      if (counted) {
        const persistent = meetsAbsencePercent(absence, possible, absenceRule.persistentPercent);
        if (persistent) mask |= RULE_BIT['persistent-absence'];
        if (meetsAbsencePercent(absence, possible, absenceRule.severePercent)) mask |= RULE_BIT['severe-absence'];
        if (!persistent && meetsAbsencePercent(absence, possible, absenceRule.atRiskFromPercent)) mask |= RULE_BIT['at-risk-of-persistent-absence'];
      }

      let broken: number;
      let weeks: number;
      if (index.brokenWeeks) {
        // Whole weeks strictly inside the period from the prefix; the first and last week from their bytes.
        const packed = lastWeek > firstWeek + 1 ? index.brokenWeeks[o + lastWeek] - index.brokenWeeks[o + firstWeek + 1] : 0;
        weeks = packed & 0xff;
        broken = packed >> 8;
        let possibleFlag = 0;
        let absenceFlag = 0;
        for (let s = base + ps; s < base + firstWeekEnd; s++) {
          possibleFlag |= IS_POSSIBLE[marks[s]];
          absenceFlag |= IS_ABSENCE[marks[s]];
        }
        weeks += possibleFlag;
        broken += absenceFlag;
        if (lastWeek > firstWeek) {
          possibleFlag = 0;
          absenceFlag = 0;
          for (let s = base + lastWeekStart; s < base + pe; s++) {
            possibleFlag |= IS_POSSIBLE[marks[s]];
            absenceFlag |= IS_ABSENCE[marks[s]];
          }
          weeks += possibleFlag;
          broken += absenceFlag;
        }
      } else {
        const counted = brokenWeeks(register, p, ps, pe);
        broken = counted.broken;
        weeks = counted.weeks;
      }
      if (broken >= brokenRule.minimumBrokenWeeks && broken >= brokenRule.concernRatio * weeks) mask |= RULE_BIT['broken-weeks'];
    }

    if (hasDay) {
      const compulsory = asOfDayNumber >= compulsoryFrom[p] && asOfDayNumber <= compulsoryTo[p];

      const penalty = countBefore(q, q.penaltyCounts, penaltyTable, p, asOfEnd) - q.penaltyCounts[o + penaltyFirstWeek];
      screen.penaltyCount[p] = penalty;
      if (compulsory && penalty >= penaltyThreshold.sessions) mask |= RULE_BIT['penalty-threshold'];

      const late = countBefore(q, q.latenessCounts, latenessTable, p, asOfEnd) - q.latenessCounts[o + latenessFirstWeek];
      screen.latenessCount[p] = late;
      if (late >= lateness.sessions) mask |= RULE_BIT['persistent-lateness'];

      if (hasYear) {
        const ill = countBefore(q, q.illnessCounts, ILLNESS, p, asOfEnd) - countBefore(q, q.illnessCounts, ILLNESS, p, yearStart);
        screen.illnessSessions[p] = ill;
        if (compulsory && ill >= q.illnessSessionsNeeded) mask |= RULE_BIT['sickness-return'];
      }

      if (overdueNEnd > 0 && countBefore(q, q.nCounts, N_CODE, p, overdueNEnd) > 0) mask |= RULE_BIT['n-code-overdue'];

      // The as-of day's own marks: unexplained today, and the start of any run ending today.
      let nToday = 0;
      let attendedToday = 0;
      let allContinuous = 1;
      let allDeletion = 1;
      for (let s = base + asOfDayStart; s < base + asOfEnd; s++) {
        const id = marks[s];
        nToday += N_CODE[id];
        attendedToday |= IS_ATTENDANCE[id];
        allContinuous &= continuousTable[id];
        allDeletion &= deletionTable[id];
      }
      if (nToday > 0) {
        mask |= RULE_BIT['unexplained-absence'];
        if (!attendedToday) mask |= RULE_BIT['unexplained-3-days'];
      }
      if (compulsory && allContinuous) mask |= RULE_BIT['continuous-unauthorised-10-days'];
      if (compulsory && allDeletion) mask |= RULE_BIT['deletion-ground-20-days'];
    }
    screen.rules[p] = mask;
  }
  return screen;
}
