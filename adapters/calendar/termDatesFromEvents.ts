import { eachDate, isWeekend } from '../../rules/index.ts';
import { type CalendarJson } from '../register/bundleJsonSchemas.ts';
import { type CalendarEvent } from './parseICalendar.ts';

/** Days the school is shut to pupils: INSET and training days, holidays, bank holidays, closures. */
const CLOSURE =
  /\b(?:inset|training|staff development|professional development|pd day|teacher day|non[- ]pupil|bank holiday|holidays?|half[- ]?term|break|closed|closure|polling)\b/i;
/** A term or half-term spanning its weeks: "Autumn Term", "Spring 2", "Summer term 1". */
const TERM = /\bterm\b|^\s*(?:autumn|spring|summer)\b/i;
/** One-day markers of a term's edge, which cannot be read as a span on their own. */
const TERM_EDGE = /\b(?:starts?|begins?|ends?|finish(?:es)?|first day|last day|opens?)\b/i;

export interface TermDatesFromEvents {
  calendar: CalendarJson | undefined;
  notes: string[];
  problem?: string;
}

/**
 * Term dates from calendar events: events that name a term and span it are terms; INSET days, holidays
 * and closures inside a term close those days. Anything else (parents' evenings, trips) is ignored and
 * counted in the notes. A calendar that publishes only "term starts"/"term ends" markers is refused
 * rather than guessed at.
 */
export function termDatesFromEvents(events: readonly CalendarEvent[], source: string): TermDatesFromEvents {
  const notes: string[] = [];
  const terms: CalendarJson['terms'] = [];
  const closureEvents: CalendarEvent[] = [];
  const ignored: string[] = [];
  const edges: string[] = [];
  for (const e of events) {
    if (e.repeats)
      notes.push(`${source}:${e.line}: "${e.summary}" repeats; only its first occurrence (${e.start}) was read.`);
    if (CLOSURE.test(e.summary)) closureEvents.push(e);
    else if (TERM.test(e.summary) && !(TERM_EDGE.test(e.summary) && e.start === e.end))
      terms.push({ name: e.summary, start: e.start, end: e.end });
    else if (TERM.test(e.summary)) edges.push(`${e.summary} (${e.start})`);
    else ignored.push(e.summary);
  }
  if (ignored.length > 0)
    notes.push(
      `${source}: ${ignored.length} event(s) neither a term nor a closure were ignored (e.g. "${ignored[0]}").`,
    );
  if (terms.length === 0) {
    const hint =
      edges.length > 0
        ? ` It has ${edges.length} one-day term markers (e.g. ${edges[0]}), which are not read as spans: write each term as one event from its first to its last day, or use calendar.json.`
        : '';
    return {
      calendar: undefined,
      notes,
      problem: `no term events found: expected events named for a term (e.g. "Autumn Term") spanning its days.${hint}`,
    };
  }
  terms.sort((a, b) => (a.start < b.start ? -1 : 1));
  const closures: CalendarJson['closures'] = [];
  const seen = new Set<string>();
  for (const e of closureEvents) {
    for (const date of eachDate(e.start, e.end)) {
      if (isWeekend(date) || seen.has(date) || !terms.some((t) => t.start <= date && date <= t.end)) continue;
      seen.add(date);
      closures.push({ date, reason: e.summary });
    }
  }
  closures.sort((a, b) => (a.date < b.date ? -1 : 1));
  return { calendar: { terms, closures, openDays: [] }, notes };
}
