import { type EvaluationContext } from '../findings/evaluationContext.ts';
import { type Finding } from '../findings/finding.ts';
import { RULE_IDS, type RuleId } from '../findings/finding.ts';
import { REGISTER_CODES } from '../codes/registerCodes.ts';
import { formatPercent } from '../measures/absenceThresholds.ts';
import { flaggedMeasures, type FlaggedMeasures } from './flaggedMeasures.ts';
import { lazyFinding, type FindingParts } from './lazyFinding.ts';
import { RULE_BIT, type PupilScreen } from './screenPupils.ts';

const PERSISTENT = RULE_BIT['persistent-absence'];
const SEVERE = RULE_BIT['severe-absence'];
const AT_RISK = RULE_BIT['at-risk-of-persistent-absence'];
const PERSISTENT_INDEX = RULE_IDS.indexOf('persistent-absence');
const SEVERE_INDEX = RULE_IDS.indexOf('severe-absence');
const AT_RISK_INDEX = RULE_IDS.indexOf('at-risk-of-persistent-absence');

// The next steps absenceLevelFindings gives; the engine's equivalence tests fail if either side changes alone.
const PERSISTENT_STEP = 'Meet the pupil and parents to understand the barriers and agree an action plan with reviews; involve the local authority where support is needed';
const SEVERE_STEP = 'Agree a joint approach with the local authority and all services involved; make sure the pupil has a case and a plan';
const AT_RISK_STEP = 'Talk with the pupil and parents now, before absence reaches the persistent-absence line';

/**
 * The persistent, severe and at-risk findings of `absenceLevelFindings`, built without its generic
 * helpers: over a local authority these are most of the findings. Same objects, same order of keys. Only
 * the identity is built here; the reason and evidence (which need the pupil's absence codes, a pass over
 * their absence marks) are built by absenceLevelParts when first read.
 */
export function absenceLevelFindingsFast(ctx: EvaluationContext, screen: PupilScreen, p: number, rules: number, out: Finding[][]): void {
  const { absence } = ctx.policy;
  const pupil = ctx.register.pupils[p];
  const from = ctx.period.from;
  if (rules & PERSISTENT) out[PERSISTENT_INDEX].push(lazyFinding(pupil, 'persistent-absence', absence.citation, from, absenceLevelParts, screen, p));
  if (rules & SEVERE) out[SEVERE_INDEX].push(lazyFinding(pupil, 'severe-absence', absence.citation, from, absenceLevelParts, screen, p));
  if (rules & AT_RISK) out[AT_RISK_INDEX].push(lazyFinding(pupil, 'at-risk-of-persistent-absence', absence.atRiskCitation, from, absenceLevelParts, screen, p));
}

let tallyScratch: Uint16Array | null = null;

function measuresOf(screen: PupilScreen, p: number): FlaggedMeasures {
  tallyScratch ??= new Uint16Array(REGISTER_CODES.length);
  return flaggedMeasures(screen, p, tallyScratch);
}

/** The reason, evidence and next step of one absence-level finding, as absenceLevelFindings words them. */
export function absenceLevelParts(screen: PupilScreen, p: number, rule: RuleId): FindingParts {
  const { ctx } = screen.query;
  const { absence } = ctx.policy;
  const m = measuresOf(screen, p);
  const percent = m.absencePercent === null ? null : Math.round(m.absencePercent * 100) / 100;
  const figure = `Absent ${m.absence} of ${m.possible} possible sessions (${formatPercent(m.absencePercent)}) ${m.periodText}`;
  if (rule === 'persistent-absence') {
    return {
      reason: `${figure}: at or above the ${absence.persistentPercent}% persistent-absence line.`,
      evidence: absenceEvidence(ctx, m, percent, m.absenceCodes, absence.persistentPercent),
      nextStep: PERSISTENT_STEP,
    };
  }
  if (rule === 'severe-absence') {
    return {
      reason: `${figure}: at or above the ${absence.severePercent}% severe-absence line.`,
      evidence: absenceEvidence(ctx, m, percent, m.absenceCodes, absence.severePercent),
      nextStep: SEVERE_STEP,
    };
  }
  const evidence: Record<string, unknown> = absenceEvidence(ctx, m, percent, m.absenceCodes, absence.atRiskFromPercent);
  evidence.bandToPercent = absence.persistentPercent;
  return {
    reason: `${figure}: in the at-risk band (${absence.atRiskFromPercent}% to under ${absence.persistentPercent}%).`,
    evidence,
    nextStep: AT_RISK_STEP,
  };
}

function absenceEvidence(ctx: EvaluationContext, m: FlaggedMeasures, percent: number | null, absenceCodes: Record<string, number>, thresholdPercent: number) {
  return {
    period: { from: m.from, to: m.to },
    possibleSessions: m.possible,
    absenceSessions: m.absence,
    authorisedSessions: m.authorised,
    unauthorisedSessions: m.unauthorised,
    attendedSessions: m.attended,
    absencePercent: percent,
    thresholdPercent,
    absenceCodes: Object.assign({}, absenceCodes),
    method: ctx.measureMethod,
  };
}

/** `broken-weeks`, as brokenWeeksFinding words it; the screen has already checked the profile's ratio. */
export function brokenWeeksFindingFast(ctx: EvaluationContext, screen: PupilScreen, p: number): Finding {
  const rule = ctx.policy.brokenWeeks;
  return lazyFinding(ctx.register.pupils[p], 'broken-weeks', rule.citation, ctx.period.from, brokenWeeksParts, screen, p);
}

function brokenWeeksParts(screen: PupilScreen, p: number): FindingParts {
  const { ctx } = screen.query;
  const rule = ctx.policy.brokenWeeks;
  const m = measuresOf(screen, p);
  const { broken, weeks, brokenWeekMondays } = m;
  return {
    reason: `Missed at least one session in ${broken} of ${weeks} school weeks ${m.periodText}.`,
    evidence: {
      brokenWeeks: broken,
      schoolWeeks: weeks,
      ratio: Math.round((broken / weeks) * 1000) / 1000,
      concernRatio: rule.concernRatio,
      brokenWeekMondays,
    },
    nextStep: rule.nextStep,
  };
}
