import { codeSetTable } from '../codes/codeCategories.ts';
import { academicYearLabel, academicYearOf } from '../dates/academicYear.ts';
import { formatShortDate } from '../dates/isoDate.ts';
import { type EvaluationContext } from './evaluationContext.ts';
import { type Finding } from './finding.ts';
import { compulsorySchoolAgeOn, pupilFinding } from './pupilFinding.ts';

export interface IllnessEpisode {
  /** First and last school day with illness in an unbroken run of school days. */
  start: string;
  end: string;
  days: number;
}

export interface IllnessTally {
  /** Illness days in the school year so far (I sessions as half days, or whole days, per the profile). */
  days: number;
  episodes: IllnessEpisode[];
  /** The day the total first reached the profile's threshold, if it has. */
  reachedOn?: string;
  /** The episode holding that day. */
  reachedInEpisode?: IllnessEpisode;
}

const ILLNESS = codeSetTable(['I']);

/**
 * Adds one school day of illness (`value` days) to a tally: to the last episode when `continues` (the
 * school day before was an ill day too), else as a new episode. Notes the day the total reaches
 * `threshold`. The rules and the engine both tally through here.
 */
export function addIllnessDay(
  tally: IllnessTally,
  date: string,
  continues: boolean,
  value: number,
  threshold: number,
): void {
  let current = continues ? tally.episodes[tally.episodes.length - 1] : undefined;
  if (!current) {
    current = { start: date, end: date, days: 0 };
    tally.episodes.push(current);
  }
  current.end = date;
  current.days += value;
  tally.days += value;
  if (tally.reachedOn === undefined && tally.days >= threshold) {
    tally.reachedOn = date;
    tally.reachedInEpisode = current;
  }
}

/**
 * Illness (code I) in the school year up to the as-of day, by school day. An episode is a run of
 * consecutive school days each with an I session: weekends and holidays do not break it, because they are
 * not school days.
 */
export function illnessTally(
  ctx: EvaluationContext,
  p: number,
  threshold = ctx.policy.sicknessReturn.days,
): IllnessTally {
  const { calendar, marks } = ctx.register;
  const base = p * calendar.sessionCount;
  const wholeDay = ctx.policy.sicknessReturn.sessionCounts === 'whole-day';
  const tally: IllnessTally = { days: 0, episodes: [] };
  if (ctx.asOfDay < 0 || ctx.schoolYear.startSession >= ctx.asOfSessionEnd) return tally;
  let lastIllDay = -2;
  for (let d = calendar.sessionDay[ctx.schoolYear.startSession]; d <= ctx.asOfDay; d++) {
    let ill = 0;
    for (let s = calendar.dayFirstSession[d]; s < calendar.dayFirstSession[d + 1]; s++) ill += ILLNESS[marks[base + s]];
    if (ill === 0) continue;
    addIllnessDay(tally, calendar.dayDate[d], d === lastIllDay + 1, wholeDay ? 1 : ill / 2, threshold);
    lastIllDay = d;
  }
  return tally;
}

/**
 * Sickness return: illness on 15 or more school days in the school year, consecutive or cumulative. One
 * return per continuous illness in a school year (national), or one per pupil per year where the profile
 * says so (004). The episode named is the illness spell in which the total reached 15, or a later spell
 * long enough (15 days on its own) to need a return of its own.
 */
export function sicknessReturnFinding(ctx: EvaluationContext, p: number): Finding | null {
  // The return names pupils of compulsory school age only.
  if (!compulsorySchoolAgeOn(ctx, p)) return null;
  return sicknessReturnFromTally(ctx, p, illnessTally(ctx, p));
}

/**
 * The sickness-return finding for a pupil of compulsory school age whose illness this year is `tally`,
 * or null when it has not reached the profile's days. The engine passes a tally it worked out from the
 * pupil's absence marks; both ways word the finding here.
 */
export function sicknessReturnFromTally(ctx: EvaluationContext, p: number, tally: IllnessTally): Finding | null {
  const rule = ctx.policy.sicknessReturn;
  if (tally.reachedOn === undefined || !tally.reachedInEpisode) return null;
  const year = academicYearLabel(academicYearOf(ctx.asOf));
  let episode = tally.reachedInEpisode;
  if (rule.once === 'per-episode') {
    const later = tally.episodes.filter((e) => e.start > episode.start && e.days >= rule.days);
    if (later.length > 0) episode = later[later.length - 1];
  }
  const longest = tally.episodes.reduce((m, e) => Math.max(m, e.days), 0);
  const consecutive = longest >= rule.days;
  const shape = consecutive
    ? `including ${longest} consecutive school days`
    : `cumulative over ${tally.episodes.length} spells; longest ${longest} days`;
  return pupilFinding(ctx, p, 'sickness-return', {
    reason: `Ill on ${tally.days} school days in ${year} so far (${shape}): reached ${rule.days} days on ${formatShortDate(tally.reachedOn)}, so a sickness return to the local authority is due.`,
    evidence: {
      illnessDays: tally.days,
      threshold: rule.days,
      countedAs:
        rule.sessionCounts === 'half-day' ? 'each I session is half a day' : 'any day with an I session is a whole day',
      consecutive,
      longestEpisodeDays: longest,
      reachedOn: tally.reachedOn,
      episodes: tally.episodes,
      returnFor:
        rule.once === 'per-school-year'
          ? { schoolYear: year }
          : { episodeStart: episode.start, episodeEnd: episode.end },
      schoolYear: year,
    },
    nextStep: rule.nextStep,
    citation: rule.citation,
    episode: rule.once === 'per-school-year' ? year : episode.start,
  });
}
