/**
 * The national figures the generator is calibrated to (England, state-funded schools; DfE *Pupil
 * absence in schools in England* and *Pupil attendance in schools*): overall absence 7.1% in 2023/24 (census) and 6.9% in 2024/25 (daily
 * data); unauthorised about a third of absence (2.5 of 7.1 points); persistent absence 18.7% in 2024/25
 * (20.0% in 2023/24); severe absence about 2% (2.04% autumn 2024/25). Percentages of possible sessions,
 * of absence, and of pupils respectively, for a full school year.
 */
export const CALIBRATION_TARGETS = {
  overallAbsencePercent: 7.0,
  unauthorisedShareOfAbsencePercent: 33.3,
  persistentAbsencePercent: 18.7,
  severeAbsencePercent: 2.0,
} as const;
