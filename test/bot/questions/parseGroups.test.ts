import { describe, expect, it } from 'vitest';
import { parseGroups } from '../../../bot/questions/parseGroups.ts';

const today = '2025-11-24';
function filtersOf(text: string) {
  return parseGroups(text, { today, schoolNames: [{ urn: '123456', name: 'Oakfield Primary School' }] }).filters;
}

describe('parseGroups', () => {
  it('reads the ways staff write a year group', () => {
    for (const text of ['Year 9', 'yr 9', 'year9', 'Y9', 'Year 9s', 'yr9', 'year nine', 'yaer 9'])
      expect(filtersOf(text), text).toStrictEqual({ yearGroup: '9' });
  });

  it('reads reception and nursery as the roster writes them', () => {
    expect(filtersOf('Year R')).toStrictEqual({ yearGroup: 'R' });
    expect(filtersOf('reception class')).toStrictEqual({ yearGroup: 'R' });
    expect(filtersOf('N2')).toStrictEqual({ yearGroup: 'N2' });
  });

  it('does not take "yr" on its own for Year R', () => {
    expect(filtersOf('PA this yr')).toStrictEqual({});
  });

  it('takes the first year group when several are named', () => {
    expect(filtersOf('years 10 and 11')).toStrictEqual({ yearGroup: '10' });
  });

  it('reads registration groups, upper-cased', () => {
    expect(filtersOf('in 9b')).toStrictEqual({ regGroup: '9B' });
    expect(filtersOf('form 7JS')).toStrictEqual({ regGroup: '7JS' });
    expect(filtersOf('class 4')).toStrictEqual({ regGroup: '4' });
  });

  it('does not read ordinals, times or units as registration groups', () => {
    expect(filtersOf('on the 3rd at 9am for 15day 2nd')).toStrictEqual({});
  });

  it('reads a URN after "URN" or a preposition, or one the bot knows', () => {
    expect(filtersOf('URN: 999999')).toStrictEqual({ school: '999999' });
    expect(filtersOf('PA 123456')).toStrictEqual({ school: '123456' });
    expect(filtersOf('PA 999999')).toStrictEqual({});
  });
});
