import { type QuestionFilters, type QuestionKind } from '../../../../bot/questions/question.ts';

/**
 * What a question in the corpus is meant to become, written down before the parser was tuned against it.
 * Only what changes the answer counts: the kind, who it is about, the dates and the pupil; not the words
 * that decided it. Every corpus question is asked on Monday 24 November 2025 (see `corpusContext.ts`).
 */
export interface IntendedAnswer extends Omit<QuestionFilters, 'school'> {
  /** A kind the bot answers, or nothing it answers: then the reply says so and suggests questions. */
  kind: QuestionKind | 'not-understood';
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
