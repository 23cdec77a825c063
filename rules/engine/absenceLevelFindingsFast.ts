import { type EvaluationContext } from '../findings/evaluationContext.ts';
import { type Finding } from '../findings/finding.ts';
import { engineFinding } from './engineFinding.ts';
import { formatPercent } from '../measures/absenceThresholds.ts';
import { type FlaggedMeasures } from './flaggedMeasures.ts';
import { RULE_BIT } from './screenPupils.ts';

const PERSISTENT = RULE_BIT['persistent-absence'];
const SEVERE = RULE_BIT['severe-absence'];
const AT_RISK = RULE_BIT['at-risk-of-persistent-absence'];

// The next steps absenceLevelFindings gives; the engine's equivalence tests fail if either side changes alone.
const PERSISTENT_STEP = 'Meet the pupil and parents to understand the barriers and agree an action plan with reviews; involve the local authority where support is needed';
const SEVERE_STEP = 'Agree a joint approach with the local authority and all services involved; make sure the pupil has a case and a plan';
const AT_RISK_STEP = 'Talk with the pupil and parents now, before absence reaches the persistent-absence line';

/**
 * The persistent, severe and at-risk findings of `absenceLevelFindings`, built without its generic
 * helpers: over a local authority these are most of the findings, and object spreads and per-code lookups
 * there cost more than the rest of the query. Same objects, same order of keys.
 */
export function absenceLevelFindingsFast(ctx: EvaluationContext, p: number, m: FlaggedMeasures, rules: number): Finding[] {
  const { absence } = ctx.policy;
  const pupil = ctx.register.pupils[p];
  const out: Finding[] = [];
  const absenceCodes = m.absenceCodes;
  const percent = m.absencePercent === null ? null : Math.round(m.absencePercent * 100) / 100;
  const figure = `Absent ${m.absence} of ${m.possible} possible sessions (${formatPercent(m.absencePercent)}) ${m.periodText}`;
  // No closures here: tsx names every function it creates, which costs more than the finding itself.
  if (rules & PERSISTENT) {
    out.push(
      engineFinding(
        pupil,
        'persistent-absence',
        `${figure}: at or above the ${absence.persistentPercent}% persistent-absence line.`,
        absenceEvidence(ctx, m, percent, absenceCodes, absence.persistentPercent),
        PERSISTENT_STEP,
        absence.citation,
        m.from,
      ),
    );
  }
  if (rules & SEVERE) {
    out.push(
      engineFinding(
        pupil,
        'severe-absence',
        `${figure}: at or above the ${absence.severePercent}% severe-absence line.`,
        absenceEvidence(ctx, m, percent, absenceCodes, absence.severePercent),
        SEVERE_STEP,
        absence.citation,
        m.from,
      ),
    );
  }
  if (rules & AT_RISK) {
    const evidence: Record<string, unknown> = absenceEvidence(ctx, m, percent, absenceCodes, absence.atRiskFromPercent);
    evidence.bandToPercent = absence.persistentPercent;
    out.push(
      engineFinding(
        pupil,
        'at-risk-of-persistent-absence',
        `${figure}: in the at-risk band (${absence.atRiskFromPercent}% to under ${absence.persistentPercent}%).`,
        evidence,
        AT_RISK_STEP,
        absence.atRiskCitation,
        m.from,
      ),
    );
  }
  return out;
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
export function brokenWeeksFindingFast(ctx: EvaluationContext, p: number, m: FlaggedMeasures): Finding {
  const rule = ctx.policy.brokenWeeks;
  const pupil = ctx.register.pupils[p];
  const { broken, weeks, brokenWeekMondays } = m;
  return engineFinding(
    pupil,
    'broken-weeks',
    `Missed at least one session in ${broken} of ${weeks} school weeks ${m.periodText}.`,
    {
      brokenWeeks: broken,
      schoolWeeks: weeks,
      ratio: Math.round((broken / weeks) * 1000) / 1000,
      concernRatio: rule.concernRatio,
      brokenWeekMondays,
    },
    rule.nextStep,
    rule.citation,
    m.from,
  );
}
