import { describe, expect, it } from 'vitest';
import {
  compulsorySchoolAgeEnd,
  compulsorySchoolAgeStart,
  isCompulsorySchoolAge,
} from '../../rules/dates/compulsorySchoolAge.ts';
import { academicYearOf, parseAcademicYear } from '../../rules/dates/academicYear.ts';
import { checkUpn, upnCheckLetter, upnWithCheckLetter } from '../../rules/pupils/upn.ts';

describe('UPN check letters', () => {
  it('accepts a UPN whose check letter matches its digits (weights 2-13, modulo 23)', () => {
    expect(upnCheckLetter('801200001001')).toBe('H');
    expect(checkUpn('H801200001001')).toEqual({ ok: true, temporary: false });
  });

  it('rejects a wrong check letter, naming the right one', () => {
    expect(checkUpn('A801200001001')).toEqual({
      ok: false,
      problem: 'UPN A801200001001 has check letter A but its digits call for H',
    });
  });

  it('accepts a temporary UPN ending in a letter, and marks it temporary', () => {
    const temp = upnWithCheckLetter('80120000100A');
    expect(checkUpn(temp)).toEqual({ ok: true, temporary: true });
  });

  it('rejects the wrong shape and letters never used in UPNs', () => {
    expect(checkUpn('H80120000100')).toMatchObject({ ok: false, problem: expect.stringMatching(/not 13 characters/) });
    expect(checkUpn('H80120000100I')).toMatchObject({ ok: false, problem: expect.stringMatching(/never used/) });
  });
});

describe('compulsory school age', () => {
  it('starts on the prescribed day (31 Dec, 31 Mar, 31 Aug) on or after the fifth birthday', () => {
    expect(compulsorySchoolAgeStart('2020-09-01')).toBe('2025-12-31');
    expect(compulsorySchoolAgeStart('2021-01-01')).toBe('2026-03-31');
    expect(compulsorySchoolAgeStart('2020-12-31')).toBe('2025-12-31');
    expect(compulsorySchoolAgeStart('2021-04-01')).toBe('2026-08-31');
    expect(isCompulsorySchoolAge('2020-09-01', '2025-12-30')).toBe(false);
    expect(isCompulsorySchoolAge('2020-09-01', '2025-12-31')).toBe(true);
  });

  it('ends on the last Friday in June of the school year the child turns 16', () => {
    expect(compulsorySchoolAgeEnd('2009-08-31')).toBe('2025-06-27');
    expect(compulsorySchoolAgeEnd('2009-09-01')).toBe('2026-06-26');
    expect(isCompulsorySchoolAge('2009-08-31', '2025-06-27')).toBe(true);
    expect(isCompulsorySchoolAge('2009-08-31', '2025-06-30')).toBe(false);
  });
});

describe('academic year', () => {
  it('runs 1 September to 31 August', () => {
    expect(academicYearOf('2025-08-31')).toBe(2024);
    expect(academicYearOf('2025-09-01')).toBe(2025);
    expect(parseAcademicYear('2025/26')).toBe(2025);
    expect(parseAcademicYear('2025/27')).toBeUndefined();
  });
});
