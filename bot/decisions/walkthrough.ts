import { type PreviousNotice, type Pupil, type ReliedOnAbsence } from '../../rules/index.ts';
import { type SchoolData } from '../schools/schoolData.ts';

export const WALKTHROUGH_KINDS = ['leave', 'penalty', 'sickness', 'code', 'part-time'] as const;
export type WalkthroughKind = (typeof WALKTHROUGH_KINDS)[number];

/** One input on a step's card. Choices are the only values accepted; dates are YYYY-MM-DD. */
export type StepField =
  | {
      id: string;
      kind: 'choice';
      label: string;
      choices: readonly { value: string; title: string }[];
      optional?: boolean;
    }
  | {
      /** Several of the choices at once (check boxes); the answer is their values joined by commas. */
      id: string;
      kind: 'multi-choice';
      label: string;
      choices: readonly { value: string; title: string }[];
      optional?: boolean;
    }
  | { id: string; kind: 'date'; label: string; optional?: boolean }
  | { id: string; kind: 'number'; label: string; min: number; max: number; optional?: boolean }
  | { id: string; kind: 'text'; label: string; maxLength: number; optional?: boolean };

/** A validated answer to one field; absent optional fields are left out. */
export type FieldValue = string | number;
export type StepAnswers = Record<string, FieldValue>;

/** What a step or conclusion can look up: the school (calendar, policy, as-of), the pupil and the record. */
export interface WalkContext {
  school: SchoolData;
  pupil?: Pupil;
  /** The pupil's row in the school's register. */
  pupilIndex?: number;
  /** Facts the module read from the store before the pure conclusion runs (previous notices, returns). */
  recorded: RecordedFacts;
  /**
   * The bot's day at the school (see botToday), for "not after today" checks on dates staff type: the
   * real date in London in production, where the register's last marked day may be yesterday's.
   * The school's as-of date when absent.
   */
  today?: string;
}

export interface RecordedFacts {
  /** Notices on record for this pupil, any parent: the conclusion keeps those to the parent named. */
  previousNotices: { parentKey: string; caseId: string; notice: PreviousNotice }[];
  /** Cases whose notice to improve is the latest step, so the walk-through need not ask what the record holds. */
  noticesToImprove: { parentKey: string; caseId: string; issuedOn: string; periodEnds: string }[];
  sicknessReturns: { returnFor: string; sentOn: string }[];
  /**
   * Absence earlier notices relied on, per parent: a case's sessions once a notice was requested or
   * issued (not withdrawn), and every session up to the issue date of a notice known only by its date.
   */
  reliedOn: ({ parentKey: string } & ReliedOnAbsence)[];
  /** Notices issued before the bot's record, with who recorded them (the history step shows them). */
  pastNotices: { parentKey: string; issuedOn: string; amount: number; outcome: string; recordedBy: string }[];
}

export interface StepDefinition {
  id: string;
  title: string;
  question: string;
  fields: readonly StepField[];
  /** Lines shown above the question, worked out from the answers so far (e.g. the sessions the dates cover). */
  facts?(answers: WalkAnswers, context: WalkContext): string[];
  /** Values the card starts with when the step has no answer yet (what the record already holds). */
  defaults?(answers: WalkAnswers, context: WalkContext): StepAnswers;
  /** Extra checks across fields once each has parsed (e.g. the leave ends on or after it starts). */
  check?(answers: StepAnswers, all: WalkAnswers, context: WalkContext): string | undefined;
}

/** Every answered step's answers, by step id. */
export type WalkAnswers = Record<string, StepAnswers>;

export interface ConclusionCheck {
  question: string;
  /** `to-do`: not a test failed, but something the record still lacks (a review date, the social worker told). */
  verdict: 'yes' | 'no' | 'judge' | 'to-do';
  says: string;
  cites: string;
}

/** What a walk-through concludes: stored with the record and drawn on the last card. */
export interface Conclusion {
  /** A stable word for what was concluded ("refuse", "grant-possible", "issue-penalty-notice", ...). */
  outcome: string;
  headline: string;
  checks: ConclusionCheck[];
  /** Further sections: "If taken anyway", "What the notice must contain", ... */
  sections: { title: string; lines: string[] }[];
  /** A draft letter or referral staff copy and edit. */
  draft?: { title: string; text: string };
  citations: string[];
  /** Leave only: the sessions asked for and the most that can be granted (0 when refusal is advised). */
  leaveSessions?: { requested: number; grantable: number };
}

export interface WalkthroughDefinition {
  kind: WalkthroughKind;
  title: string;
  /** Whether it is about one pupil (leave, penalty, sickness) or general (which code). */
  needsPupil: boolean;
  steps: readonly StepDefinition[];
  /**
   * The step after `stepId` given the answers so far (and the pupil, for steps asked only of some pupils);
   * null when the conclusion comes next.
   */
  next(stepId: string, answers: WalkAnswers, context: WalkContext): string | null;
  /** The first step's id. */
  first: string;
  conclude(answers: WalkAnswers, context: WalkContext): Conclusion;
}

/** Which pupil a walk-through is about, with the label cards show (name and year group only). */
export interface WalkPupil {
  upn: string;
  label: string;
}

/** A walk-through as the store keeps it, from its first card to the recorded decision. */
export interface WalkState {
  id: string;
  kind: WalkthroughKind;
  schoolUrn: string;
  pupil?: WalkPupil;
  /** The as-of date the school's answers were worked out on. */
  asOf: string;
  profile: { id: string; version: string };
  startedBy: string;
  startedAt: string;
  /** The step on show, or "conclusion". */
  step: string;
  /** Steps answered, in order, so Back returns to the one before. */
  history: string[];
  answers: WalkAnswers;
  status: 'open' | 'concluded' | 'decided' | 'cancelled';
  conclusion?: Conclusion;
  concludedBy?: string;
  concludedByName?: string;
  concludedAt?: string;
  decision?: {
    choice: string;
    sessions?: number;
    note?: string;
    draft?: { title: string; text: string };
    by: string;
    byName?: string;
    byRole: string;
    at: string;
  };
  cancelledBy?: string;
}

export const CONCLUSION_STEP = 'conclusion';

export function stepOf(definition: WalkthroughDefinition, id: string): StepDefinition {
  const step = definition.steps.find((s) => s.id === id);
  if (!step) throw new Error(`walk-through ${definition.kind} has no step ${id}`);
  return step;
}

/** The usual order: each step in turn, skipping any the definition leaves out. */
export function linearNext(
  order: readonly string[],
  skip: (stepId: string, answers: WalkAnswers, context: WalkContext) => boolean = () => false,
) {
  return (stepId: string, answers: WalkAnswers, context: WalkContext): string | null => {
    for (let i = order.indexOf(stepId) + 1; i < order.length; i++)
      if (!skip(order[i], answers, context)) return order[i];
    return null;
  };
}
