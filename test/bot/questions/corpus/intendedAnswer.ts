/**
 * What a question in the corpus is meant to become, written down before the parser was tuned against it.
 * Only what changes the answer counts: the kind, who it is about, the dates and the pupil; not the words
 * that decided it. Every corpus question is asked on Monday 24 November 2025 (see `corpusContext.ts`).
 */
export interface IntendedAnswer {
  kind:
    | 'penalty-threshold'
    | 'persistent-absence'
    | 'severe-absence'
    | 'at-risk'
    | 'sickness-returns'
    | 'unexplained-today'
    | 'unexplained-3-days'
    | 'n-overdue'
    | 'continuous-absence'
    | 'deletion-ground'
    | 'lateness'
    | 'broken-weeks'
    | 'pupil-summary'
    | 'pupil-findings'
    | 'cohort-summary'
    | 'part-time-timetables'
    | 'part-time-reviews'
    | 'cross-border-pupils'
    | 'help'
    /** Nothing the bot answers: the reply says so and suggests questions. */
    | 'not-understood';
  yearGroup?: string;
  regGroup?: string;
  fsm?: boolean;
  sen?: 'support' | 'ehcp' | 'any';
  socialWorker?: boolean;
  lookedAfter?: boolean;
  youngCarer?: boolean;
  /** The school as the bot knows it, or the URN as typed. */
  school?: string;
  /** Period start and as-of day, ISO. */
  from?: string;
  asOf?: string;
  /** The pupil's name as typed (compared without regard to case) or their UPN. */
  pupil?: string;
  upn?: string;
  /** Compared with national figures. */
  national?: boolean;
}

export type CorpusQuestion = readonly [question: string, intended: IntendedAnswer];
