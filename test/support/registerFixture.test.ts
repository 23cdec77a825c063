import { describe, expect, it } from 'vitest';
import { checkUpn } from '../../rules/pupils/upn.ts';
import { AUTUMN_2025, dayCodes, fixtureUpn, makeRegister } from './registerFixture.ts';

describe('register fixtures', () => {
  it('reads a lone code as both sessions and "/" as a full present day', () => {
    expect(dayCodes('N')).toEqual(['N', 'N']);
    expect(dayCodes('/')).toEqual(['/', '\\']);
    expect(dayCodes('C1/')).toEqual(['C1', '/']);
  });

  it('makes UPNs that pass the check-letter test', () => {
    for (let n = 1; n < 60; n++) expect(checkUpn(fixtureUpn(n))).toEqual({ ok: true, temporary: false });
  });

  it('leaves the half-term and INSET day out of the calendar', () => {
    const register = makeRegister({ calendar: AUTUMN_2025, pupils: [{}] });
    expect(register.calendar.dayIndex.has('2025-10-27')).toBe(false);
    expect(register.calendar.dayIndex.has('2025-11-03')).toBe(false);
    expect(register.calendar.dayIndex.has('2025-11-04')).toBe(true);
  });
});
