import { describe, expect, it } from 'vitest';
import { FILE_REQUEST } from '../../../bot/returns/returnsFeature.ts';

/** The month a request names: the leading form ("November's returns") or the trailing one ("returns for November"). */
function monthNamed(text: string): { name?: string; year?: string } | undefined {
  const m = text.match(FILE_REQUEST);
  return m ? { name: m[1] ?? m[3], year: m[2] ?? m[4] } : undefined;
}

describe('asking for the month’s returns as a file', () => {
  it('reads the ways people ask, with the month before or after “returns”', () => {
    expect(monthNamed("send me November's returns as a file")).toEqual({ name: 'November', year: undefined });
    expect(monthNamed('send me November’s returns as a file')).toEqual({ name: 'November', year: undefined });
    expect(monthNamed('returns for November as CSV')).toEqual({ name: 'November', year: undefined });
    expect(monthNamed('Returns for November 2025 as a CSV file please')).toEqual({ name: 'November', year: '2025' });
    expect(monthNamed('nov 2025 returns as a spreadsheet')).toEqual({ name: 'nov', year: '2025' });
    expect(monthNamed('please send the LA returns in a file')).toEqual({ name: undefined, year: undefined });
    expect(monthNamed('give us the returns for October as a file?')).toEqual({ name: 'October', year: undefined });
  });

  it('leaves the returns list and the questions to their own routes', () => {
    for (const text of [
      'returns for November',
      'returns due',
      'any sickness returns due?',
      'send me sickness returns as a file',
      'returns for November as a pdf',
    ])
      expect(monthNamed(text), text).toBeUndefined();
  });
});
