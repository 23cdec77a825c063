import { readFileSync } from 'node:fs';
import { basename, extname } from 'node:path';
import { calendarJsonSchema, type CalendarJson } from '../register/bundleJsonSchemas.ts';
import { ProblemList, RegisterInputError } from '../register/inputProblems.ts';
import { readJsonFile } from '../register/readJsonFile.ts';
import { parseICalendar } from './parseICalendar.ts';
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
  const text = readFileSync(path, 'utf8');
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
  const terms = termDatesFromEvents(ical.events, name);
  if (terms.problem) problems.add({ file: name, line: 1, field: 'VEVENT', message: terms.problem });
  if (!problems.empty || !terms.calendar) throw new RegisterInputError(problems.problems, problems.total);
  return { calendar: terms.calendar, source: name, notes: terms.notes };
}
