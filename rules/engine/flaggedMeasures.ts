import { IS_UNAUTHORISED } from '../codes/codeCategories.ts';
import { REGISTER_CODES } from '../codes/registerCodes.ts';
import { type AbsenceFigures } from '../findings/absenceLevelFindings.ts';
import { absencePercent } from '../measures/absenceThresholds.ts';
import { firstEntryFrom } from './absenceMarks.ts';
import { type RegisterQuery } from './registerQuery.ts';

// Read once: under tsx each read of an imported binding is a getter call.
const CODE_TEXT = REGISTER_CODES.map((c) => c.code);

/**
 * What the absence-level and broken-weeks findings of a flagged pupil show, over the measures period. The
 * absence codes are in code-table order (the order pupilMeasures' byCode has them in).
 */
export interface FlaggedMeasures extends AbsenceFigures {
  /** "from Mon 2 Sep 2024 to Wed 26 Mar 2025", the same for every pupil of the query. */
  periodText: string;
  /** Monday of each week with an absence; filled only when the broken-weeks finding needs it. */
  brokenWeekMondays: string[];
}

/**
 * A flagged pupil's measures from the screen's counts (`possible`, `absence`) and the pupil's absence
 * marks in the period: a few dozen entries rather than the period's bytes. `tally` is scratch space of one
 * slot per code id; `wantMondays` lists the weeks with an absence (for the broken-weeks finding).
 */
export function flaggedMeasures(
  q: RegisterQuery,
  p: number,
  possible: number,
  absence: number,
  tally: Uint16Array,
  wantMondays: boolean,
): FlaggedMeasures {
  const { ctx, index } = q;
  const { absenceMarks, sessionWeek, register } = index;
  const { period } = ctx;
  const weekMonday = register.calendar.weekMonday;
  const isUnauthorised = IS_UNAUTHORISED;
  const brokenWeekMondays: string[] = [];
  tally.fill(0);
  let unauthorised = 0;
  let lastWeek = -1;
  const end = absenceMarks.start[p + 1];
  for (let k = firstEntryFrom(absenceMarks, p, period.startSession); k < end; k++) {
    const s = absenceMarks.session[k];
    if (s >= period.endSession) break;
    const id = absenceMarks.code[k];
    tally[id]++;
    unauthorised += isUnauthorised[id];
    if (wantMondays && sessionWeek[s] !== lastWeek) {
      lastWeek = sessionWeek[s];
      brokenWeekMondays.push(weekMonday[lastWeek]);
    }
  }
  const absenceCodes: Record<string, number> = {};
  for (let id = 0; id < tally.length; id++) if (tally[id]) absenceCodes[CODE_TEXT[id]] = tally[id];
  return {
    from: period.from,
    to: period.to,
    possible,
    absence,
    authorised: absence - unauthorised,
    unauthorised,
    attended: possible - absence,
    absencePercent: absencePercent(absence, possible),
    absenceCodes,
    periodText: q.periodText,
    brokenWeekMondays,
  };
}
