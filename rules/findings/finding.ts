import { type Citation } from './citation.ts';

/** Stable ids of everything the library can conclude about a pupil. Alerts and dedupe keys use them. */
export const RULE_IDS = [
  'persistent-absence',
  'severe-absence',
  'at-risk-of-persistent-absence',
  'penalty-threshold',
  'sickness-return',
  'unexplained-absence',
  'unexplained-3-days',
  'n-code-overdue',
  'continuous-unauthorised-10-days',
  'deletion-ground-20-days',
  'persistent-lateness',
  'broken-weeks',
] as const;
export type RuleId = (typeof RULE_IDS)[number];

/**
 * What the rules conclude from the school's own records rather than from register marks alone: the
 * temporary part-time timetables (reg 11(6)) it has agreed. These come after the register rules.
 */
export const RECORD_RULE_IDS = [
  'part-time-review-due',
  'part-time-review-overdue',
  'part-time-past-end-date',
  'part-time-c2-not-agreed',
  'part-time-social-worker-not-told',
  'part-time-ehcp-la-not-told',
] as const;
export type RecordRuleId = (typeof RECORD_RULE_IDS)[number];

/** Every rule a finding can carry, in the order findings are listed. */
export const ALL_RULE_IDS = [...RULE_IDS, ...RECORD_RULE_IDS] as const;
export type FindingRule = RuleId | RecordRuleId;

/** One session of evidence: when, and the code it carried. */
export interface SessionMark {
  date: string;
  session: 'AM' | 'PM';
  code: string;
}

/**
 * What a rule concludes for one pupil at an as-of date, with everything a member of staff needs to act
 * on it and to check it: the plain-English reason, the evidence (counts, dates, sessions, codes, window),
 * the next step the policy profile recommends, and where the rule comes from.
 */
export interface Finding {
  upn: string;
  pupilName: string;
  yearGroup: string;
  rule: FindingRule;
  reason: string;
  evidence: Record<string, unknown>;
  nextStep: string;
  citation: Citation;
  /**
   * Identifies the episode the finding belongs to (e.g. the first day of a run of absence), so that an
   * alert about the same pupil, rule and episode is raised once however many days it stays true.
   */
  episode: string;
}
