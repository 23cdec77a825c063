/**
 * What differs between primary and secondary registers, in the generator's terms. Figures follow the
 * DfE statistics (*Pupil absence in schools in England*, 2023/24 full year): secondary absence is higher (2023/24 full
 * year 8.9% against 5.5%), with a larger unauthorised part (about 3.5% against 1.6%), and absence rises
 * through secondary year groups.
 */
export type SchoolPhase = 'primary' | 'secondary';

export interface PhaseProfile {
  phase: SchoolPhase;
  yearGroups: readonly string[];
  /** Registration groups per year group: forms in a primary, tutor groups in a secondary. */
  formsPerYear: number;
  /** Median of the body of the absence-propensity distribution (a share of sessions). */
  medianPropensity: number;
  /** Extra propensity by year group (multiplier). */
  yearGroupFactor: Readonly<Record<string, number>>;
  /** Scales the persistent and severe groups of the propensity mixture (secondary PA is about 1.7x primary). */
  riskScale: number;
  /** Base share of a pupil's absence that is unauthorised, before the pupil's own factors. */
  unauthorisedShare: number;
  /** Pupils taking a term-time holiday (G) in a year. */
  holidayTakers: number;
  /** Pupils with some suspensions (E) in a year. */
  suspended: number;
  /** Size of a school of this phase relative to a primary, when pupils are shared out across schools. */
  sizeWeight: number;
  /** Establishment numbers run 2000-2999 for primaries and 4000-4999 for secondaries. */
  estabBase: number;
}

export const PHASE_PROFILES: Readonly<Record<SchoolPhase, PhaseProfile>> = {
  primary: {
    phase: 'primary',
    yearGroups: ['R', '1', '2', '3', '4', '5', '6'],
    formsPerYear: 2,
    medianPropensity: 0.0145,
    yearGroupFactor: { R: 1.05, '1': 1.0, '2': 0.97, '3': 0.95, '4': 0.95, '5': 0.97, '6': 1.0 },
    riskScale: 0.75,
    unauthorisedShare: 0.11,
    holidayTakers: 0.2,
    suspended: 0.004,
    sizeWeight: 1,
    estabBase: 2000,
  },
  secondary: {
    phase: 'secondary',
    yearGroups: ['7', '8', '9', '10', '11'],
    formsPerYear: 8,
    medianPropensity: 0.022,
    yearGroupFactor: { '7': 0.8, '8': 0.95, '9': 1.05, '10': 1.12, '11': 1.15 },
    riskScale: 1.3,
    unauthorisedShare: 0.19,
    holidayTakers: 0.12,
    suspended: 0.04,
    sizeWeight: 3.5,
    estabBase: 4000,
  },
};
