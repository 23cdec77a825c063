import { type EvaluationContext } from '../findings/evaluationContext.ts';
import { absencePercent } from '../measures/absenceThresholds.ts';
import { cohortMeasures, type CohortFilter } from '../measures/cohortMeasures.ts';

/** The cohorts a targeting support meeting looks at (003's groups of concern; 002 on SEND). */
export const MEETING_COHORTS: readonly { label: string; filter: CohortFilter }[] = [
  { label: 'All pupils', filter: {} },
  { label: 'Free school meals', filter: { fsm: true } },
  // SEND in the two groups DfE publishes figures for, so each can be set beside its national figure.
  { label: 'SEN support', filter: { sen: 'support' } },
  { label: 'EHC plan', filter: { sen: 'ehcp' } },
  { label: 'With a social worker', filter: { socialWorker: true } },
  { label: 'Looked after', filter: { lookedAfter: true } },
];

export interface CohortFigures {
  pupils: number;
  absencePercent: number | null;
  persistentAbsencePercent: number | null;
}

/** Published national figures for a cohort, when there are any (the caller knows the source). */
export type NationalFigures = (
  filter: CohortFilter,
) => { absencePercent: number; persistentAbsencePercent?: number } | null;

export interface CohortComparisonRow {
  cohort: string;
  school: CohortFigures;
  /** Every loaded school of the same local authority together; null when the authority is not known. */
  localAuthority: CohortFigures | null;
  national: { absencePercent: number; persistentAbsencePercent: number | null } | null;
}

/** Several schools' cohorts as one: sessions summed, pupils counted once each. */
function combined(contexts: readonly EvaluationContext[], filter: CohortFilter): CohortFigures {
  let absence = 0;
  let possible = 0;
  let pupils = 0;
  let counted = 0;
  let persistent = 0;
  for (const ctx of contexts) {
    const m = cohortMeasures(ctx, filter);
    absence += m.absence;
    possible += m.possible;
    pupils += m.pupils;
    counted += m.pupilsCounted;
    persistent += m.persistentlyAbsent;
  }
  return {
    pupils,
    absencePercent: absencePercent(absence, possible),
    persistentAbsencePercent: counted > 0 ? (100 * persistent) / counted : null,
  };
}

/**
 * The school's cohorts beside the local authority's (all its loaded schools) and national figures, as the
 * termly meeting sets them side by side. Figures are aggregates: they name no pupil, so they may be shown
 * in a limited channel; a cohort of nobody shows its pupil count of 0 and no rates.
 */
export function cohortComparison(
  school: EvaluationContext,
  localAuthority: readonly EvaluationContext[] | null,
  national: NationalFigures,
): CohortComparisonRow[] {
  return MEETING_COHORTS.map(({ label, filter }) => {
    const n = national(filter);
    return {
      cohort: label,
      school: combined([school], filter),
      localAuthority: localAuthority && localAuthority.length > 0 ? combined(localAuthority, filter) : null,
      national: n
        ? { absencePercent: n.absencePercent, persistentAbsencePercent: n.persistentAbsencePercent ?? null }
        : null,
    };
  });
}
