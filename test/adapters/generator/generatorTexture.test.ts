import { describe, expect, it } from 'vitest';
import { generateLocalAuthorityRegisters } from '../../../adapters/generator/generateLocalAuthority.ts';
import { findRegisterCode } from '../../../rules/codes/registerCodes.ts';
import { IS_ABSENCE, IS_POSSIBLE } from '../../../rules/codes/codeCategories.ts';
import { isoWeekday } from '../../../rules/dates/isoDate.ts';
import { checkUpn } from '../../../rules/pupils/upn.ts';

const schools = generateLocalAuthorityRegisters({ schools: 5, pupils: 3000, seed: 'texture', year: '2024/25' });
const id = (code: string) => findRegisterCode(code)!.id;

/** Share of possible sessions with an absence, over the sessions `include` accepts, across all schools. */
function absenceRate(include: (date: string) => boolean, codes?: readonly string[]): number {
  const wanted = codes ? new Set(codes.map(id)) : null;
  let possible = 0;
  let absent = 0;
  for (const { register } of schools) {
    const { calendar, marks } = register;
    const n = calendar.sessionCount;
    const included = calendar.sessionDate.map(include);
    for (let i = 0; i < marks.length; i++) {
      if (!included[i % n]) continue;
      const code = marks[i];
      possible += IS_POSSIBLE[code];
      if (wanted ? wanted.has(code) : IS_ABSENCE[code]) absent++;
    }
  }
  return absent / possible;
}

function countCode(code: string): number {
  const wanted = id(code);
  let count = 0;
  for (const { register } of schools) for (const m of register.marks) if (m === wanted) count++;
  return count;
}

const totalSessions = schools.reduce((n, s) => n + s.register.marks.length, 0);
const allPupils = schools.flatMap((s) => s.register.pupils);

describe('generated calendars', () => {
  it('have six half-terms, five INSET days and about 190 school days', () => {
    for (const { register, termDates } of schools) {
      expect(termDates.terms.map((t) => t.name)).toEqual([
        'Autumn 1',
        'Autumn 2',
        'Spring 1',
        'Spring 2',
        'Summer 1',
        'Summer 2',
      ]);
      expect(termDates.closures.filter((c) => c.reason === 'INSET day')).toHaveLength(5);
      expect(register.calendar.dayCount).toBeGreaterThanOrEqual(186);
      expect(register.calendar.dayCount).toBeLessThanOrEqual(192);
    }
  });

  it('close on bank holidays inside a term', () => {
    for (const { register } of schools) expect(register.calendar.dayIndex.has('2025-05-05')).toBe(false);
  });
});

describe('generated marks have the texture of real registers', () => {
  it('has more absence on Mondays and Fridays than midweek', () => {
    const monFri = absenceRate((d) => isoWeekday(d) === 1 || isoWeekday(d) === 5);
    const midweek = absenceRate((d) => isoWeekday(d) >= 2 && isoWeekday(d) <= 4);
    expect(monFri).toBeGreaterThan(midweek * 1.1);
  });

  it('has more illness in December than in September', () => {
    expect(absenceRate((d) => d.slice(5, 7) === '12', ['I'])).toBeGreaterThan(
      absenceRate((d) => d.slice(5, 7) === '09', ['I']) * 1.5,
    );
  });

  it('places term-time holidays (G) next to school holidays', () => {
    let nearBreak = 0;
    let holidayDays = 0;
    const g = id('G');
    for (const { register } of schools) {
      const { calendar, marks } = register;
      const n = calendar.sessionCount;
      // School days within ten school days of a break of a week or more.
      const near = new Uint8Array(calendar.dayCount);
      for (let d = 0; d < calendar.dayCount - 1; d++) {
        if (calendar.dayNumber[d + 1] - calendar.dayNumber[d] >= 7)
          for (let k = Math.max(0, d - 9); k <= Math.min(calendar.dayCount - 1, d + 10); k++) near[k] = 1;
      }
      for (let i = 0; i < marks.length; i++) {
        if (marks[i] !== g) continue;
        holidayDays++;
        nearBreak += near[calendar.sessionDay[i % n]];
      }
    }
    expect(holidayDays).toBeGreaterThan(0);
    expect(nearBreak / holidayDays).toBeGreaterThan(0.95);
  });

  it('has a few late marks (L) and fewer after the register closed (U)', () => {
    expect(countCode('L') / totalSessions).toBeGreaterThan(0.002);
    expect(countCode('L') / totalSessions).toBeLessThan(0.02);
    expect(countCode('U')).toBeGreaterThan(0);
    expect(countCode('U')).toBeLessThan(countCode('L'));
  });

  it('leaves some N marks open on the last day and a few older ones uncorrected', () => {
    const n = id('N');
    let lastDay = 0;
    let older = 0;
    for (const { register } of schools) {
      const { calendar, marks } = register;
      const sessions = calendar.sessionCount;
      const lastDayStart = calendar.dayFirstSession[calendar.dayCount - 1];
      for (let i = 0; i < marks.length; i++) {
        if (marks[i] !== n) continue;
        if (i % sessions >= lastDayStart) lastDay++;
        else if (calendar.sessionDay[i % sessions] < calendar.dayCount - 6) older++;
      }
    }
    expect(lastDay).toBeGreaterThan(0);
    expect(older).toBeGreaterThan(0);
    expect(older / totalSessions).toBeLessThan(0.002);
  });

  it('puts a handful of pupils on part-time timetables (C2)', () => {
    const c2 = id('C2');
    let pupils = 0;
    for (const { register } of schools) {
      const n = register.calendar.sessionCount;
      for (let p = 0; p < register.pupils.length; p++)
        if (register.marks.subarray(p * n, (p + 1) * n).includes(c2)) pupils++;
    }
    expect(pupils).toBeGreaterThan(0);
    expect(pupils / allPupils.length).toBeLessThan(0.01);
  });
});

describe('generated pupils', () => {
  it('have unique UPNs with valid check letters', () => {
    expect(new Set(allPupils.map((p) => p.upn)).size).toBe(allPupils.length);
    for (const p of allPupils) expect(checkUpn(p.upn)).toEqual({ ok: true, temporary: false });
  });

  it('carry context flags at realistic rates', () => {
    const share = (test: (p: (typeof allPupils)[number]) => boolean) =>
      allPupils.filter(test).length / allPupils.length;
    expect(share((p) => p.fsm === true)).toBeGreaterThan(0.2);
    expect(share((p) => p.fsm === true)).toBeLessThan(0.31);
    expect(share((p) => p.sen === 'support')).toBeGreaterThan(0.1);
    expect(share((p) => p.sen === 'support')).toBeLessThan(0.18);
    expect(share((p) => p.sen === 'ehcp')).toBeGreaterThan(0.02);
    expect(share((p) => p.sen === 'ehcp')).toBeLessThan(0.07);
    expect(share((p) => p.socialWorker === true)).toBeGreaterThan(0.015);
    expect(share((p) => p.socialWorker === true)).toBeLessThan(0.05);
    expect(share((p) => p.lookedAfter === true)).toBeGreaterThan(0.002);
    expect(share((p) => p.lookedAfter === true)).toBeLessThan(0.015);
  });

  it('are born in the school year that fits their year group', () => {
    for (const p of allPupils) {
      const offset = p.yearGroup === 'R' ? 0 : Number(p.yearGroup);
      const cohortStart = `${2024 - offset - 5}-09-01`;
      const cohortEnd = `${2024 - offset - 4}-08-31`;
      expect(p.dateOfBirth >= cohortStart && p.dateOfBirth <= cohortEnd).toBe(true);
    }
  });
});
