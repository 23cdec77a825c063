import { findRegisterCode } from '../codes/registerCodes.ts';
import { formatShortDate } from '../dates/isoDate.ts';
import { formatPercent } from '../measures/absenceThresholds.ts';
import { type PupilMeasures } from '../measures/pupilMeasures.ts';
import { type EvaluationContext } from './evaluationContext.ts';
import { type Finding } from './finding.ts';
import { pupilFinding } from './pupilFinding.ts';

function absenceEvidence(ctx: EvaluationContext, m: PupilMeasures, thresholdPercent: number) {
  const absenceCodes = Object.fromEntries(
    Object.entries(m.byCode).filter(([code]) => {
      const category = findRegisterCode(code)?.category;
      return category === 'authorised' || category === 'unauthorised';
    }),
  );
  return {
    period: { from: m.from, to: m.to },
    possibleSessions: m.possible,
    absenceSessions: m.absence,
    authorisedSessions: m.authorised,
    unauthorisedSessions: m.unauthorised,
    attendedSessions: m.attended,
    absencePercent: m.absencePercent === null ? null : Math.round(m.absencePercent * 100) / 100,
    thresholdPercent,
    absenceCodes,
    method: ctx.measureMethod,
  };
}

function since(m: PupilMeasures) {
  return `from ${formatShortDate(m.from)} to ${formatShortDate(m.to)}`;
}

/**
 * Persistent absence (10%+ of the pupil's own possible sessions), severe absence (50%+) and the profile's
 * at-risk band below persistent absence. Severe absence is also persistent absence, as DfE counts it.
 */
export function absenceLevelFindings(ctx: EvaluationContext, p: number, m: PupilMeasures): Finding[] {
  const { absence } = ctx.policy;
  const out: Finding[] = [];
  const figure = `Absent ${m.absence} of ${m.possible} possible sessions (${formatPercent(m.absencePercent)}) ${since(m)}`;
  if (m.persistentlyAbsent) {
    out.push(
      pupilFinding(ctx, p, 'persistent-absence', {
        reason: `${figure}: at or above the ${absence.persistentPercent}% persistent-absence line.`,
        evidence: absenceEvidence(ctx, m, absence.persistentPercent),
        nextStep: 'Meet the pupil and parents to understand the barriers and agree an action plan with reviews; involve the local authority where support is needed',
        citation: absence.citation,
        episode: m.from,
      }),
    );
  }
  if (m.severelyAbsent) {
    out.push(
      pupilFinding(ctx, p, 'severe-absence', {
        reason: `${figure}: at or above the ${absence.severePercent}% severe-absence line.`,
        evidence: absenceEvidence(ctx, m, absence.severePercent),
        nextStep: 'Agree a joint approach with the local authority and all services involved; make sure the pupil has a case and a plan',
        citation: absence.citation,
        episode: m.from,
      }),
    );
  }
  if (m.atRiskOfPersistentAbsence) {
    out.push(
      pupilFinding(ctx, p, 'at-risk-of-persistent-absence', {
        reason: `${figure}: in the at-risk band (${absence.atRiskFromPercent}% to under ${absence.persistentPercent}%).`,
        evidence: { ...absenceEvidence(ctx, m, absence.atRiskFromPercent), bandToPercent: absence.persistentPercent },
        nextStep: 'Talk with the pupil and parents now, before absence reaches the persistent-absence line',
        citation: absence.atRiskCitation,
        episode: m.from,
      }),
    );
  }
  return out;
}
