import { codeSetTable } from '../codes/codeCategories.ts';
import { type Finding } from '../findings/finding.ts';
import { addIllnessDay, sicknessReturnFromTally, type IllnessTally } from '../findings/sicknessReturn.ts';
import { firstEntryFrom } from './absenceMarks.ts';
import { type RegisterQuery } from './registerQuery.ts';

const ILLNESS = codeSetTable(['I']);

/**
 * illnessTally from the pupil's absence marks: only the I entries of the school year are read, day by day
 * as they come. Two ill days are one episode when they are consecutive school days, which with school-day
 * indexes is `day === previous + 1`.
 */
function illnessTallyFast(q: RegisterQuery, p: number): IllnessTally {
  const { ctx, index } = q;
  const { absenceMarks } = index;
  const { calendar } = index.register;
  const wholeDay = ctx.policy.sicknessReturn.sessionCounts === 'whole-day';
  const threshold = ctx.policy.sicknessReturn.days;
  const tally: IllnessTally = { days: 0, episodes: [] };
  if (ctx.asOfDay < 0 || ctx.schoolYear.startSession >= ctx.asOfSessionEnd) return tally;
  const isIll = ILLNESS;
  let lastIllDay = -2;
  let k = firstEntryFrom(absenceMarks, p, ctx.schoolYear.startSession);
  const end = absenceMarks.start[p + 1];
  while (k < end) {
    const s = absenceMarks.session[k];
    if (s >= ctx.asOfSessionEnd) break;
    if (!isIll[absenceMarks.code[k]]) {
      k++;
      continue;
    }
    // Every I session of this school day.
    const day = calendar.sessionDay[s];
    let ill = 0;
    while (
      k < end &&
      absenceMarks.session[k] < ctx.asOfSessionEnd &&
      calendar.sessionDay[absenceMarks.session[k]] === day
    ) {
      ill += isIll[absenceMarks.code[k]];
      k++;
    }
    addIllnessDay(tally, calendar.dayDate[day], day === lastIllDay + 1, wholeDay ? 1 : ill / 2, threshold);
    lastIllDay = day;
  }
  return tally;
}

/** `sickness-return` for a pupil the screen found of compulsory school age, from their absence marks. */
export function sicknessReturnFast(q: RegisterQuery, p: number): Finding | null {
  return sicknessReturnFromTally(q.ctx, p, illnessTallyFast(q, p));
}
