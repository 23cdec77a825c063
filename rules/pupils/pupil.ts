import { type IsoDate } from '../dates/isoDate.ts';

/** The context flags cohort views and alert routing use. Absent means the roster did not say. */
export interface PupilContext {
  /** SEN support (K) or an EHC plan (E); `none` when the roster says the pupil has neither. */
  sen?: 'none' | 'support' | 'ehcp';
  fsm?: boolean;
  socialWorker?: boolean;
  lookedAfter?: boolean;
  youngCarer?: boolean;
}

export interface Pupil extends PupilContext {
  upn: string;
  givenName: string;
  familyName: string;
  dateOfBirth: IsoDate;
  /** National curriculum year: "R", "N1", "N2" or "1" to "14". Kept as written so "R" survives. */
  yearGroup: string;
  regGroup?: string;
  /**
   * The DfE three-digit number of the local authority the pupil lives in, when the roster gives it. Where it
   * differs from the school's, some duties fall to that authority (the Home LA), not the school's.
   */
  homeLa?: string;
}

export function pupilName(p: Pick<Pupil, 'givenName' | 'familyName'>): string {
  return `${p.givenName} ${p.familyName}`;
}
