import { IS_ABSENCE, IS_POSSIBLE, codeSetTable } from '../codes/codeCategories.ts';
import { brokenWeeks } from '../measures/brokenWeeks.ts';
import { ABSENCE_LEVEL, absenceLevelBits } from '../measures/absenceThresholds.ts';
import { meetsBrokenWeeksConcern } from '../measures/brokenWeeks.ts';
import { absenceLevelLines } from '../measures/pupilMeasures.ts';
import { firstSchoolDayOfMonth } from '../findings/unauthorisedRuns.ts';
import { hasRunFrom } from './absenceRuns.ts';
import { asOfDayTable, DAY_ATTENDED, DAY_DELETION, DAY_N } from './asOfDayTable.ts';
import { PACKED_FIELD, packedClassTable } from './packedCodeCounts.ts';
import { periodWeekBounds } from './periodWeekBounds.ts';
import { allAbsenceCodes } from './registerIndex.ts';
import { sumRows } from './rowSums.ts';
import { type RegisterQuery } from './registerQuery.ts';
import { ALL_RULES, RULE_BIT, type PupilScreen, type ScreenArrays, screenArrays } from './screenArrays.ts';

const N_CODE = codeSetTable(['N']);
const { persistent: LEVEL_PERSISTENT, severe: LEVEL_SEVERE, atRisk: LEVEL_AT_RISK } = ABSENCE_LEVEL;
const ILLNESS = codeSetTable(['I']);

/**
 * Every pupil of a register screened against every rule in one pass: possible sessions, broken weeks and
 * late marks from the week-prefix counts (plus the as-of week's few bytes), absence and its codes from the
 * pupil's absence marks, and the runs from the bytes of the as-of day. A set bit means the rule applies
 * (persistent, severe, at-risk, broken weeks, penalty threshold, lateness, unexplained today, overdue N:
 * decided exactly here) or may apply (sickness return under whole-day counting, three days unexplained,
 * the continuous-absence runs: the screen is a necessary condition and candidateChecks decide, reading
 * only that pupil's marks). For the attendance return's runs, which may have ended earlier in the month,
 * the screen finds whether one exists from the pupil's absence marks, and the check measures it.
 *
 * `wanted` narrows the screen to some rules (a list needs one): the parts of the pass only other rules
 * need are skipped, and bits of rules not wanted are never set. `into` reuses arrays from an earlier
 * screen of the same register (every `rules` entry is rewritten; a count no wanted rule needs keeps
 * whatever it held): a query that copies out what it needs then allocates nothing per pupil, which over a
 * whole authority spares the collector tens of megabytes of short-lived arrays a query.
 */
export function screenPupils(q: RegisterQuery, wanted: number = ALL_RULES, into?: ScreenArrays): PupilScreen {
  const { index, ctx, policy } = q;
  const { register, stride, weekFirstSession, sessionWeek, compulsoryFrom, compulsoryTo } = index;
  const { marks, pupils } = register;
  const n = register.calendar.sessionCount;
  const count = pupils.length;
  const arrays = into ?? screenArrays(count);

  // Everything the loop reads or writes is a local: imported bindings and object fields cost a load each time.
  const {
    rules: rulesOut,
    possible: possibleOut,
    absence: absenceOut,
    penaltyCount: penaltyOut,
    latenessCount: latenessOut,
    illnessSessions: illnessOut,
    brokenWeeks: brokenOut,
    schoolWeeks: weeksOut,
  } = arrays;
  const isPossible = IS_POSSIBLE;
  const isAbsence = IS_ABSENCE;
  const nCode = N_CODE;
  const packedTable = packedClassTable(policy);
  const possiblePrefix = index.possible;
  const { start: markStart, session: markSession, code: markCode } = index.absenceMarks;
  const illnessTable = ILLNESS;
  const brokenPrefix = index.brokenWeeks;
  const { penaltyCounts, latenessCounts } = q;
  const { brokenWeeks: brokenRule, penaltyThreshold, lateness, continuousAbsence, deletionGround } = policy;
  const penaltyTable = codeSetTable(penaltyThreshold.codes);
  const levelLines = absenceLevelLines(policy, ctx.measureMethod);
  const levelBits = absenceLevelBits;
  const brokenConcern = meetsBrokenWeeksConcern;
  const penaltySessions = penaltyThreshold.sessions;
  const latenessSessions = lateness.sessions;
  const continuousTable = codeSetTable(continuousAbsence.codes);
  const deletionTable = codeSetTable(deletionGround.codes);

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
  // Broken weeks: the period's whole weeks from the prefix, and a partial week at either end from its
  // bytes, unless the partial week at the end is the as-of week's, whose counts the pupil's `tail` holds.
  const { wholeFrom, wholeTo, headStart, headEnd, endStart, endEnd } = periodWeekBounds(
    ps,
    pe,
    sessionWeek,
    weekFirstSession,
  );
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
  const { possible: F_POSSIBLE, penalty: F_PENALTY, lateness: F_LATENESS, absence: F_ABSENCE } = PACKED_FIELD;
  const endFromTail = endEnd > endStart && endStart === asOf.from && endEnd === asOf.end;

  // Which parts of the pass the wanted rules need; each is the same for every pupil.
  const wantLevels = (wanted & (bitPersistent | bitSevere | bitAtRisk)) !== 0;
  const wantBroken = (wanted & bitBroken) !== 0;
  const wantPenalty = (wanted & bitPenalty) !== 0;
  const wantLateness = (wanted & bitLateness) !== 0;
  const wantSickness = (wanted & bitSickness) !== 0;
  const wantOverdue = (wanted & bitOverdue) !== 0;
  const wantToday = (wanted & (bitToday | bitThreeDays | bitDeletion)) !== 0;
  const wantContinuous = (wanted & bitContinuous) !== 0;
  // A run of `days` school days ending this month (on or after its first school day, by the as-of day)
  // has its last `days` days wholly on or after the school day `days - 1` before that. So the pupil's
  // absence marks from there decide exactly whether there is one: each day whose every session carries a
  // run code extends the run of such days, and a run reaching `days` on a day of this month qualifies. The
  // candidate check then measures the whole run, which may start earlier. Codes that are not all absence
  // codes are not among the absence marks, so then every pupil of compulsory school age is a candidate.
  const monthFirstDay = hasDay ? firstSchoolDayOfMonth(register, ctx.asOf) : 0;
  const monthHasRun = hasDay && monthFirstDay <= ctx.asOfDay;
  const continuousDays = continuousAbsence.days;
  const continuousByMarks = allAbsenceCodes(continuousAbsence.codes);
  const continuousFrom = monthHasRun
    ? register.calendar.dayFirstSession[Math.max(0, monthFirstDay - continuousDays + 1)]
    : asOfEnd;
  const screen: PupilScreen = { ...arrays, query: q, returnRuns: { monthFirstDay, codes: continuousTable } };
  const needTail = wantLevels || wantLateness || (wantPenalty && penaltyCounts !== null) || (wantBroken && endFromTail);
  const needMarks =
    wantLevels || wantSickness || wantOverdue || (wantPenalty && penaltyCounts === null) || wantContinuous;

  // The bytes of the as-of week up to the end of the as-of day (every class counted at once), and of the
  // as-of day itself, summed for every pupil first: passes that only step through the marks at one stride
  // let the reads from memory overlap, where the main loop below, touching several arrays a pupil, waited
  // on memory for each pupil's row.
  const { asOfWeekSums: tails, asOfDaySums: days } = arrays;
  const daySessions = asOfEnd - asOfDayStart;
  if (needTail) sumRows(marks, n, count, asOf.from, asOf.end - asOf.from, packedTable, tails);
  if (wantToday) sumRows(marks, n, count, asOfDayStart, daySessions, asOfDayTable(deletionTable), days);

  for (let p = 0; p < count; p++) {
    const o = p * stride;
    const base = p * n;
    let mask = 0;
    const tail = tails[p];

    // One pass over the pupil's absence marks up to the as-of day counts absence in the period, the
    // penalty codes in their window, illness in the school year and N marks old enough to be overdue.
    let absence = 0;
    let penaltyMarks = 0;
    let ill = 0;
    let overdueN = 0;
    let continuousMarks = 0;
    for (let k = markStart[p], stop = needMarks ? markStart[p + 1] : k; k < stop; k++) {
      const s = markSession[k];
      if (s >= asOfEnd) break;
      const id = markCode[k];
      if (s >= ps && s < pe) absence++;
      if (s >= penaltyStart) penaltyMarks += penaltyTable[id];
      if (s >= yearStartSession) ill += illnessTable[id];
      if (s < overdueNEnd) overdueN += nCode[id];
      if (s >= continuousFrom) continuousMarks += continuousTable[id];
    }
    // Enough run codes for a run is necessary; only then are the days read to see whether there is one.
    const continuousRun =
      continuousMarks >= continuousDays &&
      hasRunFrom(
        index.absenceMarks,
        p,
        continuousFrom,
        asOfEnd,
        continuousTable,
        register.calendar,
        continuousDays,
        monthFirstDay,
      );

    if (hasPeriod && wantLevels) {
      let head = 0;
      for (let s = base + periodStart.from, stop = base + periodStart.end; s < stop; s++) head += packedTable[marks[s]];
      let endTail = tail;
      if (periodEnd.end !== asOf.end) {
        endTail = 0;
        for (let s = base + periodEnd.from, stop = base + periodEnd.end; s < stop; s++)
          endTail += packedTable[marks[s]];
      }
      const possible =
        possiblePrefix[o + periodEnd.week] +
        ((endTail >>> F_POSSIBLE) & 0xf) -
        possiblePrefix[o + periodStart.week] -
        ((head >>> F_POSSIBLE) & 0xf);
      possibleOut[p] = possible;
      absenceOut[p] = absence;
      const levels = levelBits(absence, possible, levelLines);
      if (levels !== 0) {
        if (levels & LEVEL_PERSISTENT) mask |= bitPersistent;
        if (levels & LEVEL_SEVERE) mask |= bitSevere;
        if (levels & LEVEL_AT_RISK) mask |= bitAtRisk;
      }
    }

    if (hasPeriod && wantBroken) {
      let broken: number;
      let weeks: number;
      if (brokenPrefix) {
        const packed = brokenPrefix[o + wholeTo] - brokenPrefix[o + wholeFrom];
        weeks = packed & 0xff;
        broken = packed >> 8;
        let possibleFlag = 0;
        let absenceFlag = 0;
        for (let s = base + headStart, stop = base + headEnd; s < stop; s++) {
          possibleFlag |= isPossible[marks[s]];
          absenceFlag |= isAbsence[marks[s]];
        }
        weeks += possibleFlag;
        broken += absenceFlag;
        if (endFromTail) {
          if ((tail >>> F_POSSIBLE) & 0xf) weeks++;
          if ((tail >>> F_ABSENCE) & 0xf) broken++;
        } else {
          possibleFlag = 0;
          absenceFlag = 0;
          for (let s = base + endStart, stop = base + endEnd; s < stop; s++) {
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
      brokenOut[p] = broken;
      weeksOut[p] = weeks;
      if (brokenConcern(broken, weeks, brokenRule)) mask |= bitBroken;
    }

    if (hasDay) {
      const compulsory = asOfDayNumber >= compulsoryFrom[p] && asOfDayNumber <= compulsoryTo[p];

      if (wantPenalty) {
        const penalty = penaltyCounts
          ? penaltyCounts[o + asOf.week] + ((tail >>> F_PENALTY) & 0xf) - penaltyCounts[o + penaltyFirstWeek]
          : penaltyMarks;
        penaltyOut[p] = penalty;
        if (compulsory && penalty >= penaltySessions) mask |= bitPenalty;
      }

      if (wantLateness) {
        const late =
          latenessCounts[o + asOf.week] + ((tail >>> F_LATENESS) & 0xf) - latenessCounts[o + latenessFirstWeek];
        latenessOut[p] = late;
        if (late >= latenessSessions) mask |= bitLateness;
      }

      if (hasYear && wantSickness) {
        illnessOut[p] = ill;
        if (compulsory && ill >= illnessNeeded) mask |= bitSickness;
      }

      if (overdueN > 0) mask |= bitOverdue;

      // The as-of day's own marks: unexplained today, and the start of any run ending today.
      if (wantToday) {
        const day = days[p];
        if ((day >>> DAY_N) & 0xf) {
          mask |= bitToday;
          if (((day >>> DAY_ATTENDED) & 0xf) === 0) mask |= bitThreeDays;
        }
        if (compulsory && ((day >>> DAY_DELETION) & 0xf) === daySessions) mask |= bitDeletion;
      }
      if (wantContinuous && compulsory && monthHasRun && (!continuousByMarks || continuousRun)) mask |= bitContinuous;
    }
    rulesOut[p] = mask & wanted;
  }
  return screen;
}
