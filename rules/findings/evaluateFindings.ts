import { pupilMeasures } from '../measures/pupilMeasures.ts';
import { type Register } from '../register/register.ts';
import { absenceLevelFindings } from './absenceLevelFindings.ts';
import { brokenWeeksFinding } from './brokenWeeksFinding.ts';
import { continuousAbsenceFinding, deletionGroundFinding } from './continuousAbsence.ts';
import { createEvaluationContext, type EvaluationContext, type EvaluationOptions } from './evaluationContext.ts';
import { ALL_RULE_IDS, type Finding } from './finding.ts';
import { nCodeOverdueFinding } from './nCodeOverdue.ts';
import { penaltyThresholdFinding } from './penaltyThreshold.ts';
import { persistentLatenessFinding } from './persistentLateness.ts';
import { sicknessReturnFinding } from './sicknessReturn.ts';
import { unexplainedAbsenceFinding, unexplainedDaysFinding } from './unexplainedAbsence.ts';

/** Every finding for one pupil at the context's as-of date, in RULE_IDS order. */
export function findingsForPupil(ctx: EvaluationContext, p: number): Finding[] {
  const measures = pupilMeasures(ctx, p);
  const found: (Finding | null)[] = [
    ...absenceLevelFindings(ctx, p, measures),
    penaltyThresholdFinding(ctx, p),
    sicknessReturnFinding(ctx, p),
    unexplainedAbsenceFinding(ctx, p),
    unexplainedDaysFinding(ctx, p),
    nCodeOverdueFinding(ctx, p),
    continuousAbsenceFinding(ctx, p),
    deletionGroundFinding(ctx, p),
    persistentLatenessFinding(ctx, p),
    brokenWeeksFinding(ctx, p, measures),
  ];
  return found.filter((f): f is Finding => f !== null);
}

/** Every finding for every pupil of a register at an as-of date: grouped by rule, then by pupil name. */
export function evaluateFindings(register: Register, options: EvaluationOptions): Finding[] {
  const ctx = createEvaluationContext(register, options);
  const all: Finding[] = [];
  for (let p = 0; p < register.pupils.length; p++) all.push(...findingsForPupil(ctx, p));
  const order = new Map(ALL_RULE_IDS.map((r, i) => [r, i]));
  return all.sort(
    (a, b) =>
      order.get(a.rule)! - order.get(b.rule)! || a.pupilName.localeCompare(b.pupilName) || (a.upn < b.upn ? -1 : 1),
  );
}
