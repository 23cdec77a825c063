import { codeSetTable } from '../codes/codeCategories.ts';
import { formatShortDate } from '../dates/isoDate.ts';
import { type EvaluationContext } from './evaluationContext.ts';
import { type Finding } from './finding.ts';
import { compulsorySchoolAgeOn, pupilFinding } from './pupilFinding.ts';
import { codeBreakdown, markedSessions } from './sessionEvidence.ts';

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

function runEvidence(ctx: EvaluationContext, p: number, firstDay: number, days: number, codes: readonly string[]) {
  const { calendar } = ctx.register;
  const sessions = markedSessions(
    ctx.register,
    p,
    calendar.dayFirstSession[firstDay],
    calendar.dayFirstSession[ctx.asOfDay + 1],
    codeSetTable(codes),
  );
  return {
    from: calendar.dayDate[firstDay],
    to: calendar.dayDate[ctx.asOfDay],
    schoolDays: days,
    sessions: sessions.length,
    byCode: codeBreakdown(sessions),
    codesCounted: codes,
  };
}

/** `continuous-unauthorised-10-days`: G, N, O or U on every session of the last 10 school days (attendance return). */
export function continuousAbsenceFinding(ctx: EvaluationContext, p: number): Finding | null {
  const rule = ctx.policy.continuousAbsence;
  // The attendance return covers pupils of compulsory school age only.
  if (ctx.asOfDay < 0 || !compulsorySchoolAgeOn(ctx, p)) return null;
  const run = continuousRun(ctx, p, rule.codes);
  if (run.days < rule.days) return null;
  const evidence = runEvidence(ctx, p, run.firstDay, run.days, rule.codes);
  return pupilFinding(ctx, p, 'continuous-unauthorised-10-days', {
    reason: `Unauthorised absence (${rule.codes.join(', ')}) on every session of ${run.days} consecutive school days since ${formatShortDate(evidence.from)}.`,
    evidence: { ...evidence, threshold: rule.days },
    nextStep: rule.nextStep,
    citation: rule.citation,
    episode: evidence.from,
  });
}

/**
 * `deletion-ground-20-days`: 20 continuous school days of G, N or O (U breaks it): reg 9(1)(i) may apply.
 * Reg 9(1) lists the grounds for pupils of compulsory school age; others have their own grounds (reg 9(3)).
 */
export function deletionGroundFinding(ctx: EvaluationContext, p: number): Finding | null {
  const rule = ctx.policy.deletionGround;
  if (ctx.asOfDay < 0 || !compulsorySchoolAgeOn(ctx, p)) return null;
  const run = continuousRun(ctx, p, rule.codes);
  if (run.days < rule.days) return null;
  const evidence = runEvidence(ctx, p, run.firstDay, run.days, rule.codes);
  return pupilFinding(ctx, p, 'deletion-ground-20-days', {
    reason: `Absent (${rule.codes.join(', ')}) on every session of ${run.days} consecutive school days since ${formatShortDate(evidence.from)}: the 20-day ground for deletion may apply.`,
    evidence: { ...evidence, threshold: rule.days },
    nextStep:
      'Do not delete yet: the ground applies only if there are no reasonable grounds to think the absence is from sickness or an unavoidable cause and the school and the local authority, after reasonable enquiries, cannot find the pupil. Make joint enquiries (children missing education)',
    citation: rule.citation,
    episode: evidence.from,
  });
}
