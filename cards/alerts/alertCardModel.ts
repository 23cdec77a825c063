import { type PrivacyLevel } from '../../rules/index.ts';

/** The alert kinds a conversation can switch on and off; bot/alerts/alertKinds.ts says which findings each carries. */
export type AlertKind =
  'unexplained' | 'sickness-return' | 'continuous-absence' | 'penalty-threshold' | 'part-time-timetable';

/** What someone can record on an alert row. */
export const ROW_ACTIONS = [
  'reason-received',
  'parents-called',
  'home-visit-done',
  'social-worker-told',
  'la-notified',
  'review-arranged',
  'escalate',
] as const;
export type RowAction = (typeof ROW_ACTIONS)[number];

/**
 * Button labels. In a limited conversation the social-worker button must not say so: the pupil's having
 * a social worker is itself the kind of detail a limited view leaves out.
 */
export function rowActionLabel(action: RowAction, privacy: PrivacyLevel): string {
  switch (action) {
    case 'reason-received':
      return 'Reason received';
    case 'parents-called':
      return 'Parents called';
    case 'home-visit-done':
      return 'Home visit done';
    case 'social-worker-told':
      return privacy === 'full' ? 'Social worker told' : 'Safeguarding step done';
    case 'la-notified':
      return 'LA notified';
    case 'review-arranged':
      return 'Review arranged';
    case 'escalate':
      return 'Escalate';
  }
}

/** One rule's part of a row: what was found, the figures behind it, what to do, and where that comes from. */
export interface AlertStep {
  rule: string;
  /** Short heading, e.g. "Day 3: home visit" or "Extra safeguarding steps apply". */
  title: string;
  reason: string;
  evidence: { title: string; value: string }[];
  nextStep: string;
  citation: string;
}

/** Someone acted on the row: shown on the card to everyone, and kept in the audit log. */
export interface DoneNote {
  action: RowAction;
  by: string;
  at: string;
  code?: string;
}

/** One pupil on an alert card. */
export interface AlertRow {
  upn: string;
  pupilName: string;
  yearGroup: string;
  /** The alert keys (school|pupil|rule|episode) this row stands for; acting on the row acknowledges them all. */
  alertKeys: string[];
  steps: AlertStep[];
  actions: RowAction[];
  done: DoneNote[];
}

/**
 * Everything an alert card shows, kept as a record (namespace `alert-cards`) so pressing a button can
 * redraw the card with who did what, without working the findings out again.
 */
export interface AlertCardModel {
  cardId: string;
  kind: AlertKind;
  audience: 'school' | 'la';
  privacy: PrivacyLevel;
  conversationId: string;
  schoolUrn: string;
  schoolName: string;
  asOf: string;
  policyName: string;
  title: string;
  intro: string;
  rows: AlertRow[];
  /** Part n of a digest split so each card stays under Teams' size limit. */
  part?: { n: number; of: number };
}

export const ALERT_CARD_NAMESPACE = 'alert-cards';
