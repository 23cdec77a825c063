import { codeSetTable } from '../codes/codeCategories.ts';
import { formatShortDate } from '../dates/isoDate.ts';
import { type EvaluationContext } from './evaluationContext.ts';
import { type Finding } from './finding.ts';
import { compulsorySchoolAgeOn, pupilFinding } from './pupilFinding.ts';
import { penaltyNextStep } from './penaltyNextStep.ts';
import { rollingWindowCount } from './rollingWindowCount.ts';
import { codeBreakdown, describeCodes } from './sessionEvidence.ts';

/**
 * The national threshold for considering a penalty notice: 10 sessions coded G, N, O or U within the 10
 * school weeks ending on the as-of date. The window is counted in school weeks, so it reaches across
 * half-terms, terms and into the previous school year where the register holds it (see `mergeRegisters`).
 * Penalty notices exist only for pupils of compulsory school age, so for anyone else there is no finding:
 * their absence still shows in persistent absence and the unexplained-absence rules.
 */
export function penaltyThresholdFinding(ctx: EvaluationContext, p: number): Finding | null {
  if (!compulsorySchoolAgeOn(ctx, p)) return null;
  const rule = ctx.policy.penaltyThreshold;
  const result = rollingWindowCount(
    ctx.register,
    p,
    ctx.asOfDay,
    rule.schoolWeeks,
    rule.sessions,
    codeSetTable(rule.codes),
  );
  if (!result) return null;
  const { calendar } = ctx.register;
  const { window } = result;
  const from = calendar.dayDate[window.firstDay];
  const to = calendar.dayDate[window.lastDay];
  const breakdown = codeBreakdown(result.sessions);
  const metOn = calendar.dayDate[result.metOnDay];
  const shortWindow = window.complete ? '' : ` (the register holds only ${window.weeks} school weeks up to then)`;
  return pupilFinding(ctx, p, 'penalty-threshold', {
    reason: `${result.count} unauthorised sessions (${describeCodes(breakdown)}) in the ${window.weeks} school weeks from ${formatShortDate(from)} to ${formatShortDate(to)}${shortWindow}: the threshold for considering a penalty notice is ${rule.sessions}.`,
    evidence: {
      count: result.count,
      threshold: rule.sessions,
      codesCounted: rule.codes,
      byCode: breakdown,
      window: {
        from,
        to,
        schoolWeeks: window.weeks,
        weekMondays: calendar.weekMonday.slice(window.firstWeek, window.lastWeek + 1),
        complete: window.complete,
      },
      sessions: result.sessions,
      firstMetOn: metOn,
      compulsorySchoolAge: true,
    },
    nextStep: penaltyNextStep(ctx.policy, breakdown),
    citation: rule.citation,
    episode: metOn,
  });
}
