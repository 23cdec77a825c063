import { formatShortDate } from '../dates/isoDate.ts';
import { meetsBrokenWeeksConcern } from '../measures/brokenWeeks.ts';
import { type PupilMeasures } from '../measures/pupilMeasures.ts';
import { type EvaluationContext } from './evaluationContext.ts';
import { type Finding } from './finding.ts';
import { pupilFinding } from './pupilFinding.ts';

/** `broken-weeks`: a pattern of odd days missed, by the profile's share of weeks with an absence. */
export function brokenWeeksFinding(ctx: EvaluationContext, p: number, m: PupilMeasures): Finding | null {
  const rule = ctx.policy.brokenWeeks;
  const { broken, weeks, brokenWeekMondays } = m.brokenWeeks;
  if (!meetsBrokenWeeksConcern(broken, weeks, rule)) return null;
  return brokenWeeksFindingOf(
    ctx,
    p,
    broken,
    weeks,
    brokenWeekMondays,
    `from ${formatShortDate(m.from)} to ${formatShortDate(m.to)}`,
  );
}

/**
 * The broken-weeks finding for a pupil over the ratio, from their counts. `periodText` is "from <date> to
 * <date>". The rules and the engine's builder both word the finding here.
 */
export function brokenWeeksFindingOf(
  ctx: EvaluationContext,
  p: number,
  broken: number,
  weeks: number,
  brokenWeekMondays: string[],
  periodText: string,
): Finding {
  const rule = ctx.policy.brokenWeeks;
  return pupilFinding(ctx, p, 'broken-weeks', {
    reason: `Missed at least one session in ${broken} of ${weeks} school weeks ${periodText}.`,
    evidence: {
      brokenWeeks: broken,
      schoolWeeks: weeks,
      ratio: Math.round((broken / weeks) * 1000) / 1000,
      concernRatio: rule.concernRatio,
      brokenWeekMondays,
    },
    nextStep: rule.nextStep,
    citation: rule.citation,
    episode: ctx.period.from,
  });
}
