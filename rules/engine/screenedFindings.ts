import { absenceLevelFindingsFast, brokenWeeksFindingFast } from './absenceLevelFindingsFast.ts';
import { continuousAbsenceFinding, deletionGroundFinding } from '../findings/continuousAbsence.ts';
import { RULE_IDS, type Finding } from '../findings/finding.ts';
import { nCodeOverdueFinding } from '../findings/nCodeOverdue.ts';
import { penaltyThresholdFinding } from '../findings/penaltyThreshold.ts';
import { persistentLatenessFinding } from '../findings/persistentLateness.ts';
import { unexplainedAbsenceFinding, unexplainedDaysFinding } from '../findings/unexplainedAbsence.ts';
import { penaltyThresholdFast, penaltyWindow } from './penaltyThresholdFast.ts';
import { sicknessReturnFast } from './sicknessReturnFast.ts';
import { RULE_BIT, type PupilScreen } from './screenPupils.ts';

const ABSENCE_LEVEL_RULES = RULE_BIT['persistent-absence'] | RULE_BIT['severe-absence'] | RULE_BIT['at-risk-of-persistent-absence'];
const RULE_INDEX = new Map(RULE_IDS.map((r, i) => [r, i]));
// Module-level copies: under tsx every read of an imported binding is a getter call, which in this loop
// showed up in profiles.
const BROKEN = RULE_BIT['broken-weeks'];
const BROKEN_INDEX = RULE_IDS.indexOf('broken-weeks');
const PENALTY = RULE_BIT['penalty-threshold'];
const SICKNESS = RULE_BIT['sickness-return'];
const TODAY = RULE_BIT['unexplained-absence'];
const THREE_DAYS = RULE_BIT['unexplained-3-days'];
const OVERDUE = RULE_BIT['n-code-overdue'];
const CONTINUOUS = RULE_BIT['continuous-unauthorised-10-days'];
const DELETION = RULE_BIT['deletion-ground-20-days'];
const LATENESS = RULE_BIT['persistent-lateness'];

/**
 * The findings of a screened register, in evaluateFindings' order (by rule, then pupil name, then UPN).
 * Pupils are visited in name order and each finding goes to its rule's list, so no sort is needed. Only
 * pupils the screen flagged are looked at. The findings most pupils get are built here from the screen's
 * counts and the pupil's absence marks: absence levels, broken weeks and penalty threshold as lazy findings
 * (identity now, reason, evidence and next step on first read; see lazyFinding), sickness return in full
 * (whether it exists at all needs the pupil's illness episodes). The rarer ones come from the rules' own
 * functions. The equivalence tests hold them all to evaluateFindings.
 */
export function screenedFindings(screen: PupilScreen): Finding[] {
  const { ctx, index } = screen.query;
  const byRule: Finding[][] = RULE_IDS.map(() => []);
  const { nameOrder } = index;
  const window = penaltyWindow(screen.query);
  const penalty = window && { screen, shared: window };
  const scratch = new Int32Array(index.register.calendar.sessionCount);
  const scratchCodes = new Uint8Array(index.register.calendar.sessionCount);
  for (let i = 0; i < nameOrder.length; i++) {
    const p = nameOrder[i];
    const mask = screen.rules[p];
    if (mask === 0) continue;
    if (mask & ABSENCE_LEVEL_RULES) absenceLevelFindingsFast(ctx, screen, p, mask, byRule);
    if (mask & BROKEN) byRule[BROKEN_INDEX].push(brokenWeeksFindingFast(ctx, screen, p));
    if (mask & PENALTY) add(byRule, penalty ? penaltyThresholdFast(penalty, p, scratch, scratchCodes) : penaltyThresholdFinding(ctx, p));
    if (mask & SICKNESS) add(byRule, sicknessReturnFast(screen, p));
    if (mask & TODAY) add(byRule, unexplainedAbsenceFinding(ctx, p));
    if (mask & THREE_DAYS) add(byRule, unexplainedDaysFinding(ctx, p));
    if (mask & OVERDUE) add(byRule, nCodeOverdueFinding(ctx, p));
    if (mask & CONTINUOUS) add(byRule, continuousAbsenceFinding(ctx, p));
    if (mask & DELETION) add(byRule, deletionGroundFinding(ctx, p));
    if (mask & LATENESS) add(byRule, persistentLatenessFinding(ctx, p));
  }
  return byRule.flat();
}

function add(byRule: Finding[][], finding: Finding | null): void {
  if (finding) byRule[RULE_INDEX.get(finding.rule)!].push(finding);
}
