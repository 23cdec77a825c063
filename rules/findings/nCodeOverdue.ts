import { codeSetTable } from '../codes/codeCategories.ts';
import { bankHolidaysBetween } from '../dates/bankHolidays.ts';
import {
  addDays,
  formatShortDate,
  fromDayNumber,
  isWeekend,
  toDayNumber,
  weekdayOfDayNumber,
  type IsoDate,
} from '../dates/isoDate.ts';
import { type EvaluationContext } from './evaluationContext.ts';
import { type Finding } from './finding.ts';
import { pupilFinding } from './pupilFinding.ts';
import { markedSessions } from './sessionEvidence.ts';

const N_CODE = codeSetTable(['N']);

/**
 * Working days (Monday-Friday, not bank holidays) after `date` up to and including `asOf`. Pass the bank
 * holidays when counting for many dates, so they are worked out once.
 */
export function workingDaysAfter(
  date: IsoDate,
  asOf: IsoDate,
  holidays: ReadonlyMap<IsoDate, string> = bankHolidaysBetween(addDays(date, 1), asOf),
): number {
  if (asOf <= date) return 0;
  let n = 0;
  for (let d = toDayNumber(date) + 1, last = toDayNumber(asOf); d <= last; d++) {
    const iso = new Date(d * 86_400_000).toISOString().slice(0, 10);
    if (!isWeekend(iso) && !holidays.has(iso)) n++;
  }
  return n;
}

/**
 * Working days after any date from `from` up to `asOf`, each answered in O(1): a running count of working
 * days is built once, since a register can hold hundreds of N marks.
 */
function workingDayCounter(from: IsoDate, asOf: IsoDate): (date: IsoDate) => number {
  const first = toDayNumber(from);
  const last = toDayNumber(asOf);
  if (last < first) return () => 0;
  const holidays = bankHolidaysBetween(from, asOf);
  // upTo[i] = working days from `from` to day first + i, inclusive.
  const upTo = new Int32Array(last - first + 1);
  let n = 0;
  for (let d = first; d <= last; d++) {
    if (weekdayOfDayNumber(d) <= 5 && !holidays.has(fromDayNumber(d))) n++;
    upTo[d - first] = n;
  }
  return (date) => {
    const d = toDayNumber(date);
    return d >= last ? 0 : n - upTo[d - first];
  };
}

/**
 * End (exclusive) of the sessions whose N marks are overdue at the as-of date: those of school days more
 * than the profile's limit before it (school days nationally; working days where the profile says so).
 * Days since a session only grow the further back it is, so the overdue days are a prefix of the
 * register. The finding and the engine's screen both take the cut-off from here.
 */
export function overdueNSessionEnd(ctx: EvaluationContext): number {
  const { calendar } = ctx.register;
  if (ctx.asOfDay < 0) return 0;
  const limit = ctx.policy.unexplainedAbsence.correctNWithin;
  let last: number;
  if (limit.unit === 'school-days') last = ctx.asOfDay - limit.days - 1;
  else {
    last = ctx.asOfDay;
    const holidays = bankHolidaysBetween(calendar.dayDate[0], ctx.asOf);
    while (last >= 0 && workingDaysAfter(calendar.dayDate[last], ctx.asOf, holidays) <= limit.days) last--;
  }
  return last < 0 ? 0 : calendar.dayFirstSession[last + 1];
}

/**
 * `n-code-overdue`: an N still in the register more than 5 school days after its session (the 2024 Regs:
 * replace N within 5 school days, else record O). Profiles that say "working days" (001) count those.
 */
export function nCodeOverdueFinding(ctx: EvaluationContext, p: number): Finding | null {
  const end = overdueNSessionEnd(ctx);
  if (end === 0) return null;
  const { calendar } = ctx.register;
  const limit = ctx.policy.unexplainedAbsence.correctNWithin;
  const marks = markedSessions(ctx.register, p, 0, end, N_CODE);
  if (marks.length === 0) return null;
  const workingDaysSince = limit.unit === 'working-days' ? workingDayCounter(marks[0].date, ctx.asOf) : undefined;
  const overdue = marks.map((mark) => ({
    ...mark,
    daysSince: workingDaysSince ? workingDaysSince(mark.date) : ctx.asOfDay - calendar.dayIndex.get(mark.date)!,
  }));
  const unit = limit.unit === 'school-days' ? 'school days' : 'working days';
  const oldest = overdue[0];
  return pupilFinding(ctx, p, 'n-code-overdue', {
    reason: `${overdue.length} session${overdue.length === 1 ? '' : 's'} still coded N more than ${limit.days} ${unit} later (oldest ${formatShortDate(oldest.date)} ${oldest.session}, ${oldest.daysSince} ${unit} ago).`,
    evidence: { limit: limit.days, unit, sessions: overdue },
    nextStep:
      'Correct the register now: enter the code for the reason found, or O if no reason could be established; keep the original entry with the amendment',
    citation: ctx.policy.unexplainedAbsence.correctNCitation,
    episode: oldest.date,
  });
}
