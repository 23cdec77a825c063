import { describe, expect, it } from 'vitest';
import { absencePercent, formatPercent, meetsAbsencePercent } from '../../rules/measures/absenceThresholds.ts';
import { pupilMeasures } from '../../rules/measures/pupilMeasures.ts';
import { AUTUMN_2025, makeRegister, type FixturePupil } from '../support/registerFixture.ts';
import { contextAt, findingsAt, rulesOf } from './ruleHarness.ts';

// 3 September to 30 September 2025 is 20 school days: 40 possible sessions for a pupil marked every day.
const SEPT_END = '2025-09-30';

function measure(pupil: FixturePupil, asOf = SEPT_END, method?: 'dfe-live') {
  const register = makeRegister({ calendar: AUTUMN_2025, pupils: [pupil] });
  return pupilMeasures(contextAt(register, asOf, 'national', method), 0);
}

describe('pupil measures', () => {
  it('counts every open session to the as-of date as possible for a pupil present throughout', () => {
    const m = measure({});
    expect(m.possible).toBe(40);
    expect(m.attended).toBe(40);
    expect(m.attendancePercent).toBe(100);
    expect(m.from).toBe('2025-09-01');
  });

  it('is persistently absent at exactly 10% (4 of 40 sessions) and not at 3 of 40', () => {
    const at = measure({ days: { '2025-09-08': 'I', '2025-09-09': 'MO' } });
    expect([at.absence, at.possible]).toEqual([4, 40]);
    expect(at.persistentlyAbsent).toBe(true);
    expect(
      findingsAt(
        { calendar: AUTUMN_2025, pupils: [{ days: { '2025-09-08': 'I', '2025-09-09': 'MO' } }] },
        SEPT_END,
      ).map((f) => f.rule),
    ).toContain('persistent-absence');
    const under = measure({ days: { '2025-09-08': 'I', '2025-09-09': 'M/' } });
    expect(under.absence).toBe(3);
    expect(under.persistentlyAbsent).toBe(false);
  });

  it('compares without rounding: 20 of 201 (9.95%, shown as 10.0%) is not persistent absence', () => {
    expect(meetsAbsencePercent(20, 201, 10)).toBe(false);
    expect(formatPercent(absencePercent(20, 201))).toBe('10.0%');
    expect(meetsAbsencePercent(20, 200, 10)).toBe(true);
    expect(meetsAbsencePercent(0, 0, 10)).toBe(false);
  });

  it('is severely absent at exactly 50% (20 of 40) and only persistently absent at 19 of 40', () => {
    const half = measure({ spans: [['2025-09-03', '2025-09-16', 'I']] });
    expect([half.absence, half.possible]).toEqual([20, 40]);
    expect(half.severelyAbsent).toBe(true);
    expect(half.persistentlyAbsent).toBe(true);
    const under = measure({ spans: [['2025-09-03', '2025-09-15', 'I']], days: { '2025-09-16': 'I/' } });
    expect(under.absence).toBe(19);
    expect(under.severelyAbsent).toBe(false);
    expect(under.persistentlyAbsent).toBe(true);
  });

  it('leaves D, X, Q and Y1-Y7 out of possible sessions, and Z and # out of everything', () => {
    const m = measure({
      days: {
        '2025-09-08': 'DX',
        '2025-09-09': 'QY1',
        '2025-09-10': 'Y2Y3',
        '2025-09-11': 'Y4Y5',
        '2025-09-12': 'Y6Y7',
        '2025-09-15': 'Z#',
      },
    });
    expect(m.possible).toBe(28);
    expect(m.notPossible).toBe(10);
    expect(m.notCollected).toBe(2);
    expect(m.absence).toBe(0);
    expect(m.attendancePercent).toBe(100);
  });

  it('counts approved educational activity (K V P W B) and L as attendance, U as unauthorised absence', () => {
    const m = measure({ days: { '2025-09-08': 'KV', '2025-09-09': 'PW', '2025-09-10': 'B\\', '2025-09-11': 'LU' } });
    expect(m.approvedActivity).toBe(5);
    expect(m.present).toBe(34);
    expect(m.attended).toBe(39);
    expect(m.unauthorised).toBe(1);
    expect(m.byCode.U).toBe(1);
    expect(m.byCode.L).toBe(1);
    expect(m.possible).toBe(40);
  });

  it('splits absence into authorised (C1 M J1 S C2 C T R I E) and unauthorised (G N O U)', () => {
    const m = measure({
      days: {
        '2025-09-08': 'C1M',
        '2025-09-09': 'J1S',
        '2025-09-10': 'C2C',
        '2025-09-11': 'TR',
        '2025-09-12': 'IE',
        '2025-09-15': 'GN',
        '2025-09-16': 'OU',
      },
    });
    expect(m.authorised).toBe(10);
    expect(m.unauthorised).toBe(4);
    expect(m.absence).toBe(14);
  });

  it('leaves pupils with 10 or fewer possible sessions out of persistent absence under dfe-live', () => {
    // Joined on 24 September: 5 school days (10 sessions) to the 30th, all absent.
    const late = {
      spans: [
        ['2025-09-03', '2025-09-23', 'Z'],
        ['2025-09-24', '2025-09-30', 'O'],
      ] as [string, string, string][],
    };
    expect(measure(late).persistentlyAbsent).toBe(true);
    const live = measure(late, SEPT_END, 'dfe-live');
    expect(live.possible).toBe(10);
    expect(live.countedForAbsenceMeasures).toBe(false);
    expect(live.persistentlyAbsent).toBe(false);
    // One more possible session (11) and the pupil counts again.
    const eleven = measure(
      {
        spans: [
          ['2025-09-03', '2025-09-22', 'Z'],
          ['2025-09-24', '2025-09-30', 'O'],
        ],
        days: { '2025-09-23': 'ZO' },
      },
      SEPT_END,
      'dfe-live',
    );
    expect(eleven.possible).toBe(11);
    expect(eleven.persistentlyAbsent).toBe(true);
    expect(
      rulesOf(findingsAt({ calendar: AUTUMN_2025, pupils: [late] }, SEPT_END, 'national', 'dfe-live')),
    ).not.toContain('persistent-absence');
  });

  it('counts broken weeks against weeks with a possible session', () => {
    const m = measure({ days: { '2025-09-08': 'I', '2025-09-23': '/N' } });
    expect(m.brokenWeeks.broken).toBe(2);
    expect(m.brokenWeeks.weeks).toBe(5);
    expect(m.brokenWeeks.brokenWeekMondays).toEqual(['2025-09-08', '2025-09-22']);
  });

  it('flags the at-risk band from 5% up to (not including) the persistent line', () => {
    expect(measure({ days: { '2025-09-08': 'I' } }).atRiskOfPersistentAbsence).toBe(true); // 2 of 40 = 5%
    expect(measure({ days: { '2025-09-08': 'I/' } }).atRiskOfPersistentAbsence).toBe(false); // 2.5%
    expect(measure({ days: { '2025-09-08': 'I', '2025-09-09': 'I' } }).atRiskOfPersistentAbsence).toBe(false); // PA instead
  });
});
