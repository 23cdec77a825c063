import { describe, expect, it } from 'vitest';
import { createAttendanceEngine } from '../../../rules/engine/attendanceEngine.ts';
import { oracleFindings } from '../../oracle/findingsOracle.ts';
import { type Finding } from '../../../rules/findings/finding.ts';
import { POLICY_PROFILES } from '../../../rules/policies/policyProfiles.ts';
import { randomRegister } from './randomRegister.ts';

const REGISTERS = [21, 22].map((seed) => randomRegister(seed, 150));
const ENGINE = createAttendanceEngine(REGISTERS);
const DATES = ['2024-11-20', '2025-03-05', '2025-07-22', '2025-12-10'];

function findingsOf(rule: Finding['rule'], asOf: string, policyId: string) {
  const policy = POLICY_PROFILES.get(policyId)!;
  return REGISTERS.flatMap((register) =>
    oracleFindings(register, { asOf, policy })
      .filter((f) => f.rule === rule)
      .map((f) => ({ urn: register.school.urn, f })),
  );
}

describe('engine lists', () => {
  for (const policyId of ['national', 'stockport-bramhall']) {
    const policy = POLICY_PROFILES.get(policyId)!;

    it(`list the penalty-threshold findings' pupils and counts, in the findings' order (${policyId})`, () => {
      for (const asOf of DATES) {
        const list = ENGINE.penaltyThresholdList(asOf, policy).map((e) => [
          e.school.urn,
          e.upn,
          e.pupilName,
          e.sessions,
        ]);
        const want = findingsOf('penalty-threshold', asOf, policyId).map(({ urn, f }) => [
          urn,
          f.upn,
          f.pupilName,
          f.evidence.count,
        ]);
        expect(list).toEqual(want);
        expect(want.length).toBeGreaterThan(0);
      }
    });

    it(`list persistently and severely absent pupils with their sessions (${policyId})`, () => {
      for (const asOf of DATES) {
        for (const [list, rule] of [
          [ENGINE.persistentAbsenceList(asOf, policy), 'persistent-absence'],
          [ENGINE.severeAbsenceList(asOf, policy), 'severe-absence'],
        ] as const) {
          const want = findingsOf(rule, asOf, policyId).map(({ urn, f }) => [
            urn,
            f.upn,
            f.evidence.absenceSessions,
            f.evidence.possibleSessions,
          ]);
          expect(list.map((e) => [e.school.urn, e.upn, e.absenceSessions, e.possibleSessions])).toEqual(want);
        }
      }
    });

    it(`list the pupils a sickness return is due for, with their illness days (${policyId})`, () => {
      let seen = 0;
      for (const asOf of DATES) {
        const want = findingsOf('sickness-return', asOf, policyId).map(({ urn, f }) => [
          urn,
          f.upn,
          f.evidence.illnessDays,
          f.evidence.reachedOn,
        ]);
        expect(
          ENGINE.sicknessReturnList(asOf, policy).map((e) => [e.school.urn, e.upn, e.illnessDays, e.reachedOn]),
        ).toEqual(want);
        seen += want.length;
      }
      expect(seen).toBeGreaterThan(0);
    });
  }
});
