import { IS_ABSENCE, IS_ATTENDANCE, IS_POSSIBLE, codeSetTable } from '../codes/codeCategories.ts';
import { RULE_IDS, type RuleId } from '../findings/finding.ts';
import { brokenWeeks } from '../measures/brokenWeeks.ts';
import { DFE_LIVE_MIN_POSSIBLE_EXCLUSIVE } from '../measures/pupilMeasures.ts';
import { PACKED_FIELD, packedClassTable } from './packedCodeCounts.ts';
import { type RegisterQuery } from './registerQuery.ts';

/** Bit of a rule in a pupil's screen mask: 1 << its place in RULE_IDS. */
export const RULE_BIT = Object.fromEntries(RULE_IDS.map((r, i) => [r, 1 << i])) as Record<RuleId, number>;

const N_CODE = codeSetTable(['N']);
const ILLNESS = codeSetTable(['I']);

/**
 * Every pupil of a register screened against every rule in one pass: possible sessions, broken weeks and
 * late marks from the week-prefix counts (plus the as-of week's few bytes), absence and its codes from the
 * pupil's absence marks, and the runs from the bytes of the as-of day. A set bit means the rule applies (persistent, severe, at-risk, broken weeks,
 * penalty threshold, lateness, unexplained today, overdue N: decided exactly here) or may apply (sickness
 * return, three days unexplained, the continuous-absence runs: the screen is a necessary condition and the
 * finding's builder decides, reading only that pupil's marks). The sickness return is the one the
 * sickness-return list re-checks; the others are listed only as findings.
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
  /** Weeks of the period with an absence, and with a possible session. */
  brokenWeeks: Int32Array;
  schoolWeeks: Int32Array;
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
    brokenWeeks: new Int32Array(count),
    schoolWeeks: new Int32Array(count),
  };
  // Everything the loop reads is a local: imported bindings and object fields cost a load each time.
  const isPossible = IS_POSSIBLE;
  const isAbsence = IS_ABSENCE;
  const isAttendance = IS_ATTENDANCE;
  const nCode = N_CODE;
  const packedTable = packedClassTable(policy);
  const possiblePrefix = index.possible;
  const { start: markStart, session: markSession, code: markCode } = index.absenceMarks;
  const illnessTable = ILLNESS;
  const brokenPrefix = index.brokenWeeks;
  const { penaltyCounts, latenessCounts } = q;
  const { absence: absenceRule, brokenWeeks: brokenRule, penaltyThreshold, lateness, continuousAbsence, deletionGround } = policy;
  const penaltyTable = codeSetTable(penaltyThreshold.codes);
  const persistentPercent = absenceRule.persistentPercent;
  const severePercent = absenceRule.severePercent;
  const atRiskPercent = absenceRule.atRiskFromPercent;
  const minimumBroken = brokenRule.minimumBrokenWeeks;
  const concernRatio = brokenRule.concernRatio;
  const penaltySessions = penaltyThreshold.sessions;
  const latenessSessions = lateness.sessions;
  const continuousTable = codeSetTable(continuousAbsence.codes);
  const deletionTable = codeSetTable(deletionGround.codes);
  const dfeLive = ctx.measureMethod === 'dfe-live';

  // A count before session `end` is the week-prefix entry of end's week plus that week's sessions before
  // end; each bound's week and the start of that partial week are the same for every pupil.
  const bound = (end: number) => ({
    week: sessionWeek[end],
    from: weekFirstSession[sessionWeek[end]],
    end,
  });
  const ps = ctx.period.startSession;
  const pe = ctx.period.endSession;
  const hasPeriod = pe > ps;
  const periodStart = bound(ps);
  const periodEnd = bound(pe);
  const firstWeek = hasPeriod ? sessionWeek[ps] : 0;
  const lastWeek = hasPeriod ? sessionWeek[pe - 1] : 0;
  const firstWeekEnd = hasPeriod ? Math.min(pe, weekFirstSession[firstWeek + 1]) : 0;
  const lastWeekStart = weekFirstSession[lastWeek];
  const hasDay = ctx.asOfDay >= 0;
  const { asOfDayStart, asOfEnd, asOfDayNumber, penaltyFirstWeek, latenessFirstWeek, overdueNEnd } = q;
  const asOf = bound(asOfEnd);
  const yearStartSession = ctx.schoolYear.startSession;
  const hasYear = hasDay && yearStartSession < asOfEnd;
  const penaltyStart = hasDay ? weekFirstSession[penaltyFirstWeek] : 0;
  const illnessNeeded = q.illnessSessionsNeeded;
  const bitPersistent = RULE_BIT['persistent-absence'];
  const bitSevere = RULE_BIT['severe-absence'];
  const bitAtRisk = RULE_BIT['at-risk-of-persistent-absence'];
  const bitBroken = RULE_BIT['broken-weeks'];
  const bitPenalty = RULE_BIT['penalty-threshold'];
  const bitLateness = RULE_BIT['persistent-lateness'];
  const bitSickness = RULE_BIT['sickness-return'];
  const bitOverdue = RULE_BIT['n-code-overdue'];
  const bitToday = RULE_BIT['unexplained-absence'];
  const bitThreeDays = RULE_BIT['unexplained-3-days'];
  const bitContinuous = RULE_BIT['continuous-unauthorised-10-days'];
  const bitDeletion = RULE_BIT['deletion-ground-20-days'];
  const { possible: F_POSSIBLE, penalty: F_PENALTY, lateness: F_LATENESS } = PACKED_FIELD;

  for (let p = 0; p < count; p++) {
    const o = p * stride;
    const base = p * n;
    let mask = 0;
    // The as-of week up to the end of the as-of day, every class at once.
    let tail = 0;
    for (let s = base + asOf.from, stop = base + asOf.end; s < stop; s++) tail += packedTable[marks[s]];

    // One pass over the pupil's absence marks up to the as-of day counts absence in the period, the
    // penalty codes in their window, illness in the school year and N marks old enough to be overdue.
    let absence = 0;
    let penaltyMarks = 0;
    let ill = 0;
    let overdueN = 0;
    for (let k = markStart[p], stop = markStart[p + 1]; k < stop; k++) {
      const s = markSession[k];
      if (s >= asOfEnd) break;
      const id = markCode[k];
      if (s >= ps && s < pe) absence++;
      if (s >= penaltyStart) penaltyMarks += penaltyTable[id];
      if (s >= yearStartSession) ill += illnessTable[id];
      if (s < overdueNEnd) overdueN += nCode[id];
    }

    if (hasPeriod) {
      let head = 0;
      for (let s = base + periodStart.from, stop = base + periodStart.end; s < stop; s++) head += packedTable[marks[s]];
      let endTail = tail;
      if (periodEnd.end !== asOf.end) {
        endTail = 0;
        for (let s = base + periodEnd.from, stop = base + periodEnd.end; s < stop; s++) endTail += packedTable[marks[s]];
      }
      const possible = possiblePrefix[o + periodEnd.week] + ((endTail >>> F_POSSIBLE) & 0xf) - possiblePrefix[o + periodStart.week] - ((head >>> F_POSSIBLE) & 0xf);
      screen.possible[p] = possible;
      screen.absence[p] = absence;
      // meetsAbsencePercent, in integers: absent >= pct% of possible <=> 100 * absent >= pct * possible.
      if (dfeLive ? possible > DFE_LIVE_MIN_POSSIBLE_EXCLUSIVE : possible > 0) {
        const persistent = 100 * absence >= persistentPercent * possible;
        if (persistent) mask |= bitPersistent;
        if (100 * absence >= severePercent * possible) mask |= bitSevere;
        if (!persistent && 100 * absence >= atRiskPercent * possible) mask |= bitAtRisk;
      }

      let broken: number;
      let weeks: number;
      if (brokenPrefix) {
        // Whole weeks strictly inside the period from the prefix; the first and last week from their bytes.
        const packed = lastWeek > firstWeek + 1 ? brokenPrefix[o + lastWeek] - brokenPrefix[o + firstWeek + 1] : 0;
        weeks = packed & 0xff;
        broken = packed >> 8;
        let possibleFlag = 0;
        let absenceFlag = 0;
        for (let s = base + ps, stop = base + firstWeekEnd; s < stop; s++) {
          possibleFlag |= isPossible[marks[s]];
          absenceFlag |= isAbsence[marks[s]];
        }
        weeks += possibleFlag;
        broken += absenceFlag;
        if (lastWeek > firstWeek) {
          possibleFlag = 0;
          absenceFlag = 0;
          for (let s = base + lastWeekStart, stop = base + pe; s < stop; s++) {
            possibleFlag |= isPossible[marks[s]];
            absenceFlag |= isAbsence[marks[s]];
          }
          weeks += possibleFlag;
          broken += absenceFlag;
        }
      } else {
        const counted = brokenWeeks(register, p, ps, pe);
        broken = counted.broken;
        weeks = counted.weeks;
      }
      screen.brokenWeeks[p] = broken;
      screen.schoolWeeks[p] = weeks;
      if (broken >= minimumBroken && broken >= concernRatio * weeks) mask |= bitBroken;
    }

    if (hasDay) {
      const compulsory = asOfDayNumber >= compulsoryFrom[p] && asOfDayNumber <= compulsoryTo[p];

      const penalty = penaltyCounts ? penaltyCounts[o + asOf.week] + ((tail >>> F_PENALTY) & 0xf) - penaltyCounts[o + penaltyFirstWeek] : penaltyMarks;
      screen.penaltyCount[p] = penalty;
      if (compulsory && penalty >= penaltySessions) mask |= bitPenalty;

      const late = latenessCounts[o + asOf.week] + ((tail >>> F_LATENESS) & 0xf) - latenessCounts[o + latenessFirstWeek];
      screen.latenessCount[p] = late;
      if (late >= latenessSessions) mask |= bitLateness;

      if (hasYear) {
        screen.illnessSessions[p] = ill;
        if (compulsory && ill >= illnessNeeded) mask |= bitSickness;
      }

      if (overdueN > 0) mask |= bitOverdue;

      // The as-of day's own marks: unexplained today, and the start of any run ending today.
      let nToday = 0;
      let attendedToday = 0;
      let allContinuous = 1;
      let allDeletion = 1;
      for (let s = base + asOfDayStart, stop = base + asOfEnd; s < stop; s++) {
        const id = marks[s];
        nToday += nCode[id];
        attendedToday |= isAttendance[id];
        allContinuous &= continuousTable[id];
        allDeletion &= deletionTable[id];
      }
      if (nToday > 0) {
        mask |= bitToday;
        if (!attendedToday) mask |= bitThreeDays;
      }
      if (compulsory && allContinuous) mask |= bitContinuous;
      if (compulsory && allDeletion) mask |= bitDeletion;
    }
    screen.rules[p] = mask;
  }
  return screen;
}
