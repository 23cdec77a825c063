import { type Pupil } from '../../rules/index.ts';
import { type PhaseProfile } from './schoolPhase.ts';
import { type SeededRandom } from './seededRandom.ts';

/** What drives one pupil's register for the year, drawn once. */
export interface PupilTraits {
  /** Share of possible sessions the pupil will miss (before term-time holiday). */
  propensity: number;
  /** Share of that absence that is unauthorised. */
  unauthorisedShare: number;
  /** Chance that a morning the pupil attends is marked late (L). */
  lateness: number;
  /** Takes a term-time holiday next to a school holiday (G). */
  holiday: boolean;
  /** Suspended for a few days at some point (E). */
  suspended: boolean;
  /** On a temporary part-time timetable for some weeks (C2 in the afternoons). */
  partTime: boolean;
  /** Attends another setting one day a week (D, not a possible session). */
  dualRegistered: boolean;
}

/**
 * Calibration of the propensity distribution. Absence in England is heavily skewed: most pupils miss a
 * few days, about a fifth miss 10% or more and about 2 in 100 miss half. One lognormal cannot give the
 * mean, the persistent share and the severe share at once, so propensity is a mixture of three groups:
 * - a body (most pupils), lognormal around the phase's median;
 * - a persistent group (absence with a cause: anxiety, illness, disengagement), lognormal near 15%;
 * - a severe group, spread evenly between 50% and 95%.
 * Both smaller groups grow with the pupil's risk factors, and the body is scaled by them, in the
 * proportions DfE reports (FSM pupils absent about twice as often; SEN support and EHC plans 1.7x and
 * 2.2x no SEN). Tuned against `cohortMeasures` by the calibration test in test/adapters/generator.
 */
export const PROPENSITY = {
  bodySigma: 0.8,
  persistentShare: 0.122,
  persistentMedian: 0.15,
  persistentSigma: 0.35,
  severeShare: 0.015,
  factors: { fsm: 1.55, senSupport: 1.4, ehcp: 1.7, socialWorker: 1.35, youngCarer: 1.25, lookedAfter: 0.9 },
  maximum: 0.95,
} as const;

function drawPropensity(median: number, factor: number, riskScale: number, rng: SeededRandom): number {
  const group = rng.next();
  const severe = Math.min(0.2, PROPENSITY.severeShare * factor * riskScale);
  const persistent = Math.min(0.5, PROPENSITY.persistentShare * factor * riskScale);
  if (group < severe) return 0.5 + rng.next() * (PROPENSITY.maximum - 0.5);
  const sigma = group < severe + persistent ? PROPENSITY.persistentSigma : PROPENSITY.bodySigma;
  const centre = group < severe + persistent ? PROPENSITY.persistentMedian : median * factor;
  return Math.min(PROPENSITY.maximum, centre * Math.exp(sigma * rng.normal()));
}

function riskFactor(pupil: Pupil): number {
  const f = PROPENSITY.factors;
  let factor = 1;
  if (pupil.fsm) factor *= f.fsm;
  if (pupil.sen === 'support') factor *= f.senSupport;
  if (pupil.sen === 'ehcp') factor *= f.ehcp;
  if (pupil.socialWorker) factor *= f.socialWorker;
  if (pupil.youngCarer) factor *= f.youngCarer;
  if (pupil.lookedAfter) factor *= f.lookedAfter;
  return factor;
}

export function drawPupilTraits(pupil: Pupil, phase: PhaseProfile, rng: SeededRandom): PupilTraits {
  const factor = riskFactor(pupil) * (phase.yearGroupFactor[pupil.yearGroup] ?? 1);
  const propensity = drawPropensity(phase.medianPropensity, factor, phase.riskScale, rng);
  // Heavier absence is more often unauthorised; FSM and social-worker involvement push the same way.
  let share =
    phase.unauthorisedShare +
    0.45 * Math.min(propensity, 0.6) +
    (pupil.fsm ? 0.06 : 0) +
    (pupil.socialWorker ? 0.05 : 0) +
    0.1 * rng.normal();
  share = Math.max(0.02, Math.min(0.95, share));
  const lateDraw = rng.next();
  const lateness = lateDraw < 0.05 ? 0.06 + rng.next() * 0.1 : lateDraw < 0.3 ? 0.01 + rng.next() * 0.02 : 0.002;
  return {
    propensity,
    unauthorisedShare: share,
    lateness,
    holiday: rng.chance(phase.holidayTakers),
    suspended: rng.chance(phase.suspended * (propensity > 0.1 ? 3 : 0.6)),
    partTime: rng.chance(propensity > 0.25 && pupil.sen !== 'none' ? 0.08 : 0.0008),
    dualRegistered: phase.phase === 'secondary' && rng.chance(propensity > 0.2 ? 0.03 : 0.0005),
  };
}
