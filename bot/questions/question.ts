import { type IsoDate, type Term } from '../../rules/index.ts';

/**
 * What a member of staff can ask the bot. Most kinds name one rule or measure of `rules/`; then one pupil
 * (`pupil-summary`; `pupil-findings` for "why is … on the list?"), a group, the school's own records
 * (part-time timetables and their reviews, pupils living in another authority) and the help card. The parser only decides the kind: answering it is the bot's job.
 */
export type QuestionKind =
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
  /** Every pupil with a part-time timetable in place (reg 11(6) leave, code C2), and what it raises. */
  | 'part-time-timetables'
  /** Part-time timetables whose review is due within the profile's window, overdue, or has no date. */
  | 'part-time-reviews'
  /** Pupils who live in another local authority, and which authority acts for what. */
  | 'cross-border-pupils'
  /** The termly meeting's cases whose review is overdue, coming up or unset, or with an action due. */
  | 'case-reviews'
  | 'help';

/** Who the question is about, as the asker wrote it. The bot matches these against its roster. */
export interface QuestionFilters {
  /** As the roster writes it: "9", "R", "N1". */
  yearGroup?: string;
  /** A registration group such as "9B" or "7JS", upper-cased. */
  regGroup?: string;
  /** Eligible for free school meals. Pupil premium is NOT read as FSM: the two lists differ. */
  fsm?: boolean;
  sen?: 'support' | 'ehcp' | 'any';
  socialWorker?: boolean;
  lookedAfter?: boolean;
  youngCarer?: boolean;
  /** A school's name or URN as typed ("Oakfield", "123456"); resolved by the bot. */
  school?: string;
}

/** The dates a question names, resolved against the bot's as-of day. */
export interface QuestionDates {
  /** "as of last Friday", "on 3 March", "yesterday". */
  asOf?: IsoDate;
  /** Period start: "this half term", "since September", "this term", "this year". */
  from?: IsoDate;
  /** How to say it back: "as of Friday 21 November 2025", "since 1 September 2025". */
  label: string;
}

export interface ParsedQuestion {
  kind: QuestionKind;
  filters: QuestionFilters;
  dates?: QuestionDates;
  /** For pupil questions ("how is Amy Smith doing?"); resolved by the bot. */
  pupilName?: string;
  /** For pupil questions naming a UPN (check letter verified), upper-cased; wins over a name. */
  upn?: string;
  compareWithNational?: boolean;
  /**
   * The words that decided the kind, for logs and "did you mean" replies: vocabulary phrases as the
   * vocabulary spells them (so a typo shows corrected), or the wording that asked about a pupil.
   */
  matched: string[];
  /**
   * Groups the asker named that no filter expresses, e.g. "pupil premium" (not the same pupils as FSM, so
   * never read as `fsm`). The answer covers everyone else the filters allow: the bot should say so.
   */
  ignoredFilters?: string[];
}

/** What a question that was not understood still told us, so suggestions can keep the asker's own group. */
export interface NotUnderstood {
  understood: false;
  text: string;
  /** Up to three kinds the asker may have meant, most likely first. */
  suggestions: QuestionKind[];
  /** The groups and school it named, to ask the suggestions about the same pupils. */
  filters: QuestionFilters;
  /** The date words as typed ("this half term"), to ask the suggestions about the same dates. */
  datesTyped?: string;
}

export type ParseResult =
  | { understood: true; question: ParsedQuestion }
  | NotUnderstood
  /** Longer than any question: not read at all (Teams allows messages of about 28 KB). */
  | { understood: false; tooLong: { length: number; limit: number } };

/** A question needs far fewer; past this the text is not read, so no message can make the parser work hard. */
export const MAX_QUESTION_CHARS = 1000;

/**
 * Counts the parser's steps (characters each pattern pass reads, words compared with the vocabulary), so
 * tests can check its work grows with the question's length and no faster.
 */
export interface WorkMeter {
  steps: number;
}

export interface ParseContext {
  /** The bot's as-of day (a school day), for relative dates. */
  today: IsoDate;
  /** The school's terms, so "this half term" and "this term" resolve to real dates. */
  terms?: readonly Term[];
  /** To spot "at Oakfield" or "for Brook Lane". */
  schoolNames?: readonly { urn?: string; name: string }[];
}
