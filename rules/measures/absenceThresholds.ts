/**
 * Persistent and severe absence compare a pupil's absence with their own possible sessions, without
 * rounding (DfE methodology; `enrolments_pa_10_exact`). Done in integers, so 9.95% is never "10%":
 * absent >= pct% of possible  <=>  100 * absent >= pct * possible.
 */
export function meetsAbsencePercent(absence: number, possible: number, percent: number): boolean {
  return possible > 0 && 100 * absence >= percent * possible;
}

/** Absence as a percentage of possible sessions, or null with no possible sessions. For display only. */
export function absencePercent(absence: number, possible: number): number | null {
  return possible > 0 ? (100 * absence) / possible : null;
}

/** A rate for people to read: one decimal place, as DfE publishes. */
export function formatPercent(value: number | null): string {
  return value === null ? 'n/a' : `${(Math.round(value * 10) / 10).toFixed(1)}%`;
}

/** Bits of absenceLevelBits' answer. */
export const ABSENCE_LEVEL = { persistent: 1, severe: 2, atRisk: 4 } as const;

/** The lines absenceLevelBits draws: the profile's percentages and who is counted at all. */
export interface AbsenceLevelLines {
  persistentPercent: number;
  severePercent: number;
  atRiskFromPercent: number;
  /** Pupils with this many possible sessions or fewer are left out: 0 (all pupils) or 10 (DfE's live figures). */
  minimumPossibleExclusive: number;
}

/**
 * Which absence levels a pupil's absence reaches, as bits of ABSENCE_LEVEL: persistent (10%+ of their own
 * possible sessions nationally), severe (50%+, also persistent, as DfE counts it) and the profile's at-risk
 * band below persistent. The one place the percentage test is made: the pupil's measures and the engine's
 * screen both ask here.
 *
 * @example
 * const lines = { persistentPercent: 10, severePercent: 50, atRiskFromPercent: 8, minimumPossibleExclusive: 0 };
 * absenceLevelBits(10, 100, lines) // => ABSENCE_LEVEL.persistent (exactly 10%)
 * absenceLevelBits(9, 100, lines)  // => ABSENCE_LEVEL.atRisk
 * absenceLevelBits(50, 100, lines) // => ABSENCE_LEVEL.persistent | ABSENCE_LEVEL.severe
 * absenceLevelBits(5, 10, { ...lines, minimumPossibleExclusive: 10 }) // => 0 (too few possible sessions)
 */
export function absenceLevelBits(absence: number, possible: number, lines: AbsenceLevelLines): number {
  if (possible <= lines.minimumPossibleExclusive) return 0;
  let bits = 0;
  const persistent = meetsAbsencePercent(absence, possible, lines.persistentPercent);
  if (persistent) bits |= ABSENCE_LEVEL.persistent;
  if (meetsAbsencePercent(absence, possible, lines.severePercent)) bits |= ABSENCE_LEVEL.severe;
  if (!persistent && meetsAbsencePercent(absence, possible, lines.atRiskFromPercent)) bits |= ABSENCE_LEVEL.atRisk;
  return bits;
}
