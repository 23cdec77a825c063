import { describe, expect, it } from 'vitest';
import { createAttendanceEngine } from '../../../rules/engine/attendanceEngine.ts';
import { evaluateFindings } from '../../../rules/findings/evaluateFindings.ts';
import { type Finding } from '../../../rules/findings/finding.ts';
import { POLICY_PROFILES } from '../../../rules/policies/policyProfiles.ts';
import { randomRegister } from './randomRegister.ts';

const REGISTER = randomRegister(4, 150);
const POLICY = POLICY_PROFILES.get('national')!;
const AS_OF = '2025-03-05';
const LAZY_RULES = ['persistent-absence', 'severe-absence', 'at-risk-of-persistent-absence', 'broken-weeks', 'penalty-threshold'];

function pair(): { lazy: Finding[]; eager: Finding[] } {
  const [school] = createAttendanceEngine([REGISTER]).findingsAt(AS_OF, POLICY);
  return { lazy: school.findings, eager: evaluateFindings(REGISTER, { asOf: AS_OF, policy: POLICY }) };
}

describe('the engine’s lazily built findings', () => {
  it('cover every rule whose parts are built lazily, so the checks below are not vacuous', () => {
    const { lazy } = pair();
    for (const rule of LAZY_RULES) expect(lazy.some((f) => f.rule === rule && Object.getOwnPropertyDescriptor(f, 'evidence')?.get)).toBe(true);
  });

  it('have the eager finding’s keys in its order before anything is read, and each field equals it on first read', () => {
    const { lazy, eager } = pair();
    expect(lazy.length).toBe(eager.length);
    lazy.forEach((f, i) => {
      expect(Object.keys(f)).toEqual(Object.keys(eager[i]));
      expect(Object.getPrototypeOf(f)).toBe(Object.prototype);
      for (const key of Object.keys(eager[i]) as (keyof Finding)[]) expect(f[key]).toStrictEqual(eager[i][key]);
      // Once read: still enumerable, still in the same order.
      expect(Object.getOwnPropertyDescriptor(f, 'reason')).toMatchObject({ enumerable: true });
      expect(Object.keys(f)).toEqual(Object.keys(eager[i]));
      expect(f).toStrictEqual(eager[i]);
    });
  });

  it('serialise and spread exactly as the eager findings do, unread', () => {
    const { lazy, eager } = pair();
    expect(JSON.stringify(lazy)).toBe(JSON.stringify(eager));
    const { lazy: again } = pair();
    expect(again.map((f) => ({ ...f }))).toStrictEqual(eager);
    const { lazy: cloned } = pair();
    expect(structuredClone(cloned)).toStrictEqual(eager);
  });

  it('build their parts once: reading twice gives the same objects, whichever part is read first', () => {
    const { lazy } = pair();
    for (const [i, f] of lazy.entries()) {
      const first = i % 3 === 0 ? f.evidence : i % 3 === 1 ? f.reason : f.nextStep;
      expect(first).toBeDefined();
      const evidence = f.evidence;
      expect(f.evidence).toBe(evidence);
      expect(f.reason).toBe(f.reason);
      expect(f.nextStep).toBe(f.nextStep);
    }
  });

  it('take a write before the first read as a data property would', () => {
    const { lazy, eager } = pair();
    const i = lazy.findIndex((f) => Object.getOwnPropertyDescriptor(f, 'reason')?.get);
    lazy[i].reason = 'overwritten';
    expect(lazy[i].reason).toBe('overwritten');
    expect(Object.getOwnPropertyDescriptor(lazy[i], 'reason')).toMatchObject({ value: 'overwritten', writable: true, enumerable: true });
    lazy[i].evidence = { replaced: true };
    expect(lazy[i].evidence).toEqual({ replaced: true });
    expect(lazy[i].nextStep).toBe(eager[i].nextStep);
    expect(Object.keys(lazy[i])).toEqual(Object.keys(eager[i]));
  });
});
