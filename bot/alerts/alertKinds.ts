import { type FindingRule } from '../../rules/index.ts';
import { type AlertKind } from '../../cards/alerts/alertCardModel.ts';

/**
 * What a conversation can switch on and off (`alerts on|off <kind>`), and which findings each carries.
 * The unexplained-absence digest gathers today's N, the day-3 follow-up and N codes left too long.
 */
export const ALERT_KINDS = {
  unexplained: ['unexplained-absence', 'unexplained-3-days', 'n-code-overdue'],
  'sickness-return': ['sickness-return'],
  'continuous-absence': ['continuous-unauthorised-10-days', 'deletion-ground-20-days'],
  'penalty-threshold': ['penalty-threshold'],
  // A review overdue or an end date passed: the school must act, not only note it (the guidance asks for
  // the shortest time necessary). A review merely coming up is answered in lists, not alerted.
  'part-time-timetable': ['part-time-review-overdue', 'part-time-past-end-date'],
} as const satisfies Record<AlertKind, readonly FindingRule[]>;

export type { AlertKind };

export const ALERT_KIND_NAMES = Object.keys(ALERT_KINDS) as AlertKind[];

/** What LA officers following a school hear: the notifications a school owes the local authority. */
export const LA_FACING_KINDS: readonly AlertKind[] = ['sickness-return', 'continuous-absence', 'penalty-threshold'];

export const ALERT_KIND_LABELS: Record<AlertKind, string> = {
  unexplained: 'Unexplained absence (daily digest)',
  'sickness-return': 'Sickness returns (15 days of illness)',
  'continuous-absence': 'Continuous unauthorised absence (10 and 20 school days)',
  'penalty-threshold': 'Penalty threshold reached',
  'part-time-timetable': 'Part-time timetables overdue a review or past their end date',
};

/** The kind a rule's findings are raised under, or null for rules that are answered, not alerted. */
export function alertKindOf(rule: FindingRule): AlertKind | null {
  for (const kind of ALERT_KIND_NAMES) if ((ALERT_KINDS[kind] as readonly FindingRule[]).includes(rule)) return kind;
  return null;
}

const ALIASES: Record<string, AlertKind> = {
  unexplained: 'unexplained',
  n: 'unexplained',
  'unexplained-absence': 'unexplained',
  sickness: 'sickness-return',
  'sickness-return': 'sickness-return',
  'sickness-returns': 'sickness-return',
  continuous: 'continuous-absence',
  'continuous-absence': 'continuous-absence',
  threshold: 'penalty-threshold',
  penalty: 'penalty-threshold',
  'penalty-threshold': 'penalty-threshold',
  'part-time': 'part-time-timetable',
  'part-time-timetable': 'part-time-timetable',
  'part-time-timetables': 'part-time-timetable',
};

/** Reads what a person typed ("sickness", "Penalty threshold") as a kind, or null. */
export function parseAlertKind(text: string): AlertKind | null {
  return ALIASES[text.trim().toLowerCase().replace(/\s+/g, '-')] ?? null;
}
