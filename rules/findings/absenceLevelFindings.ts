import { findRegisterCode } from '../codes/registerCodes.ts';
import { formatShortDate } from '../dates/isoDate.ts';
import { formatPercent } from '../measures/absenceThresholds.ts';
import { type PupilMeasures } from '../measures/pupilMeasures.ts';
import { type EvaluationContext } from './evaluationContext.ts';
import { type Finding } from './finding.ts';
import { pupilFinding } from './pupilFinding.ts';

/** What the absence-level findings show of a pupil's measures over the period. */
export interface AbsenceFigures {
  from: string;
  to: string;
  possible: number;
  absence: number;
  authorised: number;
  unauthorised: number;
  attended: number;
  absencePercent: number | null;
  /** Sessions per absence code. */
  absenceCodes: Record<string, number>;
}

function absenceEvidence(ctx: EvaluationContext, f: AbsenceFigures, thresholdPercent: number): Record<string, unknown> {
  return {
    period: { from: f.from, to: f.to },
    possibleSessions: f.possible,
    absenceSessions: f.absence,
    authorisedSessions: f.authorised,
    unauthorisedSessions: f.unauthorised,
    attendedSessions: f.attended,
    absencePercent: f.absencePercent === null ? null : Math.round(f.absencePercent * 100) / 100,
    thresholdPercent,
    absenceCodes: Object.assign({}, f.absenceCodes),
    method: ctx.measureMethod,
  };
}

export type AbsenceLevelRule = 'persistent-absence' | 'severe-absence' | 'at-risk-of-persistent-absence';

type AbsencePolicy = EvaluationContext['policy']['absence'];

/** What differs between the three absence-level findings: the line crossed, the threshold, the step. */
const LEVELS: Record<
  AbsenceLevelRule,
  (a: AbsencePolicy) => { crossed: string; thresholdPercent: number; nextStep: string }
> = {
  'persistent-absence': (a) => ({
    crossed: `at or above the ${a.persistentPercent}% line for persistent absence`,
    thresholdPercent: a.persistentPercent,
    nextStep:
      'Meet the pupil and parents to understand the barriers and agree an action plan with reviews; involve the local authority where support is needed',
  }),
  'severe-absence': (a) => ({
    crossed: `at or above the ${a.severePercent}% line for severe absence`,
    thresholdPercent: a.severePercent,
    nextStep:
      'Agree a joint approach with the local authority and all services involved; make sure the pupil has a case and a plan',
  }),
  'at-risk-of-persistent-absence': (a) => ({
    crossed: `in the at-risk band (${a.atRiskFromPercent}% to under ${a.persistentPercent}%)`,
    thresholdPercent: a.atRiskFromPercent,
    nextStep: 'Talk with the pupil and parents now, before absence reaches the line for persistent absence',
  }),
};

/**
 * One absence-level finding from a pupil's figures. `periodText` is "from <date> to <date>". The rules
 * and the engine's builder both word the finding here, so they cannot drift apart.
 */
export function absenceLevelFinding(
  ctx: EvaluationContext,
  p: number,
  rule: AbsenceLevelRule,
  f: AbsenceFigures,
  periodText: string,
): Finding {
  const { absence } = ctx.policy;
  const level = LEVELS[rule](absence);
  const evidence = absenceEvidence(ctx, f, level.thresholdPercent);
  const atRisk = rule === 'at-risk-of-persistent-absence';
  // The at-risk band also names where it ends.
  if (atRisk) evidence.bandToPercent = absence.persistentPercent;
  return pupilFinding(ctx, p, rule, {
    reason: `Absent ${f.absence} of ${f.possible} possible sessions (${formatPercent(f.absencePercent)}) ${periodText}: ${level.crossed}.`,
    evidence,
    nextStep: level.nextStep,
    citation: atRisk ? absence.atRiskCitation : absence.citation,
    episode: f.from,
  });
}

/**
 * Persistent absence (10%+ of the pupil's own possible sessions), severe absence (50%+) and the profile's
 * at-risk band below persistent absence. Severe absence is also persistent absence, as DfE counts it.
 */
export function absenceLevelFindings(ctx: EvaluationContext, p: number, m: PupilMeasures): Finding[] {
  const rules: AbsenceLevelRule[] = [];
  if (m.persistentlyAbsent) rules.push('persistent-absence');
  if (m.severelyAbsent) rules.push('severe-absence');
  if (m.atRiskOfPersistentAbsence) rules.push('at-risk-of-persistent-absence');
  if (rules.length === 0) return [];
  const figures: AbsenceFigures = {
    ...m,
    absenceCodes: Object.fromEntries(
      Object.entries(m.byCode).filter(([code]) => {
        const category = findRegisterCode(code)?.category;
        return category === 'authorised' || category === 'unauthorised';
      }),
    ),
  };
  const periodText = `from ${formatShortDate(m.from)} to ${formatShortDate(m.to)}`;
  return rules.map((rule) => absenceLevelFinding(ctx, p, rule, figures, periodText));
}
