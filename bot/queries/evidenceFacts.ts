import { findRegisterCode, formatLongDate, formatShortDate, isIsoDate } from '../../rules/index.ts';
import { type PrivacyLevel } from '../../adapters/store/stateStore.ts';

/** One line of a finding's evidence as a person reads it. */
export interface EvidenceFact {
  label: string;
  value: string;
}

/** Labels for the evidence the rules give, in the words staff use. */
const LABELS: Readonly<Record<string, string>> = {
  period: 'Period',
  window: 'Window',
  possibleSessions: 'Possible sessions',
  attendedSessions: 'Sessions attended',
  absenceSessions: 'Sessions absent',
  authorisedSessions: 'Authorised absence',
  unauthorisedSessions: 'Unauthorised absence',
  absencePercent: 'Absence',
  thresholdPercent: 'The line',
  bandToPercent: 'Persistent-absence line',
  count: 'Sessions counted',
  threshold: 'Threshold',
  byCode: 'By code',
  absenceCodes: 'By code',
  sessions: 'Sessions',
  firstMetOn: 'First met on',
  date: 'Date',
  consecutiveSchoolDays: 'School days in a row',
  schoolDays: 'School days in a row',
  from: 'From',
  to: 'To',
  illnessDays: 'Days of illness',
  countedAs: 'Counted as',
  consecutive: 'In one spell',
  longestEpisodeDays: 'Longest spell (days)',
  reachedOn: 'Reached on',
  limit: 'Limit',
  brokenWeeks: 'Broken weeks',
  schoolWeeks: 'School weeks',
  brokenWeekMondays: 'Weeks broken (week commencing)',
  socialWorker: 'Social worker',
};

/**
 * Evidence that is for the bot's own bookkeeping or repeats another line: the weeks' Mondays behind a
 * window, the codes a rule counts (the breakdown shows those found), ratios shown as counts instead.
 */
const LEFT_OUT: ReadonlySet<string> = new Set([
  'weekMondays',
  'codesCounted',
  'ratio',
  'concernRatio',
  'method',
  'episodes',
  'returnFor',
  'unit',
]);

/** Evidence only a full view may show: in a channel it would tell everyone the child has a social worker. */
const FULL_VIEW_ONLY: ReadonlySet<string> = new Set(['socialWorker']);

/** At most this many sessions or dates are listed; the rest are counted. */
const MOST_LISTED = 12;

function isSession(v: unknown): v is { date: string; session: string; code: string } {
  return typeof v === 'object' && v !== null && 'date' in v && 'session' in v && 'code' in v;
}

function listed(items: readonly string[]): string {
  const shown = items.slice(0, MOST_LISTED).join(', ');
  return items.length > MOST_LISTED ? `${shown} and ${items.length - MOST_LISTED} more` : shown;
}

function codeWords(code: string): string {
  const meaning = findRegisterCode(code)?.meaning;
  return meaning ? `${code} (${meaning.toLowerCase()})` : code;
}

/** A value in words: dates in words, sessions as day and code, code counts with each code's meaning. */
function valueText(key: string, value: unknown, evidence: Record<string, unknown>): string | undefined {
  if (value === null || value === undefined) return undefined;
  if (typeof value === 'boolean') return value ? 'yes' : 'no';
  if (typeof value === 'number') {
    if (key.endsWith('Percent')) return `${value}%`;
    if (key === 'limit' && typeof evidence.unit === 'string') return `${value} ${evidence.unit.replace(/-/g, ' ')}`;
    return String(value);
  }
  if (typeof value === 'string') return isIsoDate(value) ? formatLongDate(value) : value;
  if (Array.isArray(value)) {
    if (value.length === 0) return undefined;
    if (value.every(isSession)) return listed(value.map((s) => `${formatShortDate(s.date)} ${s.session} ${s.code}`));
    if (value.every((v) => typeof v === 'string' && isIsoDate(v))) return listed(value.map((v) => formatShortDate(v)));
    return undefined;
  }
  if (typeof value === 'object') {
    const o = value as Record<string, unknown>;
    if (typeof o.from === 'string' && typeof o.to === 'string' && isIsoDate(o.from) && isIsoDate(o.to)) {
      const weeks = typeof o.schoolWeeks === 'number' ? ` (${o.schoolWeeks} school weeks)` : '';
      return `${formatLongDate(o.from)} to ${formatLongDate(o.to)}${weeks}`;
    }
    const counts = Object.entries(o).filter((e): e is [string, number] => typeof e[1] === 'number' && e[1] > 0);
    if (counts.length > 0 && counts.length === Object.keys(o).length)
      return counts.map(([code, n]) => `${n} × ${codeWords(code)}`).join('; ');
  }
  return undefined;
}

/**
 * A finding's evidence as labelled lines in words, in the order the rule gave them. Anything the rules
 * add that this does not know how to say is left out rather than shown as raw data.
 */
export function evidenceFacts(evidence: Record<string, unknown>, privacy: PrivacyLevel): EvidenceFact[] {
  const facts: EvidenceFact[] = [];
  for (const [key, value] of Object.entries(evidence)) {
    if (LEFT_OUT.has(key) || (privacy !== 'full' && FULL_VIEW_ONLY.has(key))) continue;
    const label = LABELS[key];
    const text = label ? valueText(key, value, evidence) : undefined;
    if (label && text !== undefined) facts.push({ label, value: text });
  }
  return facts;
}
