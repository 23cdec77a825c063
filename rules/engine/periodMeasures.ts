import { CATEGORY_INDEX, CATEGORY_OF_ID, IS_ABSENCE, IS_POSSIBLE } from '../codes/codeCategories.ts';
import { REGISTER_CODES } from '../codes/registerCodes.ts';
import { absencePercent } from '../measures/absenceThresholds.ts';
import { DFE_LIVE_MIN_POSSIBLE_EXCLUSIVE, type PupilMeasures } from '../measures/pupilMeasures.ts';
import { RULE_BIT, type PupilScreen } from './screenPupils.ts';

/**
 * A flagged pupil's full measures over the period, equal to what `pupilMeasures` gives, from one pass over the
 * period's bytes that tallies codes and marks broken weeks together. The screen already decided which of
 * persistent, severe and at-risk apply, from the same counts.
 */
export function periodMeasures(screen: PupilScreen, p: number, tally: Uint32Array): PupilMeasures {
  const { ctx, index } = screen.query;
  const { register, weekFirstSession, sessionWeek } = index;
  const { marks, calendar } = register;
  const { period } = ctx;
  const isPossible = IS_POSSIBLE;
  const isAbsence = IS_ABSENCE;
  const base = p * calendar.sessionCount;
  tally.fill(0);
  let broken = 0;
  let weeks = 0;
  const brokenWeekMondays: string[] = [];
  if (period.endSession > period.startSession) {
    const lastWeek = sessionWeek[period.endSession - 1];
    for (let w = sessionWeek[period.startSession]; w <= lastWeek; w++) {
      const from = Math.max(period.startSession, weekFirstSession[w]);
      const to = Math.min(period.endSession, weekFirstSession[w + 1]);
      let possible = 0;
      let absence = 0;
      for (let s = base + from; s < base + to; s++) {
        const id = marks[s];
        tally[id]++;
        possible |= isPossible[id];
        absence |= isAbsence[id];
      }
      weeks += possible;
      if (absence) {
        broken++;
        brokenWeekMondays.push(calendar.weekMonday[w]);
      }
    }
  }
  // What countsFromCodeTally works out, written out: spreading its result into a second object cost
  // several microseconds a pupil, which over a local authority's flagged pupils was most of the query.
  const categoryOf = CATEGORY_OF_ID;
  const codes = REGISTER_CODES;
  const byCategory = [0, 0, 0, 0, 0, 0, 0];
  const byCode: Record<string, number> = {};
  for (let id = 0; id < tally.length; id++) {
    const n = tally[id];
    if (!n) continue;
    byCategory[categoryOf[id]] += n;
    const code = codes[id];
    if (code && code.category !== 'no-mark') byCode[code.code] = (byCode[code.code] ?? 0) + n;
  }
  const present = byCategory[CATEGORY_INDEX.present];
  const approvedActivity = byCategory[CATEGORY_INDEX['approved-activity']];
  const authorised = byCategory[CATEGORY_INDEX.authorised];
  const unauthorised = byCategory[CATEGORY_INDEX.unauthorised];
  const attended = present + approvedActivity;
  const absence = authorised + unauthorised;
  const possible = attended + absence;
  const mask = screen.rules[p];
  return {
    possible,
    present,
    approvedActivity,
    attended,
    authorised,
    unauthorised,
    absence,
    notPossible: byCategory[CATEGORY_INDEX['not-possible']],
    notCollected: byCategory[CATEGORY_INDEX['not-collected']],
    noMark: byCategory[CATEGORY_INDEX['no-mark']],
    byCode,
    from: period.from,
    to: period.to,
    attendancePercent: absencePercent(attended, possible),
    absencePercent: absencePercent(absence, possible),
    authorisedPercent: absencePercent(authorised, possible),
    unauthorisedPercent: absencePercent(unauthorised, possible),
    countedForAbsenceMeasures: ctx.measureMethod === 'dfe-live' ? possible > DFE_LIVE_MIN_POSSIBLE_EXCLUSIVE : possible > 0,
    persistentlyAbsent: (mask & RULE_BIT['persistent-absence']) !== 0,
    severelyAbsent: (mask & RULE_BIT['severe-absence']) !== 0,
    atRiskOfPersistentAbsence: (mask & RULE_BIT['at-risk-of-persistent-absence']) !== 0,
    brokenWeeks: { broken, weeks, brokenWeekMondays },
  };
}
