import { describe, expect, it } from 'vitest';
import { createAttendanceEngine } from '../../../rules/engine/attendanceEngine.ts';
import { oracleFindings } from '../../oracle/findingsOracle.ts';
import { RULE_IDS } from '../../../rules/findings/finding.ts';
import { type MeasureMethod } from '../../../rules/findings/evaluationContext.ts';
import { POLICY_PROFILES } from '../../../rules/policies/policyProfiles.ts';
import { AUTUMN_2025, makeRegister } from '../../support/registerFixture.ts';
import { randomRegister } from './randomRegister.ts';

// Dates on and around the edges: before the register, its first day, a weekend, a half-term, the summer
// holiday, the first days of a new school year (windows reaching back across it), and after the register.
const AS_OF = [
  '2024-09-03',
  '2024-09-04',
  '2024-09-07',
  '2024-10-30',
  '2024-11-20',
  '2025-02-19',
  '2025-03-01',
  '2025-05-07',
  '2025-07-22',
  '2025-08-31',
  '2025-09-01',
  '2025-09-03',
  '2025-09-17',
  '2025-11-03',
  '2025-12-19',
  '2026-01-10',
];
const REGISTERS = [1, 2, 3].map((seed) => randomRegister(seed, 120));
// oracleFindings itself takes seconds here under the working-days profile (it counts working days per N).
const SLOW = { timeout: 120_000 };
const ENGINE = createAttendanceEngine(REGISTERS);

describe('engine findings', () => {
  for (const policy of POLICY_PROFILES.values()) {
    for (const measureMethod of ['all-pupils', 'dfe-live'] as MeasureMethod[]) {
      it(`equal oracleFindings on random registers under the ${policy.id} profile (${measureMethod})`, SLOW, () => {
        for (const asOf of AS_OF) {
          const got = ENGINE.findingsAt(asOf, policy, { measureMethod });
          REGISTERS.forEach((register, i) => {
            expect(got[i].school).toBe(register.school);
            expect(got[i].findings()).toStrictEqual(oracleFindings(register, { asOf, policy, measureMethod }));
          });
        }
      });
    }
  }

  it('cover every rule in the random registers, so the comparison above is not vacuous', SLOW, () => {
    const seen = new Set<string>();
    for (const policy of POLICY_PROFILES.values()) {
      for (const asOf of AS_OF)
        for (const school of ENGINE.findingsAt(asOf, policy)) for (const f of school.findings()) seen.add(f.rule);
    }
    expect([...seen].sort()).toEqual([...RULE_IDS].sort());
  });

  it('equal oracleFindings with a measures period that starts mid-week', () => {
    const policy = POLICY_PROFILES.get('national')!;
    for (const asOf of ['2025-03-05', '2025-12-10']) {
      const got = ENGINE.findingsAt(asOf, policy, { periodStart: '2025-01-08' });
      REGISTERS.forEach((register, i) =>
        expect(got[i].findings()).toStrictEqual(oracleFindings(register, { asOf, policy, periodStart: '2025-01-08' })),
      );
    }
  });

  it('equal oracleFindings under a profile that counts a code other than absence toward the threshold', () => {
    // Not a shipped profile: exercises the engine's fallback (prefix counts built on first use, the rule's own finding).
    const national = POLICY_PROFILES.get('national')!;
    const policy = {
      ...national,
      id: 'test-late-counts',
      penaltyThreshold: { ...national.penaltyThreshold, codes: ['G', 'N', 'O', 'U', 'L'] },
      lateness: { ...national.lateness, codes: ['L'] },
    };
    for (const asOf of ['2024-11-20', '2025-03-05', '2025-12-10']) {
      const got = ENGINE.findingsAt(asOf, policy);
      REGISTERS.forEach((register, i) =>
        expect(got[i].findings()).toStrictEqual(oracleFindings(register, { asOf, policy })),
      );
    }
  });

  it('use each school’s own policy when given a choice per school', () => {
    const registers = ['stockport-bramhall', 'dudley-st-james'].map((id, i) => ({
      ...randomRegister(10 + i, 80),
      school: { name: id, policy: id },
    }));
    const profiles = [...POLICY_PROFILES.values()];
    const engine = createAttendanceEngine(registers);
    const got = engine.findingsAt(
      '2025-03-12',
      (school) => POLICY_PROFILES.get(school.policy ?? 'national') ?? profiles[0],
    );
    registers.forEach((register, i) => {
      const policy = POLICY_PROFILES.get(register.school.policy)!;
      expect(got[i].findings()).toStrictEqual(oracleFindings(register, { asOf: '2025-03-12', policy }));
    });
  });
});

describe('engine findings for empty registers', () => {
  it('give nothing for a school with no pupils or no open sessions yet, as oracleFindings does', () => {
    const noPupils = makeRegister({ calendar: AUTUMN_2025, pupils: [] });
    const noSessions = makeRegister({
      calendar: { terms: [{ name: 'Closed', start: '2025-09-06', end: '2025-09-07' }] },
      pupils: [{}],
    });
    const engine = createAttendanceEngine([noPupils, noSessions]);
    const policy = POLICY_PROFILES.get('national')!;
    for (const asOf of ['2025-09-01', '2025-10-15']) {
      const got = engine.findingsAt(asOf, policy);
      expect(got.map((s) => s.findings())).toStrictEqual([
        oracleFindings(noPupils, { asOf, policy }),
        oracleFindings(noSessions, { asOf, policy }),
      ]);
      expect(engine.penaltyThresholdList(asOf, policy)).toEqual([]);
    }
  });
});

describe('engine findings at rule boundaries', () => {
  const national = POLICY_PROFILES.get('national')!;
  const cases: [string, Parameters<typeof makeRegister>[0], string[]][] = [
    [
      'the tenth unauthorised session falling in the eleventh school week back',
      {
        calendar: AUTUMN_2025,
        pupils: [
          { days: { '2025-09-08': 'G', '2025-09-09': 'NN', '2025-09-10': 'OU', '2025-09-11': 'G', '2025-09-12': 'N' } },
          { days: { '2025-09-15': 'G', '2025-09-16': 'NN', '2025-09-17': 'OU', '2025-09-18': 'G', '2025-09-19': 'N' } },
        ],
      },
      ['2025-11-21', '2025-11-24', '2025-11-28', '2025-12-01'],
    ],
    [
      'exactly 10% absence, and one session under it',
      {
        calendar: AUTUMN_2025,
        pupils: [
          { spans: [['2025-09-03', '2025-09-09', 'M']] },
          { spans: [['2025-09-03', '2025-09-08', 'M']], days: { '2025-09-09': 'M/' } },
        ],
      },
      ['2025-10-15', '2025-10-16', '2025-10-17'],
    ],
    [
      'illness for 15 days across a half-term, whole and half days',
      {
        calendar: AUTUMN_2025,
        pupils: [
          { spans: [['2025-10-13', '2025-11-07', 'I']] },
          { spans: [['2025-10-13', '2025-11-14', 'I/']] },
          {
            spans: [
              ['2025-09-10', '2025-09-16', 'I'],
              ['2025-10-01', '2025-10-08', 'I'],
            ],
          },
        ],
      },
      ['2025-11-04', '2025-11-05', '2025-11-12', '2025-11-20'],
    ],
    [
      'runs of unauthorised and unexplained days over a weekend, and one broken by an afternoon present',
      {
        calendar: AUTUMN_2025,
        pupils: [
          { spans: [['2025-11-13', '2025-12-19', 'N']] },
          { spans: [['2025-11-13', '2025-12-19', 'G']], days: { '2025-12-01': 'U' } },
          { spans: [['2025-11-13', '2025-12-19', 'N']], days: { '2025-12-17': 'N/' } },
          { usual: 'L\\', marksUntil: '2025-12-10' },
        ],
      },
      ['2025-11-14', '2025-11-17', '2025-11-26', '2025-12-10', '2025-12-12', '2025-12-18'],
    ],
  ];
  for (const [what, spec, dates] of cases) {
    it(`equal oracleFindings for ${what}, under every profile`, () => {
      const register = makeRegister(spec);
      const engine = createAttendanceEngine([register]);
      for (const policy of POLICY_PROFILES.values()) {
        for (const asOf of dates)
          expect(engine.findingsAt(asOf, policy)[0].findings()).toStrictEqual(
            oracleFindings(register, { asOf, policy }),
          );
      }
      // The case must actually produce findings under the national profile somewhere.
      expect(dates.some((asOf) => oracleFindings(register, { asOf, policy: national }).length > 0)).toBe(true);
    });
  }
});
