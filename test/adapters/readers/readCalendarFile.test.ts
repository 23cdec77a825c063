import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { deriveCalendarJson } from '../../../adapters/calendar/deriveCalendarJson.ts';
import { parseICalendar } from '../../../adapters/calendar/parseICalendar.ts';
import { readCalendarFile } from '../../../adapters/calendar/readCalendarFile.ts';
import type { RegisterInputError } from '../../../adapters/register/inputProblems.ts';
import { buildSchoolCalendar } from '../../../rules/calendar/buildSchoolCalendar.ts';
import { type SchoolCalendar } from '../../../rules/calendar/schoolCalendar.ts';
import { AUTUMN_2025 } from '../../support/registerFixture.ts';

const fixture = (name: string) => join(import.meta.dirname, '../../fixtures/mis', name);
const sessions = (c: SchoolCalendar) => c.sessionDate.map((d, i) => `${d} ${c.sessionHalf[i] ? 'PM' : 'AM'}`);
const ics = (...events: string[]) =>
  `BEGIN:VCALENDAR\r\nVERSION:2.0\r\n${events.map((e) => `BEGIN:VEVENT\r\n${e}\r\nEND:VEVENT\r\n`).join('')}END:VCALENDAR\r\n`;

function tempFile(name: string, text: string): string {
  const path = join(mkdtempSync(join(tmpdir(), 'cal-')), name);
  writeFileSync(path, text);
  return path;
}

describe('parseICalendar', () => {
  it('treats an all-day DTEND as exclusive and a missing DTEND as one day', () => {
    const { events } = parseICalendar(
      ics(
        'DTSTART;VALUE=DATE:20251027\r\nDTEND;VALUE=DATE:20251101\r\nSUMMARY:Half term',
        'DTSTART;VALUE=DATE:20251103\r\nSUMMARY:INSET',
      ),
    );
    expect(events.map((e) => [e.start, e.end])).toEqual([
      ['2025-10-27', '2025-10-31'],
      ['2025-11-03', '2025-11-03'],
    ]);
  });

  it('joins folded lines and unescapes text', () => {
    const { events } = parseICalendar(ics('DTSTART;VALUE=DATE:20251103\r\nSUMMARY:INSET Day\\, sch\r\n\tool closed'));
    expect(events[0].summary).toBe('INSET Day, school closed');
  });

  it('reads a UTC time as the date on a clock in England', () => {
    const { events } = parseICalendar(
      ics('DTSTART:20250902T233000Z\r\nDTEND:20250903T010000Z\r\nSUMMARY:x', 'DTSTART:20251202T233000Z\r\nSUMMARY:y'),
    );
    expect(events.map((e) => e.start)).toEqual(['2025-09-03', '2025-12-02']);
  });

  it('reads a local time with a TZID as its own date, and marks a repeating event', () => {
    const { events } = parseICalendar(
      ics(
        'DTSTART;TZID="Europe/London":20250903T090000\r\nDTEND;TZID="Europe/London":20250903T153000\r\nRRULE:FREQ=WEEKLY;COUNT=3\r\nSUMMARY:Club',
      ),
    );
    expect(events).toEqual([{ summary: 'Club', start: '2025-09-03', end: '2025-09-03', line: 3, repeats: true }]);
  });

  it('reports an event with a bad DTSTART by its line', () => {
    const { problems } = parseICalendar(ics('DTSTART;VALUE=DATE:2025-11-03\r\nSUMMARY:INSET'));
    expect(problems).toEqual([{ line: 4, field: 'DTSTART', message: expect.stringMatching(/is not a date/) }]);
  });
});

describe('readCalendarFile', () => {
  it("builds the same calendar from a school's iCal term dates as from its calendar.json", () => {
    const read = readCalendarFile(fixture('term-dates.ics'));
    expect(read.calendar.terms.map((t) => [t.start, t.end])).toEqual(AUTUMN_2025.terms.map((t) => [t.start, t.end]));
    expect(read.calendar.closures).toEqual([{ date: '2025-11-03', reason: 'INSET Day - school closed to pupils' }]);
    expect(read.notes.join(' ')).toMatch(/1 event\(s\) neither a term nor a closure/);
    expect(sessions(buildSchoolCalendar(read.calendar))).toEqual(sessions(buildSchoolCalendar(AUTUMN_2025)));
  });

  it('refuses a calendar that only marks the days terms start and end', () => {
    const path = tempFile(
      'dates.ics',
      ics(
        'DTSTART;VALUE=DATE:20250903\r\nSUMMARY:Autumn term starts',
        'DTSTART;VALUE=DATE:20251219\r\nSUMMARY:Autumn term ends',
      ),
    );
    expect(() => readCalendarFile(path)).toThrow(/no term events found.*2 one-day term markers/s);
  });

  it('reads calendar.json and locates its problems', () => {
    const good = tempFile('calendar.json', JSON.stringify({ terms: AUTUMN_2025.terms, closures: ['2025-11-03'] }));
    expect(readCalendarFile(good).calendar.closures).toEqual([{ date: '2025-11-03', reason: 'School closed' }]);
    const bad = tempFile(
      'calendar.json',
      JSON.stringify({ terms: [{ name: 'Autumn', start: '2025-09-03', end: '2025-13-01' }] }),
    );
    try {
      readCalendarFile(bad);
      expect.unreachable();
    } catch (error) {
      expect((error as RegisterInputError).problems[0]).toMatchObject({ file: 'calendar.json', field: 'terms.0.end' });
    }
  });

  it('refuses a file that is neither JSON nor iCalendar', () => {
    expect(() => readCalendarFile(tempFile('dates.txt', 'Autumn: 3 Sept to 19 Dec'))).toThrow(/not a calendar/);
  });
});

describe('deriveCalendarJson', () => {
  it('gives back exactly the sessions it was derived from: INSET day, half-day closure, bank holiday opened', () => {
    const original = buildSchoolCalendar({
      terms: [{ name: 'Summer 1', start: '2025-04-22', end: '2025-05-23' }],
      closures: [
        { date: '2025-04-30', reason: 'INSET' },
        { date: '2025-05-15', session: 'PM', reason: 'Polling' },
      ],
      openDays: ['2025-05-05'],
    });
    const open = original.sessionDate.map((date, i) => ({
      date,
      session: original.sessionHalf[i] ? ('PM' as const) : ('AM' as const),
    }));
    const derived = deriveCalendarJson(open);
    expect(derived.terms).toEqual([{ name: 'Summer 1 2025', start: '2025-04-22', end: '2025-05-23' }]);
    expect(derived.closures).toEqual([
      { date: '2025-04-30', reason: 'No session marked (derived)' },
      { date: '2025-05-15', session: 'PM', reason: 'No session marked (derived)' },
    ]);
    expect(derived.openDays).toEqual(['2025-05-05']);
    expect(sessions(buildSchoolCalendar(derived))).toEqual(sessions(original));
  });
});
