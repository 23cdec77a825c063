import { describe, expect, it } from 'vitest';
import {
  calendarNearMarks,
  registerDateInBounds,
  schoolYearInBounds,
  termLengthInBounds,
} from '../../rules/calendar/calendarBounds.ts';

describe('calendar bounds', () => {
  it('takes dates from 2000-01-01 to 2099-12-31 and nothing either side', () => {
    expect(registerDateInBounds('2000-01-01').ok).toBe(true);
    expect(registerDateInBounds('2099-12-31').ok).toBe(true);
    expect(registerDateInBounds('1999-12-31')).toEqual({
      ok: false,
      problem: expect.stringMatching(/^1999-12-31 is outside 2000-2099/),
    });
    expect(registerDateInBounds('2100-01-01').ok).toBe(false);
    expect(registerDateInBounds('0025-09-03').ok).toBe(false);
  });

  it('takes an autumn term written whole with its half-term, and refuses a term of 127 days', () => {
    expect(termLengthInBounds({ start: '2025-09-01', end: '2025-12-19' }).ok).toBe(true);
    expect(termLengthInBounds({ start: '2025-09-01', end: '2026-01-04' }).ok).toBe(true); // 126 days
    const long = termLengthInBounds({ start: '2025-09-01', end: '2026-01-05' });
    expect(long).toEqual({
      ok: false,
      problem: expect.stringMatching(/^the term runs 127 days, from 2025-09-01 to 2026-01-05/),
    });
  });

  it('takes a school year of 371 days and refuses one of 372', () => {
    expect(schoolYearInBounds('2025-09-01', '2026-09-06', 'the terms').ok).toBe(true);
    expect(schoolYearInBounds('2025-09-01', '2026-09-07', 'the terms')).toEqual({
      ok: false,
      problem: expect.stringMatching(/^the terms run 372 days, from 2025-09-01 to 2026-09-07/),
    });
  });

  it("takes term dates within a year of the marks, and names another year's calendar", () => {
    const marks = { first: '2025-09-03', last: '2025-11-14' };
    expect(calendarNearMarks({ first: '2025-09-03', last: '2026-07-22' }, marks).ok).toBe(true);
    expect(calendarNearMarks({ first: '2024-09-04', last: '2025-07-22' }, marks).ok).toBe(true);
    expect(calendarNearMarks({ first: '2023-09-04', last: '2024-07-19' }, marks)).toEqual({
      ok: false,
      problem: expect.stringMatching(/more than a year before the marks/),
    });
    expect(calendarNearMarks({ first: '2026-11-16', last: '2027-07-20' }, marks)).toEqual({
      ok: false,
      problem: expect.stringMatching(/more than a year after the marks/),
    });
  });
});
