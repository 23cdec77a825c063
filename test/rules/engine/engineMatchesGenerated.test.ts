import { describe, expect, it } from 'vitest';
import { generateLocalAuthorityRegisters } from '../../../adapters/generator/generateLocalAuthority.ts';
import { createAttendanceEngine } from '../../../rules/engine/attendanceEngine.ts';
import { oracleFindings } from '../../oracle/findingsOracle.ts';
import { POLICY_PROFILES } from '../../../rules/policies/policyProfiles.ts';

// A small generated authority with the generator's planted scenarios (one pupil per finding), so every
// rule has a pupil on each side of it in realistic registers as well as random ones.
const SCHOOLS = generateLocalAuthorityRegisters({
  schools: 3,
  pupils: 360,
  seed: 'engine-equivalence',
  year: '2024/25',
  scenarios: true,
  policies: [...POLICY_PROFILES.keys()],
});
const REGISTERS = SCHOOLS.map((s) => s.register);
const ENGINE = createAttendanceEngine(REGISTERS);
const DATES = ['2024-09-20', '2024-12-11', '2025-02-26', '2025-05-21', '2025-07-18'];

describe('engine findings on a generated authority', () => {
  for (const policy of POLICY_PROFILES.values()) {
    it(
      `equal oracleFindings at five dates across the year under the ${policy.id} profile`,
      { timeout: 120_000 },
      () => {
        let total = 0;
        for (const asOf of DATES) {
          const got = ENGINE.findingsAt(asOf, policy);
          REGISTERS.forEach((register, i) => {
            const want = oracleFindings(register, { asOf, policy });
            expect(got[i].findings()).toStrictEqual(want);
            total += want.length;
          });
        }
        expect(total).toBeGreaterThan(0);
      },
    );
  }

  it('follow each school’s own profile when asked to', { timeout: 120_000 }, () => {
    const choose = (school: { policy?: string }) => POLICY_PROFILES.get(school.policy ?? 'national')!;
    const got = ENGINE.findingsAt('2025-03-19', choose);
    REGISTERS.forEach((register, i) =>
      expect(got[i].findings()).toStrictEqual(
        oracleFindings(register, { asOf: '2025-03-19', policy: choose(register.school) }),
      ),
    );
  });
});
