import { isCompulsorySchoolAge } from '../dates/compulsorySchoolAge.ts';
import { pupilName } from '../pupils/pupil.ts';
import { type EvaluationContext } from './evaluationContext.ts';
import { type Finding, type RuleId } from './finding.ts';

/**
 * Fills in who a finding is about; rules supply the rest. Written field by field, which also fixes the
 * order of the keys: spreading `rest` cost over a microsecond a finding, a third of building one.
 */
export function pupilFinding(
  ctx: EvaluationContext,
  p: number,
  rule: RuleId,
  rest: Omit<Finding, 'upn' | 'pupilName' | 'yearGroup' | 'rule'>,
): Finding {
  const pupil = ctx.register.pupils[p];
  return {
    upn: pupil.upn,
    pupilName: pupilName(pupil),
    yearGroup: pupil.yearGroup,
    rule,
    reason: rest.reason,
    evidence: rest.evidence,
    nextStep: rest.nextStep,
    citation: rest.citation,
    episode: rest.episode,
  };
}

/**
 * Whether legal measures (penalty notices, the LA returns) apply: only to pupils of compulsory school age.
 * A pupil without a date of birth is assumed to be of compulsory school age, so nothing is missed.
 */
export function compulsorySchoolAgeOn(ctx: EvaluationContext, p: number): boolean {
  const dob = ctx.register.pupils[p].dateOfBirth;
  return !dob || isCompulsorySchoolAge(dob, ctx.asOf);
}
