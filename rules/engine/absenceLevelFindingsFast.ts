import { type EvaluationContext } from '../findings/evaluationContext.ts';
import { type Finding } from '../findings/finding.ts';
import { type RuleId } from '../findings/finding.ts';
import { REGISTER_CODES } from '../codes/registerCodes.ts';
import { formatPercent } from '../measures/absenceThresholds.ts';
import { flaggedMeasures, type FlaggedMeasures } from './flaggedMeasures.ts';
import { engineFinding, type FindingParts } from './engineFinding.ts';
import { type RegisterQuery } from './registerQuery.ts';

// The next steps absenceLevelFindings gives; the engine's equivalence tests fail if either side changes alone.
const PERSISTENT_STEP = 'Meet the pupil and parents to understand the barriers and agree an action plan with reviews; involve the local authority where support is needed';
const SEVERE_STEP = 'Agree a joint approach with the local authority and all services involved; make sure the pupil has a case and a plan';
const AT_RISK_STEP = 'Talk with the pupil and parents now, before absence reaches the persistent-absence line';

/**
 * A persistent, severe or at-risk finding of a pupil the screen flagged, as absenceLevelFindings makes it,
 * without its generic helpers; the codes behind the percentage come from the pupil's absence marks.
 */
export function absenceLevelFindingFast(q: RegisterQuery, p: number, rule: RuleId, absenceSessions: number, possibleSessions: number): Finding {
  const { ctx } = q;
  const { absence } = ctx.policy;
  const parts = absenceLevelParts(q, p, rule, flaggedMeasures(q, p, possibleSessions, absenceSessions, scratch(), false));
  const citation = rule === 'at-risk-of-persistent-absence' ? absence.atRiskCitation : absence.citation;
  return engineFinding(ctx.register.pupils[p], rule, parts.reason, parts.evidence, parts.nextStep, citation, ctx.period.from);
}

let tallyScratch: Uint16Array | null = null;

function scratch(): Uint16Array {
  tallyScratch ??= new Uint16Array(REGISTER_CODES.length);
  return tallyScratch;
}

/** The reason, evidence and next step of one absence-level finding, as absenceLevelFindings words them. */
function absenceLevelParts(q: RegisterQuery, p: number, rule: RuleId, m: FlaggedMeasures): FindingParts {
  const { ctx } = q;
  const { absence } = ctx.policy;
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
export function brokenWeeksFindingFast(q: RegisterQuery, p: number, broken: number, weeks: number): Finding {
  const { ctx } = q;
  const rule = ctx.policy.brokenWeeks;
  const parts = brokenWeeksParts(q, p, broken, weeks);
  return engineFinding(ctx.register.pupils[p], 'broken-weeks', parts.reason, parts.evidence, parts.nextStep, rule.citation, ctx.period.from);
}

function brokenWeeksParts(q: RegisterQuery, p: number, broken: number, weeks: number): FindingParts {
  const { ctx } = q;
  const rule = ctx.policy.brokenWeeks;
  const m = flaggedMeasures(q, p, 0, 0, scratch(), true);
  const { brokenWeekMondays } = m;
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
