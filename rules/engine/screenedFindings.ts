import { absenceLevelFindingsFast, brokenWeeksFindingFast } from './absenceLevelFindingsFast.ts';
import { continuousAbsenceFinding, deletionGroundFinding } from '../findings/continuousAbsence.ts';
import { RULE_IDS, type Finding } from '../findings/finding.ts';
import { nCodeOverdueFinding } from '../findings/nCodeOverdue.ts';
import { penaltyThresholdFinding } from '../findings/penaltyThreshold.ts';
import { persistentLatenessFinding } from '../findings/persistentLateness.ts';
import { sicknessReturnFinding } from '../findings/sicknessReturn.ts';
import { unexplainedAbsenceFinding, unexplainedDaysFinding } from '../findings/unexplainedAbsence.ts';
import { REGISTER_CODES } from '../codes/registerCodes.ts';
import { flaggedMeasures } from './flaggedMeasures.ts';
import { RULE_BIT, type PupilScreen } from './screenPupils.ts';

const ABSENCE_LEVEL_RULES = RULE_BIT['persistent-absence'] | RULE_BIT['severe-absence'] | RULE_BIT['at-risk-of-persistent-absence'];
const MEASURE_RULES = RULE_BIT['persistent-absence'] | RULE_BIT['severe-absence'] | RULE_BIT['at-risk-of-persistent-absence'] | RULE_BIT['broken-weeks'];
const RULE_INDEX = new Map(RULE_IDS.map((r, i) => [r, i]));

/**
 * The findings of a screened register, in evaluateFindings' order (by rule, then pupil name, then UPN).
 * Pupils are visited in name order and each finding goes to its rule's list, so no sort is needed. Only
 * pupils the screen flagged are looked at, and their findings come from the rules' own functions, so the
 * reasons, evidence, next steps and citations are the rules' by construction.
 */
export function screenedFindings(screen: PupilScreen): Finding[] {
  const { ctx, index } = screen.query;
  const byRule: Finding[][] = RULE_IDS.map(() => []);
  const { nameOrder } = index;
  const tally = new Uint16Array(REGISTER_CODES.length);
  for (let i = 0; i < nameOrder.length; i++) {
    const p = nameOrder[i];
    const mask = screen.rules[p];
    if (mask === 0) continue;
    if (mask & MEASURE_RULES) {
      const measures = flaggedMeasures(screen, p, tally);
      if (mask & ABSENCE_LEVEL_RULES) for (const f of absenceLevelFindingsFast(ctx, p, measures, mask)) add(byRule, f);
      if (mask & RULE_BIT['broken-weeks']) add(byRule, brokenWeeksFindingFast(ctx, p, measures));
    }
    if (mask & RULE_BIT['penalty-threshold']) add(byRule, penaltyThresholdFinding(ctx, p));
    if (mask & RULE_BIT['sickness-return']) add(byRule, sicknessReturnFinding(ctx, p));
    if (mask & RULE_BIT['unexplained-absence']) add(byRule, unexplainedAbsenceFinding(ctx, p));
    if (mask & RULE_BIT['unexplained-3-days']) add(byRule, unexplainedDaysFinding(ctx, p));
    if (mask & RULE_BIT['n-code-overdue']) add(byRule, nCodeOverdueFinding(ctx, p));
    if (mask & RULE_BIT['continuous-unauthorised-10-days']) add(byRule, continuousAbsenceFinding(ctx, p));
    if (mask & RULE_BIT['deletion-ground-20-days']) add(byRule, deletionGroundFinding(ctx, p));
    if (mask & RULE_BIT['persistent-lateness']) add(byRule, persistentLatenessFinding(ctx, p));
  }
  return byRule.flat();
}

function add(byRule: Finding[][], finding: Finding | null): void {
  if (finding) byRule[RULE_INDEX.get(finding.rule)!].push(finding);
}
