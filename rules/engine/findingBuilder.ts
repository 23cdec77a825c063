import { REGISTER_CODES } from '../codes/registerCodes.ts';
import { continuousAbsenceFinding, deletionGroundFinding } from '../findings/continuousAbsence.ts';
import { type Finding, type RuleId } from '../findings/finding.ts';
import { nCodeOverdueFinding } from '../findings/nCodeOverdue.ts';
import { penaltyThresholdFinding } from '../findings/penaltyThreshold.ts';
import { persistentLatenessFinding } from '../findings/persistentLateness.ts';
import { unexplainedAbsenceFinding, unexplainedDaysFinding } from '../findings/unexplainedAbsence.ts';
import { absenceLevelFindingFast, brokenWeeksFindingFast } from './absenceLevelFindingsFast.ts';
import { penaltyThresholdFast, penaltyWindow } from './penaltyThresholdFast.ts';
import { type RegisterQuery } from './registerQuery.ts';
import { sicknessReturnFast } from './sicknessReturnFast.ts';

/**
 * Builds the finding of one rule for one pupil that a finding table holds, from the row's figure (`value`,
 * out of `outOf`).
 */
export type FindingBuilder = (rule: RuleId, p: number, value: number, outOf: number) => Finding;

/**
 * The builder for one query's findings. The findings most pupils get (absence levels, broken weeks,
 * penalty threshold, sickness return) are built from the row's figures and the pupil's absence marks; the
 * rarer ones by the rules' own functions. The engine's equivalence tests hold them all to
 * evaluateFindings.
 */
export function findingBuilder(query: RegisterQuery): FindingBuilder {
  const { ctx } = query;
  const shared = penaltyWindow(query);
  const penalty = shared && { query, shared };
  const sessions = ctx.register.calendar.sessionCount;
  // Scratch space shared by the findings this builder makes, one after another.
  let scratch: Int32Array | null = null;
  let scratchCodes: Uint8Array | null = null;
  let tally: Uint16Array | null = null;
  return (rule, p, value, outOf) => {
    const finding = build(rule, p, value, outOf);
    // The table holds only findings the rules make, so a null here means the two have drifted apart.
    if (!finding)
      throw new Error(
        `the engine listed ${rule} for pupil ${ctx.register.pupils[p].upn} but the rule does not find it`,
      );
    return finding;
  };

  function build(rule: RuleId, p: number, value: number, outOf: number): Finding | null {
    switch (rule) {
      case 'persistent-absence':
      case 'severe-absence':
      case 'at-risk-of-persistent-absence':
        tally ??= new Uint16Array(REGISTER_CODES.length);
        return absenceLevelFindingFast(query, p, rule, value, outOf, tally);
      case 'broken-weeks':
        tally ??= new Uint16Array(REGISTER_CODES.length);
        return brokenWeeksFindingFast(query, p, value, outOf, tally);
      case 'penalty-threshold':
        if (!penalty) return penaltyThresholdFinding(ctx, p);
        scratch ??= new Int32Array(sessions);
        scratchCodes ??= new Uint8Array(sessions);
        return penaltyThresholdFast(penalty, p, value, scratch, scratchCodes);
      case 'sickness-return':
        return sicknessReturnFast(query, p);
      case 'unexplained-absence':
        return unexplainedAbsenceFinding(ctx, p);
      case 'unexplained-3-days':
        return unexplainedDaysFinding(ctx, p);
      case 'n-code-overdue':
        return nCodeOverdueFinding(ctx, p);
      case 'continuous-unauthorised-10-days':
        return continuousAbsenceFinding(ctx, p);
      case 'deletion-ground-20-days':
        return deletionGroundFinding(ctx, p);
      case 'persistent-lateness':
        return persistentLatenessFinding(ctx, p);
    }
  }
}
