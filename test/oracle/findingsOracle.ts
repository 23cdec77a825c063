import { pupilMeasures } from '../../rules/measures/pupilMeasures.ts';
import { type Register } from '../../rules/register/register.ts';
import { absenceLevelFindings } from '../../rules/findings/absenceLevelFindings.ts';
import { brokenWeeksFinding } from '../../rules/findings/brokenWeeksFinding.ts';
import { continuousAbsenceFinding, deletionGroundFinding } from '../../rules/findings/continuousAbsence.ts';
import {
  createEvaluationContext,
  type EvaluationContext,
  type EvaluationOptions,
} from '../../rules/findings/evaluationContext.ts';
import { RULE_IDS, type Finding } from '../../rules/findings/finding.ts';
import { nCodeOverdueFinding } from '../../rules/findings/nCodeOverdue.ts';
import { penaltyThresholdFinding } from '../../rules/findings/penaltyThreshold.ts';
import { persistentLatenessFinding } from '../../rules/findings/persistentLateness.ts';
import { sicknessReturnFinding } from '../../rules/findings/sicknessReturn.ts';
import { unexplainedAbsenceFinding, unexplainedDaysFinding } from '../../rules/findings/unexplainedAbsence.ts';

/**
 * The tests' oracle: every rule's finding worked out the plain way, one pupil at a time, by reading the
 * pupil's marks directly. No production code imports this (dependency-cruiser's `findings-oracle-is-for-tests`):
 * the engine (`rules/engine/`) is the one production path, and the equivalence tests hold it to this,
 * field by field. The rules' own functions it calls word each finding through the same builders the
 * engine uses, so what is compared is which pupils are found and the figures, dates and sessions behind
 * each finding.
 */

/** Every finding for one pupil at the context's as-of date, in RULE_IDS order: the oracle's answer. */
export function oracleFindingsForPupil(ctx: EvaluationContext, p: number): Finding[] {
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

/** Every finding for every pupil of a register at an as-of date, grouped by rule, then by pupil name: the oracle's answer. */
export function oracleFindings(register: Register, options: EvaluationOptions): Finding[] {
  const ctx = createEvaluationContext(register, options);
  const all: Finding[] = [];
  for (let p = 0; p < register.pupils.length; p++) all.push(...oracleFindingsForPupil(ctx, p));
  const order = new Map<string, number>(RULE_IDS.map((r, i) => [r, i]));
  return all.sort(
    (a, b) =>
      order.get(a.rule)! - order.get(b.rule)! || a.pupilName.localeCompare(b.pupilName) || (a.upn < b.upn ? -1 : 1),
  );
}
