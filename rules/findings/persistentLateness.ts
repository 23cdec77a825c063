import { codeSetTable } from '../codes/codeCategories.ts';
import { formatShortDate } from '../dates/isoDate.ts';
import { type EvaluationContext } from './evaluationContext.ts';
import { type Finding } from './finding.ts';
import { pupilFinding } from './pupilFinding.ts';
import { rollingWindowCount } from './rollingWindowCount.ts';
import { codeBreakdown, describeCodes } from './sessionEvidence.ts';

/** `persistent-lateness`: late marks (L, and U after the register closed) at the profile's rate. */
export function persistentLatenessFinding(ctx: EvaluationContext, p: number): Finding | null {
  const rule = ctx.policy.lateness;
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
  const from = calendar.dayDate[result.window.firstDay];
  const to = calendar.dayDate[result.window.lastDay];
  const breakdown = codeBreakdown(result.sessions);
  const metOn = calendar.dayDate[result.metOnDay];
  return pupilFinding(ctx, p, 'persistent-lateness', {
    reason: `Late on ${result.count} sessions (${describeCodes(breakdown)}) in the ${result.window.weeks} school weeks from ${formatShortDate(from)} to ${formatShortDate(to)}.`,
    evidence: {
      count: result.count,
      threshold: rule.sessions,
      byCode: breakdown,
      window: { from, to, schoolWeeks: result.window.weeks },
      sessions: result.sessions,
      firstMetOn: metOn,
    },
    nextStep: rule.nextStep,
    citation: rule.citation,
    episode: metOn,
  });
}
