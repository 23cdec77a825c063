import { readFileSync } from 'node:fs';
import { registerDateInBounds, schoolYearInBounds, termLengthInBounds } from '../../rules/index.ts';
import { basename, extname } from 'node:path';
import { calendarJsonSchema, type CalendarJson } from '../register/bundleJsonSchemas.ts';
import { ProblemList, RegisterInputError } from '../register/inputProblems.ts';
import { readJsonFile } from '../register/readJsonFile.ts';
import { decodeText, notUtf8Message } from '../register/textEncoding.ts';
import { parseICalendar, type CalendarEvent } from './parseICalendar.ts';
import { termDatesFromEvents } from './termDatesFromEvents.ts';

export interface CalendarFileRead {
  calendar: CalendarJson;
  /** Where the term dates came from, for the calendar's working. */
  source: string;
  notes: string[];
}

/**
 * A school calendar from term dates written as calendar.json (the bundle's own format) or as an
 * iCalendar file (.ics). Any problem stops the import: marks are checked against this calendar, so a
 * wrong one would reject or admit the wrong rows.
 */
export function readCalendarFile(path: string): CalendarFileRead {
  const name = basename(path);
  const problems = new ProblemList();
  if (extname(path).toLowerCase() === '.json') {
    const calendar = readJsonFile(path, name, calendarJsonSchema, problems);
    if (calendar === null) throw new RegisterInputError(problems.problems, problems.total);
    return { calendar, source: name, notes: [] };
  }
  // iCalendar is UTF-8 (RFC 5545, 3.1.4); bytes that are not are reported, not read as replacement marks.
  const decoded = decodeText(readFileSync(path));
  if (!decoded.ok)
    throw new RegisterInputError(
      decoded.lines.slice(0, 10).map((line) => ({
        file: name,
        line,
        field: '(file)',
        message: notUtf8Message(
          'an iCalendar file is UTF-8: export it again, or write the term dates as calendar.json',
        ),
      })),
      decoded.lines.length,
    );
  const text = decoded.text;
  if (!/^\s*(?:\uFEFF)?BEGIN:VCALENDAR/i.test(text)) {
    throw new RegisterInputError([
      {
        file: name,
        line: 1,
        field: '(file)',
        message:
          'not a calendar: expected term dates as calendar.json or an iCalendar (.ics) file starting BEGIN:VCALENDAR',
      },
    ]);
  }
  const ical = parseICalendar(text);
  for (const p of ical.problems) problems.add({ file: name, ...p });
  // Dates outside the bounds are reported at their event before anything is built from them.
  for (const e of ical.events) {
    for (const [field, date] of [
      ['DTSTART', e.start],
      ['DTEND', e.end],
    ] as const) {
      const bounds = registerDateInBounds(date);
      if (!bounds.ok) problems.add({ file: name, line: e.line, field, message: `"${e.summary}": ${bounds.problem}` });
    }
  }
  if (!problems.empty) throw new RegisterInputError(problems.problems, problems.total);
  const terms = termDatesFromEvents(ical.events, name);
  if (terms.problem) problems.add({ file: name, line: 1, field: 'VEVENT', message: terms.problem });
  if (terms.calendar) checkTermBounds(terms.calendar.terms, ical.events, name, problems);
  if (!problems.empty || !terms.calendar) throw new RegisterInputError(problems.problems, problems.total);
  return { calendar: terms.calendar, source: name, notes: terms.notes };
}

/** Term lengths and the year's span, each reported at the line of the event that sets it. */
function checkTermBounds(
  terms: CalendarJson['terms'],
  events: readonly CalendarEvent[],
  name: string,
  problems: ProblemList,
): void {
  const lineOf = (term: CalendarJson['terms'][number]) =>
    events.find((e) => e.summary === term.name && e.start === term.start)?.line ?? 1;
  for (const term of terms) {
    const length = termLengthInBounds(term);
    if (!length.ok)
      problems.add({ file: name, line: lineOf(term), field: 'DTEND', message: `"${term.name}": ${length.problem}` });
  }
  const first = terms.reduce((a, t) => (t.start < a.start ? t : a));
  const last = terms.reduce((a, t) => (t.end > a.end ? t : a));
  const year = schoolYearInBounds(first.start, last.end, 'the terms');
  if (!year.ok)
    problems.add({ file: name, line: lineOf(last), field: 'DTEND', message: `"${last.name}": ${year.problem}` });
}
