import { describe, expect, it } from 'vitest';
import { buildSchoolCalendar } from '../../rules/calendar/buildSchoolCalendar.ts';
import { calendarFromSessions } from '../../rules/calendar/calendarFromSessions.ts';
import { lastSchoolDayOnOrBefore, sessionIndexOf, sessionRange } from '../../rules/calendar/calendarLookup.ts';
import { deriveTerms } from '../../rules/calendar/deriveTerms.ts';
import { schoolWeekWindow } from '../../rules/calendar/schoolWeekWindow.ts';
import { bankHolidaysInYear, easterSunday } from '../../rules/dates/bankHolidays.ts';
import { eachDate, isWeekend } from '../../rules/dates/isoDate.ts';
import { AUTUMN_2025 } from '../support/registerFixture.ts';

const autumn = buildSchoolCalendar(AUTUMN_2025);

describe('school calendar', () => {
  it('opens every weekday of a term for two sessions, less closures', () => {
    // Autumn 1: 3 Sep - 24 Oct (38 weekdays); Autumn 2: 3 Nov - 19 Dec (35 weekdays) less the INSET day.
    expect(autumn.dayCount).toBe(72);
    expect(autumn.sessionCount).toBe(144);
    expect(autumn.dayIndex.has('2025-11-03')).toBe(false);
    expect(autumn.dayIndex.has('2025-09-06')).toBe(false); // a Saturday
  });

  it('counts a week with one open session as a school week and a holiday week as none', () => {
    const cal = buildSchoolCalendar({
      terms: [{ name: 'T', start: '2025-09-01', end: '2025-09-19' }],
      closures: [
        { date: '2025-09-08', reason: 'INSET' },
        { date: '2025-09-09', reason: 'INSET' },
        { date: '2025-09-10', reason: 'INSET' },
        { date: '2025-09-11', reason: 'INSET' },
        { date: '2025-09-12', session: 'AM', reason: 'Polling' },
      ],
    });
    expect(cal.weekMonday).toEqual(['2025-09-01', '2025-09-08', '2025-09-15']);
    expect(cal.dayDate.filter((d) => d >= '2025-09-08' && d < '2025-09-15')).toEqual(['2025-09-12']);
    expect(sessionIndexOf(cal, '2025-09-12', 'AM')).toBe(-1);
    expect(sessionIndexOf(cal, '2025-09-12', 'PM')).toBeGreaterThan(0);
    expect(autumn.weekMonday).not.toContain('2025-10-27');
    expect(autumn.weekCount).toBe(15);
  });

  it('closes bank holidays inside a term unless listed as open, and notes it', () => {
    const summer = buildSchoolCalendar({ terms: [{ name: 'Summer 1', start: '2025-04-22', end: '2025-05-23' }] });
    expect(summer.dayIndex.has('2025-05-05')).toBe(false);
    expect(summer.notes.join(' ')).toMatch(/2025-05-05 \(Early May bank holiday\)/);
    const open = buildSchoolCalendar({
      terms: [{ name: 'Summer 1', start: '2025-04-22', end: '2025-05-23' }],
      openDays: ['2025-05-05'],
    });
    expect(open.dayIndex.has('2025-05-05')).toBe(true);
  });

  it('knows the bank holidays of England, including moved and substitute days', () => {
    expect(easterSunday(2025)).toBe('2025-04-20');
    expect(easterSunday(2026)).toBe('2026-04-05');
    expect(bankHolidaysInYear(2022).map((h) => h.date)).toEqual([
      '2022-01-03',
      '2022-04-15',
      '2022-04-18',
      '2022-05-02',
      '2022-06-02',
      '2022-06-03',
      '2022-08-29',
      '2022-09-19',
      '2022-12-26',
      '2022-12-27',
    ]);
    expect(bankHolidaysInYear(2026).map((h) => h.date)).toContain('2026-12-28'); // Boxing Day on a Saturday
  });

  it('finds the last school day on or before a date, across a holiday', () => {
    expect(autumn.dayDate[lastSchoolDayOnOrBefore(autumn, '2025-10-29')]).toBe('2025-10-24');
    expect(autumn.dayDate[lastSchoolDayOnOrBefore(autumn, '2025-11-03')]).toBe('2025-10-24');
    expect(lastSchoolDayOnOrBefore(autumn, '2025-09-02')).toBe(-1);
    expect(sessionRange(autumn, '2025-10-25', '2025-11-02')).toEqual({ start: 0, end: 0 });
  });

  it('builds a 10-school-week window ending on a day, cut at the end of that day', () => {
    const day = autumn.dayIndex.get('2025-11-26')!;
    const w = schoolWeekWindow(autumn, day, 10);
    expect([autumn.weekMonday[w.firstWeek], autumn.weekMonday[w.lastWeek], w.weeks, w.complete]).toEqual([
      '2025-09-15',
      '2025-11-24',
      10,
      true,
    ]);
    expect(autumn.sessionDate[w.endSession - 1]).toBe('2025-11-26');
    expect(autumn.sessionDate[w.startSession]).toBe('2025-09-15');
  });

  it('derives a calendar and half-terms from the sessions marked', () => {
    const open = AUTUMN_2025.terms
      .flatMap((t) => eachDate(t.start, t.end))
      .filter((d) => !isWeekend(d) && d !== '2025-11-03');
    const cal = calendarFromSessions(
      open.flatMap((date) => [
        { date, session: 'AM' as const },
        { date, session: 'PM' as const },
      ]),
      { terms: [], closures: [], source: 'marks' },
    );
    expect(cal.sessionCount).toBe(144);
    expect(deriveTerms(cal)).toEqual([
      { name: 'Autumn 1 2025', start: '2025-09-03', end: '2025-10-24' },
      { name: 'Autumn 2 2025', start: '2025-11-04', end: '2025-12-19' },
    ]);
  });
});
