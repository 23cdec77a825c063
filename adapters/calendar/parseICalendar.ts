import { addDays, isIsoDate } from '../../rules/index.ts';

/** One VEVENT, reduced to what a school calendar needs: the dates it covers, both ends included. */
export interface CalendarEvent {
  summary: string;
  start: string;
  /** Last date the event covers (iCal's DTEND is exclusive; this is not). */
  end: string;
  /** Line of the event's BEGIN:VEVENT, for problems and notes. */
  line: number;
  /** True when the event repeats (RRULE); only its first occurrence is read. */
  repeats: boolean;
}

export interface ICalendarRead {
  events: CalendarEvent[];
  problems: { line: number; field: string; message: string }[];
}

interface ContentLine {
  name: string;
  params: Record<string, string>;
  value: string;
  line: number;
}

/** RFC 5545 3.1: a line starting with a space or tab continues the one before it. */
function unfold(text: string): ContentLine[] {
  const physical = text.replace(/^\uFEFF/, '').split(/\r\n|\n|\r/);
  const logical: { text: string; line: number }[] = [];
  physical.forEach((l, i) => {
    if ((l.startsWith(' ') || l.startsWith('\t')) && logical.length > 0) logical[logical.length - 1].text += l.slice(1);
    else if (l !== '') logical.push({ text: l, line: i + 1 });
  });
  return logical.map(({ text: l, line }) => {
    // The value starts after the first colon that is not inside a quoted parameter value.
    let quoted = false;
    let colon = -1;
    for (let i = 0; i < l.length; i++) {
      if (l[i] === '"') quoted = !quoted;
      else if (l[i] === ':' && !quoted) {
        colon = i;
        break;
      }
    }
    const head = colon < 0 ? l : l.slice(0, colon);
    const [name, ...paramParts] = head.split(';');
    const params: Record<string, string> = {};
    for (const p of paramParts) {
      const eq = p.indexOf('=');
      if (eq > 0) params[p.slice(0, eq).toUpperCase()] = p.slice(eq + 1).replace(/^"|"$/g, '');
    }
    return { name: name.toUpperCase(), params, value: colon < 0 ? '' : l.slice(colon + 1), line };
  });
}

function unescapeText(value: string): string {
  return value.replace(/\\([\\;,nN])/g, (_, c: string) => (c === 'n' || c === 'N' ? '\n' : c));
}

const LONDON = new Intl.DateTimeFormat('en-CA', {
  timeZone: 'Europe/London',
  year: 'numeric',
  month: '2-digit',
  day: '2-digit',
  hour: '2-digit',
  minute: '2-digit',
  second: '2-digit',
  hourCycle: 'h23',
});

/** A DATE or DATE-TIME value as the school's local date, and whether it falls exactly at midnight. */
function localDate(value: string): { date: string; midnight: boolean } | undefined {
  const m = /^(\d{4})(\d{2})(\d{2})(?:T(\d{2})(\d{2})(\d{2})(Z)?)?$/.exec(value.trim());
  if (!m) return undefined;
  const [, y, mo, d, hh, mm, ss, utc] = m;
  if (hh !== undefined && utc) {
    // A UTC time is converted to the school's clock: 23:00Z in summer is already the next day in England.
    const parts = Object.fromEntries(
      LONDON.formatToParts(new Date(Date.UTC(+y, +mo - 1, +d, +hh, +mm, +ss))).map((p) => [p.type, p.value]),
    );
    return {
      date: `${parts.year}-${parts.month}-${parts.day}`,
      midnight: parts.hour === '00' && parts.minute === '00' && parts.second === '00',
    };
  }
  const date = `${y}-${mo}-${d}`;
  if (!isIsoDate(date)) return undefined;
  return { date, midnight: hh === undefined || (hh === '00' && mm === '00' && ss === '00') };
}

/** Whole days in a DURATION such as P1D, P2W or P1DT0H; undefined for anything finer. */
function durationDays(value: string): number | undefined {
  const m = /^P(?:(\d+)W)?(?:(\d+)D)?(?:T(?:0+H)?(?:0+M)?(?:0+S)?)?$/.exec(value.trim());
  if (!m || (m[1] === undefined && m[2] === undefined)) return undefined;
  return Number(m[1] ?? 0) * 7 + Number(m[2] ?? 0);
}

/**
 * Reads the VEVENTs of an iCalendar file (RFC 5545): folded lines, all-day events
 * (`DTSTART;VALUE=DATE`, DTEND exclusive), timed events in UTC or local time, and DURATION in days.
 * Written by hand because no iCal package is installed and a school calendar needs only this much.
 */
export function parseICalendar(text: string): ICalendarRead {
  const events: CalendarEvent[] = [];
  const problems: ICalendarRead['problems'] = [];
  let current: { line: number; props: Map<string, ContentLine> } | undefined;
  for (const cl of unfold(text)) {
    if (cl.name === 'BEGIN' && cl.value.toUpperCase() === 'VEVENT') {
      current = { line: cl.line, props: new Map() };
      continue;
    }
    if (!current) continue;
    if (cl.name === 'END' && cl.value.toUpperCase() === 'VEVENT') {
      const event = toEvent(current.line, current.props, problems);
      if (event) events.push(event);
      current = undefined;
      continue;
    }
    if (!current.props.has(cl.name)) current.props.set(cl.name, cl);
  }
  if (current) problems.push({ line: current.line, field: 'VEVENT', message: 'BEGIN:VEVENT has no END:VEVENT' });
  return { events, problems };
}

function toEvent(
  line: number,
  props: Map<string, ContentLine>,
  problems: ICalendarRead['problems'],
): CalendarEvent | undefined {
  const summary = unescapeText(props.get('SUMMARY')?.value ?? '').trim();
  const dtstart = props.get('DTSTART');
  const start = dtstart && localDate(dtstart.value);
  if (!dtstart || !start) {
    problems.push({
      line: dtstart?.line ?? line,
      field: 'DTSTART',
      message: dtstart
        ? `${JSON.stringify(dtstart.value)} is not a date (YYYYMMDD) or date-time`
        : `the event "${summary}" has no DTSTART`,
    });
    return undefined;
  }
  const allDay = dtstart.params.VALUE === 'DATE' || !dtstart.value.includes('T');
  let end = start.date;
  const dtend = props.get('DTEND');
  const duration = props.get('DURATION');
  if (dtend) {
    const parsed = localDate(dtend.value);
    if (!parsed) {
      problems.push({
        line: dtend.line,
        field: 'DTEND',
        message: `${JSON.stringify(dtend.value)} is not a date (YYYYMMDD) or date-time`,
      });
      return undefined;
    }
    // DTEND is exclusive: an all-day event ends the day before it, a timed one ending at midnight too.
    end = (allDay || parsed.midnight) && parsed.date > start.date ? addDays(parsed.date, -1) : parsed.date;
  } else if (duration) {
    const days = durationDays(duration.value);
    if (days !== undefined && days > 0) end = addDays(start.date, days - 1);
  }
  if (end < start.date) {
    problems.push({
      line: dtend?.line ?? line,
      field: 'DTEND',
      message: `the event "${summary}" ends (${end}) before it starts (${start.date})`,
    });
    return undefined;
  }
  return { summary, start: start.date, end, line, repeats: props.has('RRULE') };
}
