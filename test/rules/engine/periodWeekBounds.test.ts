import { describe, expect, it } from 'vitest';
import { periodWeekBounds } from '../../../rules/engine/periodWeekBounds.ts';

// Three weeks of ten sessions each (a full school week is five days of two sessions).
const sessionWeek = Array.from({ length: 31 }, (_, s) => Math.min(2, Math.floor(s / 10)));
const weekFirstSession = [0, 10, 20, 30];

describe('splitting a measures period into whole and partial weeks', () => {
  it('counts the weeks between a part-week start and a part-week end as whole', () => {
    expect(periodWeekBounds(3, 25, sessionWeek, weekFirstSession)).toEqual({
      wholeFrom: 1,
      wholeTo: 2,
      headStart: 3,
      headEnd: 10,
      endStart: 20,
      endEnd: 25,
    });
  });

  it('needs no partial week when the period starts and ends on week boundaries', () => {
    expect(periodWeekBounds(10, 30, sessionWeek, weekFirstSession)).toEqual({
      wholeFrom: 1,
      wholeTo: 3,
      headStart: 0,
      headEnd: 0,
      endStart: 0,
      endEnd: 0,
    });
  });

  it('reads a period inside one week as a single partial week, with no whole weeks', () => {
    const bounds = periodWeekBounds(12, 17, sessionWeek, weekFirstSession);
    expect(bounds).toMatchObject({ headStart: 12, headEnd: 17, endStart: 0, endEnd: 0 });
    expect(bounds.wholeTo).toBe(bounds.wholeFrom);
  });
});
