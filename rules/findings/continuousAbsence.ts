import { codeSetTable } from '../codes/codeCategories.ts';
import { formatMonth, monthOf } from '../dates/calendarMonth.ts';
import { formatShortDate } from '../dates/isoDate.ts';
import { type EvaluationContext } from './evaluationContext.ts';
import { type Finding } from './finding.ts';
import { compulsorySchoolAgeOn, pupilFinding } from './pupilFinding.ts';
import { codeBreakdown, markedSessions } from './sessionEvidence.ts';
import { firstSchoolDayOfMonth, runsEndingBetween, type SchoolDayRun } from './unauthorisedRuns.ts';

/**
 * The run of consecutive school days, ending on the as-of school day, on which every open session carried
 * one of `codes`. Counted in school days, so a weekend or a half-term inside the run neither breaks it nor
 * adds to it.
 */
export function continuousRun(
  ctx: EvaluationContext,
  p: number,
  codes: readonly string[],
): { firstDay: number; days: number } {
  const { calendar, marks } = ctx.register;
  const table = codeSetTable(codes);
  const base = p * calendar.sessionCount;
  let day = ctx.asOfDay;
  for (; day >= 0; day--) {
    let all = true;
    for (let s = calendar.dayFirstSession[day]; s < calendar.dayFirstSession[day + 1]; s++) {
      if (!table[marks[base + s]]) {
        all = false;
        break;
      }
    }
    if (!all) break;
  }
  return { firstDay: day + 1, days: ctx.asOfDay - day };
}

/** The evidence of a run from `firstDay` to `lastDay`: its dates, school days, sessions and their codes. */
export function runEvidence(
  ctx: EvaluationContext,
  p: number,
  firstDay: number,
  lastDay: number,
  codes: readonly string[],
) {
  const { calendar } = ctx.register;
  const sessions = markedSessions(
    ctx.register,
    p,
    calendar.dayFirstSession[firstDay],
    calendar.dayFirstSession[lastDay + 1],
    codeSetTable(codes),
  );
  return {
    from: calendar.dayDate[firstDay],
    to: calendar.dayDate[lastDay],
    schoolDays: lastDay - firstDay + 1,
    sessions: sessions.length,
    byCode: codeBreakdown(sessions),
    codesCounted: codes,
  };
}

/**
 * The runs the attendance return for the as-of date's calendar month covers for pupil `p`: every run of
 * the profile's days (10) of unauthorised codes that is still going on the as-of day or ended earlier in
 * the same month, oldest first. Returns are made "at intervals agreed with the LA, at least monthly", so a
 * run that ended before the month's return was made is still owed in it: the pupil coming back does not
 * take them off it. Empty for a pupil not of compulsory school age.
 */
export function attendanceReturnRuns(ctx: EvaluationContext, p: number): SchoolDayRun[] {
  const rule = ctx.policy.continuousAbsence;
  if (ctx.asOfDay < 0 || !compulsorySchoolAgeOn(ctx, p)) return [];
  const fromDay = firstSchoolDayOfMonth(ctx.register, ctx.asOf);
  return runsEndingBetween(ctx.register, p, fromDay, ctx.asOfDay, codeSetTable(rule.codes), rule.days);
}

/**
 * `continuous-unauthorised-10-days`: G, N, O or U on every session of 10 or more consecutive school days
 * (the attendance return), either up to the as-of day or in a run that ended earlier in the as-of date's
 * calendar month, so that the month's return made from `check` at its end still lists a pupil who came
 * back. Where a pupil has two such runs this month, the finding is the later; the evidence lists both.
 */
export function continuousAbsenceFinding(ctx: EvaluationContext, p: number): Finding | null {
  const rule = ctx.policy.continuousAbsence;
  const runs = attendanceReturnRuns(ctx, p);
  if (runs.length === 0) return null;
  const run = runs[runs.length - 1];
  const evidence = runEvidence(ctx, p, run.firstDay, run.lastDay, rule.codes);
  const ongoing = run.lastDay === ctx.asOfDay;
  const month = monthOf(ctx.asOf);
  const { dayDate } = ctx.register.calendar;
  const codes = rule.codes.join(', ');
  const reason = ongoing
    ? `Unauthorised absence (${codes}) on every session of ${run.days} consecutive school days since ${formatShortDate(evidence.from)}.`
    : `Unauthorised absence (${codes}) on every session of ${run.days} consecutive school days from ${formatShortDate(evidence.from)} to ${formatShortDate(evidence.to)}; the run has ended, but the attendance return for ${formatMonth(month)} still includes it.`;
  return pupilFinding(ctx, p, 'continuous-unauthorised-10-days', {
    reason,
    evidence: {
      ...evidence,
      threshold: rule.days,
      ongoing,
      returnMonth: month,
      runsThisMonth: runs.map((r) => ({ from: dayDate[r.firstDay], to: dayDate[r.lastDay], schoolDays: r.days })),
    },
    nextStep: rule.nextStep,
    citation: rule.citation,
    episode: evidence.from,
  });
}

/**
 * `deletion-ground-20-days`: 20 continuous school days of G, N or O (U breaks it): reg 9(1)(i) may apply.
 * Reg 9(1) lists the grounds for pupils of compulsory school age; others have their own grounds (reg 9(3)).
 * Unlike the return, this is about the pupil being missing now, so only a run up to the as-of day counts.
 */
export function deletionGroundFinding(ctx: EvaluationContext, p: number): Finding | null {
  const rule = ctx.policy.deletionGround;
  if (ctx.asOfDay < 0 || !compulsorySchoolAgeOn(ctx, p)) return null;
  const run = continuousRun(ctx, p, rule.codes);
  if (run.days < rule.days) return null;
  const evidence = runEvidence(ctx, p, run.firstDay, ctx.asOfDay, rule.codes);
  return pupilFinding(ctx, p, 'deletion-ground-20-days', {
    reason: `Absent (${rule.codes.join(', ')}) on every session of ${run.days} consecutive school days since ${formatShortDate(evidence.from)}: the 20-day ground for deletion may apply.`,
    evidence: { ...evidence, threshold: rule.days },
    nextStep:
      'Do not delete yet: the ground applies only if there are no reasonable grounds to think the absence is from sickness or an unavoidable cause and the school and the local authority, after reasonable enquiries, cannot find the pupil. Make joint enquiries (children missing education)',
    citation: rule.citation,
    episode: evidence.from,
  });
}
