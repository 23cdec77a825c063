import { type CohortFilter } from '../../rules/index.ts';

/**
 * National figures to set a school's against, as published by DfE (Explore Education Statistics), with
 * where each comes from. Only DfE's own published figures are used, never secondary sources. Update these when DfE publishes a newer full-year release.
 */
export const NATIONAL_SOURCES = {
  census: 'DfE, Pupil absence in schools in England, autumn term 2024/25 (school census, state-funded schools)',
  daily: 'DfE, Pupil attendance in schools, autumn term 2024/25 (daily attendance data)',
} as const;

export type NationalSource = keyof typeof NATIONAL_SOURCES;

export interface NationalComparison {
  /** Who the national figures describe: "all pupils", "pupils eligible for FSM", "secondary schools". */
  group: string;
  overallAbsencePercent: number;
  persistentAbsencePercent?: number;
  severeAbsencePercent?: number;
  illnessPercent?: number;
  source: NationalSource;
}

const ALL_PUPILS: NationalComparison = {
  group: 'all pupils',
  overallAbsencePercent: 6.38,
  persistentAbsencePercent: 17.79,
  severeAbsencePercent: 2.04,
  illnessPercent: 3.31,
  source: 'census',
};

function isPrimaryYear(year: string): boolean {
  return year === 'R' || /^[1-6]$/.test(year);
}

function isSecondaryYear(year: string): boolean {
  return /^(7|8|9|10|11)$/.test(year);
}

/**
 * The national group that best matches a cohort: FSM and SEN figures come from the daily data (they are
 * published by characteristic), phase figures from the census; anything else is compared with all pupils.
 */
export function nationalComparison(filter: CohortFilter): NationalComparison {
  if (filter.fsm === true)
    return {
      group: 'pupils eligible for free school meals',
      overallAbsencePercent: 10.0,
      persistentAbsencePercent: 31.7,
      source: 'daily',
    };
  if (filter.fsm === false)
    return {
      group: 'pupils not eligible for free school meals',
      overallAbsencePercent: 5.2,
      persistentAbsencePercent: 14.4,
      source: 'daily',
    };
  if (filter.sen === 'ehcp')
    return {
      group: 'pupils with an EHC plan',
      overallAbsencePercent: 13.1,
      persistentAbsencePercent: 35.1,
      source: 'daily',
    };
  if (filter.sen === 'support')
    return {
      group: 'pupils on SEN support',
      overallAbsencePercent: 10.1,
      persistentAbsencePercent: 29.0,
      source: 'daily',
    };
  if (filter.yearGroup !== undefined && isPrimaryYear(filter.yearGroup))
    return { group: 'primary schools', overallAbsencePercent: 5.07, source: 'census' };
  if (filter.yearGroup !== undefined && isSecondaryYear(filter.yearGroup))
    return { group: 'secondary schools', overallAbsencePercent: 7.66, source: 'census' };
  return ALL_PUPILS;
}
