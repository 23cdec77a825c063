import { codeSetTable } from '../codes/codeCategories.ts';
import { academicYearLabel, academicYearOf } from '../dates/academicYear.ts';
import { formatShortDate } from '../dates/isoDate.ts';
import { type Finding } from '../findings/finding.ts';
import { engineFinding } from './engineFinding.ts';
import { type IllnessEpisode, type IllnessTally } from '../findings/sicknessReturn.ts';
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
  let current: IllnessEpisode | null = null;
  let currentDay = -2;
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
    while (k < end && absenceMarks.session[k] < ctx.asOfSessionEnd && calendar.sessionDay[absenceMarks.session[k]] === day) {
      ill += isIll[absenceMarks.code[k]];
      k++;
    }
    const date = calendar.dayDate[day];
    if (!current || day !== currentDay + 1) {
      current = { start: date, end: date, days: 0 };
      tally.episodes.push(current);
    }
    currentDay = day;
    const dayValue = wholeDay ? 1 : ill / 2;
    current.end = date;
    current.days += dayValue;
    tally.days += dayValue;
    if (tally.reachedOn === undefined && tally.days >= threshold) {
      tally.reachedOn = date;
      tally.reachedInEpisode = current;
    }
  }
  return tally;
}

/** `sickness-return`, as sicknessReturnFinding words it, for a pupil the screen found of compulsory school age. */
export function sicknessReturnFast(q: RegisterQuery, p: number): Finding | null {
  const { ctx } = q;
  const rule = ctx.policy.sicknessReturn;
  const tally = illnessTallyFast(q, p);
  if (tally.reachedOn === undefined || !tally.reachedInEpisode) return null;
  const year = academicYearLabel(academicYearOf(ctx.asOf));
  const pupil = ctx.register.pupils[p];
  let episode = tally.reachedInEpisode;
  if (rule.once === 'per-episode') {
    for (const e of tally.episodes) if (e.start > tally.reachedInEpisode.start && e.days >= rule.days) episode = e;
  }
  let longest = 0;
  for (const e of tally.episodes) longest = Math.max(longest, e.days);
  const consecutive = longest >= rule.days;
  const shape = consecutive ? `including ${longest} consecutive school days` : `cumulative over ${tally.episodes.length} spells; longest ${longest} days`;
  return engineFinding(
    pupil,
    'sickness-return',
    `Ill on ${tally.days} school days in ${year} so far (${shape}): reached ${rule.days} days on ${formatShortDate(tally.reachedOn)}, so a sickness return to the local authority is due.`,
    {
      illnessDays: tally.days,
      threshold: rule.days,
      countedAs: rule.sessionCounts === 'half-day' ? 'each I session is half a day' : 'any day with an I session is a whole day',
      consecutive,
      longestEpisodeDays: longest,
      reachedOn: tally.reachedOn,
      episodes: tally.episodes,
      returnFor: rule.once === 'per-school-year' ? { schoolYear: year } : { episodeStart: episode.start, episodeEnd: episode.end },
      schoolYear: year,
    },
    rule.nextStep,
    rule.citation,
    rule.once === 'per-school-year' ? year : episode.start,
  );
}
