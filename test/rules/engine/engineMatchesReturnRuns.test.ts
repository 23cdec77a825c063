import { describe, expect, it } from 'vitest';
import { createAttendanceEngine } from '../../../rules/engine/attendanceEngine.ts';
import { oracleFindings as evaluateFindings } from '../../oracle/findingsOracle.ts';
import { POLICY_PROFILES } from '../../../rules/policies/policyProfiles.ts';
import { makeRegister } from '../../support/registerFixture.ts';
import { AUTUMN_2024 } from '../../support/autumn2024.ts';

describe('engine findings for attendance-return runs that ended this month', () => {
  const register = makeRegister({
    calendar: AUTUMN_2024,
    pupils: [
      { spans: [['2024-11-04', '2024-11-15', 'O']] },
      { spans: [['2024-11-05', '2024-11-15', 'O']] },
      { spans: [['2024-10-21', '2024-11-08', 'U']] },
      {
        spans: [
          ['2024-11-04', '2024-11-15', 'O'],
          ['2024-11-19', '2024-12-02', 'N'],
        ],
      },
      { spans: [['2024-10-07', '2024-12-20', 'G']] },
      { spans: [['2024-11-04', '2024-11-15', 'O']], days: { '2024-11-11': 'O/' } },
      { dateOfBirth: '2020-06-01', yearGroup: 'R', spans: [['2024-11-04', '2024-11-15', 'O']] },
    ],
  });
  const engine = createAttendanceEngine([register]);
  const dates = ['2024-10-31', '2024-11-08', '2024-11-15', '2024-11-18', '2024-11-29', '2024-11-30', '2024-12-02'];

  it('equal evaluateFindings at every date, under every profile', () => {
    for (const policy of POLICY_PROFILES.values())
      for (const asOf of dates)
        expect(engine.findingsAt(asOf, policy)[0].findings()).toStrictEqual(
          evaluateFindings(register, { asOf, policy }),
        );
  });

  it('include runs that have ended, so the comparison is not vacuous', () => {
    const national = POLICY_PROFILES.get('national')!;
    const ended = engine
      .findingsAt('2024-11-29', national)[0]
      .findings()
      .filter((f) => f.rule === 'continuous-unauthorised-10-days' && f.evidence.ongoing === false);
    expect(ended.map((f) => f.evidence.from)).toEqual(['2024-11-04', '2024-10-21', '2024-11-04']);
  });
});
