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
