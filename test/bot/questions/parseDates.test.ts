import { describe, expect, it } from 'vitest';
import { parseDates } from '../../../bot/questions/parseDates.ts';
import { type ParseContext } from '../../../bot/questions/question.ts';
import { HALF_TERMS_2025_26, WHOLE_TERMS_2025_26 } from './termDates2025.ts';

/** `null` terms: the bot has no term dates for the school. */
function datesOn(today: string, text: string, terms: ParseContext['terms'] | null = HALF_TERMS_2025_26) {
  return parseDates(text, terms ? { today, terms } : { today }).dates;
}

describe('parseDates across the 2025/26 half-terms', () => {
  it('starts "this half term" at the first day of the half-term holding today', () => {
    expect(datesOn('2025-10-20', 'this half term')).toStrictEqual({
      from: '2025-09-03',
      label: 'this half term (since 3 September 2025)',
    });
  });

  it('keeps the half-term just ended during the October break, since no new one has begun', () => {
    expect(datesOn('2025-10-29', 'since half term')).toStrictEqual({
      from: '2025-09-03',
      label: 'this half term (since 3 September 2025)',
    });
  });

  it('moves to the new half-term on the first day back', () => {
    expect(datesOn('2025-11-03', 'since the half-term')).toStrictEqual({
      from: '2025-11-03',
      label: 'this half term (since 3 November 2025)',
    });
  });

  it('gives the whole of the previous half-term for "last half term"', () => {
    expect(datesOn('2025-11-03', 'last half term')).toStrictEqual({
      from: '2025-09-03',
      asOf: '2025-10-24',
      label: 'last half term (3 September 2025 to 24 October 2025)',
    });
  });

  it('joins the two half-terms of a term for "this term"', () => {
    expect(datesOn('2026-03-02', 'this term')).toStrictEqual({
      from: '2026-01-05',
      label: 'this term (since 5 January 2026)',
    });
    expect(datesOn('2026-03-02', 'this half term')).toStrictEqual({
      from: '2026-02-23',
      label: 'this half term (since 23 February 2026)',
    });
  });

  it('gives the whole autumn term for "last term" in the spring', () => {
    expect(datesOn('2026-02-23', 'last term')).toStrictEqual({
      from: '2025-09-03',
      asOf: '2025-12-19',
      label: 'last term (3 September 2025 to 19 December 2025)',
    });
  });

  it('starts "since Easter" at the first day of the summer term and "since Christmas" at the spring term', () => {
    expect(datesOn('2026-05-05', 'since Easter')).toStrictEqual({
      from: '2026-04-13',
      label: 'since Easter (13 April 2026)',
    });
    expect(datesOn('2026-05-05', 'since Christmas')).toStrictEqual({
      from: '2026-01-05',
      label: 'since Christmas (5 January 2026)',
    });
  });

  it('starts the summer term after Easter and the last half-term after the late-May break', () => {
    expect(datesOn('2026-06-10', 'so far this term')).toStrictEqual({
      from: '2026-04-13',
      label: 'this term (since 13 April 2026)',
    });
    expect(datesOn('2026-06-10', 'this half-term')).toStrictEqual({
      from: '2026-06-01',
      label: 'this half term (since 1 June 2026)',
    });
  });
});

describe("parseDates without the school's term dates", () => {
  it('approximates the November return and says so', () => {
    expect(datesOn('2025-11-24', 'this half term', null)).toStrictEqual({
      from: '2025-11-03',
      label: 'this half term (since 3 November 2025; approximate, no term dates loaded)',
    });
  });

  it('approximates the February return as the Monday on or after 19 February', () => {
    expect(datesOn('2026-03-02', 'since half term', null)?.from).toBe('2026-02-23');
    expect(datesOn('2024-03-04', 'since half term', null)?.from).toBe('2024-02-19');
  });

  it('approximates the summer half-terms from Easter Monday and after the late-May bank holiday', () => {
    expect(datesOn('2026-05-05', 'this half term', null)?.from).toBe('2026-04-06');
    expect(datesOn('2026-06-10', 'this half term', null)?.from).toBe('2026-06-01');
  });

  it('starts the autumn term on 1 September, approximately', () => {
    expect(datesOn('2025-11-24', 'this term', null)).toStrictEqual({
      from: '2025-09-01',
      label: 'this term (since 1 September 2025; approximate, no term dates loaded)',
    });
  });
});

describe('parseDates with whole terms that hide the half-term break', () => {
  it('splits the term at the usual break and says the break was guessed', () => {
    expect(datesOn('2025-11-24', 'this half term', WHOLE_TERMS_2025_26)).toStrictEqual({
      from: '2025-11-03',
      label: 'this half term (since 3 November 2025; approximate, the term dates do not show the half-term break)',
    });
  });

  it('still knows exactly when the term began', () => {
    expect(datesOn('2025-11-24', 'this term', WHOLE_TERMS_2025_26)).toStrictEqual({
      from: '2025-09-03',
      label: 'this term (since 3 September 2025)',
    });
  });
});

describe('parseDates for days', () => {
  // Monday 24 November 2025.
  const today = '2025-11-24';

  it('reads "last Friday" as the Friday before today, and on a Friday as a week ago', () => {
    expect(datesOn(today, 'as of last Friday')).toStrictEqual({
      asOf: '2025-11-21',
      label: 'as of Friday 21 November 2025',
    });
    expect(datesOn('2025-11-21', 'as of last Friday')?.asOf).toBe('2025-11-14');
  });

  it('reads a bare weekday as the latest one, today included', () => {
    expect(datesOn('2025-11-21', 'on Friday')?.asOf).toBe('2025-11-21');
    expect(datesOn('2025-11-26', 'since Monday')).toStrictEqual({
      from: '2025-11-24',
      label: 'since 24 November 2025',
    });
  });

  it('reads day and month without a year as the latest such date not after today', () => {
    expect(datesOn(today, 'on 3 March')?.asOf).toBe('2025-03-03');
    expect(datesOn(today, 'on 3rd Nov')?.asOf).toBe('2025-11-03');
    expect(datesOn(today, 'as of the 30th of November')?.asOf).toBe('2024-11-30');
    expect(datesOn(today, 'as of March 3rd')?.asOf).toBe('2025-03-03');
  });

  it('reads numeric dates day first, as written in the UK', () => {
    expect(datesOn(today, 'on 03/11/2025')?.asOf).toBe('2025-11-03');
    expect(datesOn(today, 'since 1/9')).toStrictEqual({ from: '2025-09-01', label: 'since 1 September 2025' });
    expect(datesOn(today, 'on 3/3/26')?.asOf).toBe('2026-03-03');
    expect(datesOn(today, 'as of 2025-11-14')?.asOf).toBe('2025-11-14');
  });

  it('ignores a date that does not exist', () => {
    expect(datesOn(today, 'on 31/02')).toBeUndefined();
  });

  it('reads "since September" and "this year" as from 1 September', () => {
    expect(datesOn(today, 'since September')).toStrictEqual({ from: '2025-09-01', label: 'since 1 September 2025' });
    expect(datesOn(today, 'year to date')).toStrictEqual({
      from: '2025-09-01',
      label: 'this school year (since 1 September 2025)',
    });
    expect(datesOn('2026-02-02', 'since the start of the year')?.from).toBe('2025-09-01');
  });

  it('reads "last week" as Monday to Friday of the school week before', () => {
    expect(datesOn('2025-11-26', 'last week')).toStrictEqual({
      from: '2025-11-17',
      asOf: '2025-11-21',
      label: 'last week (Monday 17 November 2025 to Friday 21 November 2025)',
    });
  });

  it('reads "yesterday" as the calendar day before today', () => {
    expect(datesOn('2025-11-25', 'yesterday')).toStrictEqual({
      asOf: '2025-11-24',
      label: 'as of Monday 24 November 2025',
    });
  });

  it('combines a period start and an as-of day, saying both in the order typed', () => {
    expect(datesOn(today, 'since September as of last Friday')).toStrictEqual({
      from: '2025-09-01',
      asOf: '2025-11-21',
      label: 'since 1 September 2025, as of Friday 21 November 2025',
    });
  });

  it("leaves the rules' own numbers alone", () => {
    expect(datesOn(today, '10 sessions in 10 school weeks')).toBeUndefined();
    expect(datesOn(today, 'absent for 3 days')).toBeUndefined();
    expect(datesOn(today, '15 day sickness')).toBeUndefined();
  });

  it('does not read a habit ("on a Monday", "every Friday") as a date', () => {
    expect(datesOn(today, 'who is off on a Monday')).toBeUndefined();
    expect(datesOn(today, 'off every Friday')).toBeUndefined();
  });

  it('reports where the dates were, so the rest of the parser does not read them again', () => {
    expect(parseDates('PA since 1/9', { today }).spans).toStrictEqual([{ start: 3, end: 12 }]);
  });
});

describe('parseDates for the holidays', () => {
  it('reads "since Christmas" in the autumn as since last Christmas', () => {
    expect(datesOn('2025-11-24', 'since Christmas', null)).toStrictEqual({
      from: '2025-01-01',
      label: 'since Christmas (1 January 2025; approximate, no term dates loaded)',
    });
  });

  it('finds nothing for "since Christmas" when the term dates do not reach back to it', () => {
    expect(datesOn('2025-11-24', 'since Christmas')).toBeUndefined();
  });
});
