import { codeSetTable } from '../codes/codeCategories.ts';
import { academicYearLabel, academicYearOf } from '../dates/academicYear.ts';
import { formatMonth, monthBounds, monthOf, type CalendarMonth } from '../dates/calendarMonth.ts';
import { formatShortDate, type IsoDate } from '../dates/isoDate.ts';
import { attendanceReturnRuns } from '../findings/continuousAbsence.ts';
import { createEvaluationContext, type EvaluationContext } from '../findings/evaluationContext.ts';
import { compulsorySchoolAgeOn } from '../findings/pupilFinding.ts';
import { illnessTally, type IllnessEpisode } from '../findings/sicknessReturn.ts';
import { type PolicyProfile } from '../policies/policyProfile.ts';
import { pupilName } from '../pupils/pupil.ts';
import { type Register } from '../register/register.ts';
import { type LocalAuthorityReturn, type MonthlyReturns } from './localAuthorityReturn.ts';

export interface MonthlyReturnsOptions {
  month: CalendarMonth;
  policy: PolicyProfile;
  /**
   * The day the returns are worked out on: the month's last day by default. A day inside the month gives
   * what is owed so far (a register marked only to today); a day after it is taken as the month's end.
   */
  asOf?: IsoDate;
}

const ILLNESS = codeSetTable(['I']);

/**
 * Every return the school owes the local authority for a calendar month, oldest first within each kind:
 *
 * - **attendance returns**: each run of the profile's days (10) of continuous unauthorised absence still
 *   going at the month's end or ended within it, whether or not the pupil has come back (the
 *   `continuous-unauthorised-10-days` finding at the month's end, one entry per run);
 * - **sickness returns**: each return that became due in the month, when illness reached the profile's
 *   days (15) this school year, under the profile's once-per rule: once per continuous illness (a later
 *   spell that reaches the days on its own needs its own return) or once a year (004).
 *
 * Only pupils of compulsory school age are named. The sickness return also covers pupils the school has
 * reasonable grounds to believe will reach 15 days; only the days already recorded can be counted here.
 */
export function monthlyReturns(register: Register, options: MonthlyReturnsOptions): MonthlyReturns {
  const { first, last } = monthBounds(options.month);
  const asOf = options.asOf === undefined || options.asOf > last ? last : options.asOf;
  if (asOf < first) return { month: options.month, asOf, returns: [] };
  const ctx = createEvaluationContext(register, { asOf, policy: options.policy });
  const attendance: LocalAuthorityReturn[] = [];
  const sickness: LocalAuthorityReturn[] = [];
  for (let p = 0; p < register.pupils.length; p++) {
    if (!compulsorySchoolAgeOn(ctx, p)) continue;
    attendance.push(...attendanceReturnsFor(ctx, p));
    sickness.push(...sicknessReturnsFor(ctx, p, options.month));
  }
  const order = (a: LocalAuthorityReturn, b: LocalAuthorityReturn) =>
    a.pupilName.localeCompare(b.pupilName) ||
    (a.upn < b.upn ? -1 : a.upn > b.upn ? 1 : 0) ||
    (a.from < b.from ? -1 : 1);
  return { month: options.month, asOf, returns: [...attendance.sort(order), ...sickness.sort(order)] };
}

function who(ctx: EvaluationContext, p: number) {
  const pupil = ctx.register.pupils[p];
  return { upn: pupil.upn, pupilName: pupilName(pupil), yearGroup: pupil.yearGroup, dateOfBirth: pupil.dateOfBirth };
}

function attendanceReturnsFor(ctx: EvaluationContext, p: number): LocalAuthorityReturn[] {
  const rule = ctx.policy.continuousAbsence;
  const { dayDate } = ctx.register.calendar;
  const month = monthOf(ctx.asOf);
  return attendanceReturnRuns(ctx, p).map((run) => {
    const from = dayDate[run.firstDay];
    const to = dayDate[run.lastDay];
    const dueOn = dayDate[run.firstDay + rule.days - 1];
    const ongoing = run.lastDay === ctx.asOfDay;
    const state = ongoing
      ? `still absent on ${formatShortDate(to)}`
      : `back after ${formatShortDate(to)}, when the run ended`;
    const carried =
      monthOf(dueOn) < month
        ? `; it had reached ${rule.days} school days by ${formatShortDate(dueOn)}, so the return for ${formatMonth(monthOf(dueOn))} named it too`
        : '';
    return {
      ...who(ctx, p),
      kind: 'attendance',
      from,
      to,
      schoolDays: run.days,
      reason: `Unauthorised absence (${rule.codes.join(', ')}) on every session of ${run.days} consecutive school days from ${formatShortDate(from)} to ${formatShortDate(to)} (${state})${carried}.`,
      citation: rule.citation,
      returnFor: from,
      dueOn,
    };
  });
}

/** The school day within `episode` on which its own illness reached the profile's days. */
function dayEpisodeReached(ctx: EvaluationContext, p: number, episode: IllnessEpisode): IsoDate {
  const { calendar, marks } = ctx.register;
  const rule = ctx.policy.sicknessReturn;
  const base = p * calendar.sessionCount;
  let days = 0;
  const last = calendar.dayIndex.get(episode.end) ?? ctx.asOfDay;
  for (let d = calendar.dayIndex.get(episode.start) ?? 0; d <= last; d++) {
    let ill = 0;
    for (let s = calendar.dayFirstSession[d]; s < calendar.dayFirstSession[d + 1]; s++) ill += ILLNESS[marks[base + s]];
    days += rule.sessionCounts === 'whole-day' ? (ill > 0 ? 1 : 0) : ill / 2;
    if (days >= rule.days) return calendar.dayDate[d];
  }
  return episode.end;
}

function sicknessReturnsFor(ctx: EvaluationContext, p: number, month: CalendarMonth): LocalAuthorityReturn[] {
  const rule = ctx.policy.sicknessReturn;
  const tally = illnessTally(ctx, p);
  if (tally.reachedOn === undefined || !tally.reachedInEpisode) return [];
  const year = academicYearLabel(academicYearOf(ctx.asOf));
  const reachedIn = tally.reachedInEpisode;
  const upTo = tally.episodes.slice(0, tally.episodes.indexOf(reachedIn) + 1);
  const once =
    rule.once === 'per-school-year'
      ? 'the policy asks for one sickness return a year for each pupil'
      : 'one return is needed for each continuous illness in a school year';
  const owed: LocalAuthorityReturn[] = [
    {
      ...who(ctx, p),
      kind: 'sickness',
      from: upTo[0].start,
      to: reachedIn.end,
      schoolDays: upTo.reduce((n, e) => n + e.days, 0),
      reason: `Ill (code I) on ${rule.days} school days in ${year} by ${formatShortDate(tally.reachedOn)}${upTo.length > 1 ? `, over ${upTo.length} spells` : ''}: a sickness return is due, and ${once}.`,
      citation: rule.citation,
      returnFor: rule.once === 'per-school-year' ? year : reachedIn.start,
      dueOn: tally.reachedOn,
    },
  ];
  if (rule.once === 'per-episode') {
    // A later spell that reaches the days on its own is a new continuous illness with its own return.
    for (const e of tally.episodes.filter((x) => x.start > reachedIn.start && x.days >= rule.days)) {
      const dueOn = dayEpisodeReached(ctx, p, e);
      owed.push({
        ...who(ctx, p),
        kind: 'sickness',
        from: e.start,
        to: e.end,
        schoolDays: e.days,
        reason: `A new continuous illness (code I) from ${formatShortDate(e.start)} reached ${rule.days} school days on ${formatShortDate(dueOn)}: it needs a sickness return of its own.`,
        citation: rule.citation,
        returnFor: e.start,
        dueOn,
      });
    }
  }
  return owed.filter((r) => monthOf(r.dueOn) === month);
}
