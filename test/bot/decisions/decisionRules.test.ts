import { describe, expect, it } from 'vitest';
import { advanceCase, noticeOf, normaliseParent, type PenaltyCase } from '../../../bot/decisions/penaltyCase.ts';
import { REGISTER_CODES } from '../../../rules/codes/registerCodes.ts';
import { decideSicknessReturn, type SicknessReturnInput } from '../../../rules/decisions/sicknessReturnDecision.ts';
import { codeForSituation, codeGuidance, codesInTree, pathToCode } from '../../../rules/decisions/whichCode.ts';
import { policyProfile } from '../../../rules/policies/policyProfiles.ts';

describe('which code? tree', () => {
  it('reaches every 2024 code a session can carry, each once, with guidance and a citation', () => {
    const reachable = codesInTree();
    const marks = REGISTER_CODES.filter(
      (c) => c.regimes.includes('2024') && !['-', '\\', 'Z', '#'].includes(c.code),
    ).map((c) => c.code);
    expect([...reachable].sort()).toEqual([...marks].sort());
    for (const code of reachable) expect(codeGuidance(code).guidance.length).toBeGreaterThan(20);
  });

  it('finds the answers leading to a code, for opening on it', () => {
    expect(pathToCode('Y5')).toEqual([
      { question: 'where', value: 'unable' },
      { question: 'unable', value: 'detention' },
    ]);
    expect(pathToCode('H')).toBeUndefined();
  });

  it('reads the situation from the question when its words settle the code', () => {
    expect(codeForSituation('a pupil at a hospital appointment')).toBe('M');
    expect(codeForSituation('a child off sick')).toBe('I');
    expect(codeForSituation('a family funeral')).toBe('C');
    expect(codeForSituation('someone who came in')).toBeUndefined();
  });
});

describe('sickness return decision', () => {
  const episode = { start: '2025-10-06', end: '2025-10-24', days: 15 };
  const base: SicknessReturnInput = {
    asOf: '2025-11-21',
    dateOfBirth: '2016-03-03',
    tally: { days: 15, episodes: [episode], reachedOn: '2025-10-24', reachedInEpisode: episode },
    returnsMade: [],
    groundsToBelieve: false,
  };

  it('is due at 15 days, keyed to the illness episode under the national profile', () => {
    expect(decideSicknessReturn(base, policyProfile('national'))).toMatchObject({
      outcome: 'return-due',
      returnFor: '2025-10-06',
      consecutive: true,
    });
  });

  it('is keyed to the school year where the profile asks for one return a year (004)', () => {
    const later = { start: '2025-11-10', end: '2025-11-21', days: 10 };
    const input = {
      ...base,
      tally: { ...base.tally, days: 25, episodes: [episode, later] },
      returnsMade: [{ returnFor: '2025/26', sentOn: '2025-10-27' }],
    };
    expect(decideSicknessReturn(input, policyProfile('stockport-bramhall'))).toMatchObject({
      outcome: 'already-made',
      returnFor: '2025/26',
    });
  });

  it('needs a new return for a later spell long enough on its own, nationally', () => {
    const later = { start: '2025-11-03', end: '2025-11-21', days: 15 };
    const input = {
      ...base,
      tally: { ...base.tally, days: 30, episodes: [episode, later] },
      returnsMade: [{ returnFor: '2025-10-06', sentOn: '2025-10-27' }],
    };
    expect(decideSicknessReturn(input, policyProfile('national'))).toMatchObject({
      outcome: 'return-due',
      returnFor: '2025-11-03',
    });
  });

  it('names no pupil below compulsory school age', () => {
    expect(decideSicknessReturn({ ...base, dateOfBirth: '2021-09-15' }, policyProfile('national')).outcome).toBe(
      'not-compulsory-school-age',
    );
  });
});

describe('penalty case', () => {
  const opened: PenaltyCase = {
    id: 'c1',
    schoolUrn: '1',
    upn: 'A',
    parentKey: 'jane hill',
    walkId: 'c1',
    sessions: [],
    steps: [{ state: 'considered', on: '2025-11-21', by: 'u', at: 't' }],
  };
  const step = (state: PenaltyCase['steps'][number]['state'], on = '2025-11-24', periodEnds?: string) => ({
    state,
    on,
    periodEnds,
    by: 'u',
    at: 't',
  });

  it('moves in order and counts as a notice only once issued, and not once withdrawn', () => {
    let c = opened;
    for (const s of ['penalty-requested', 'issued'] as const) {
      const moved = advanceCase(c, step(s));
      if (!moved.ok) throw new Error(moved.problem);
      c = moved.case;
    }
    expect(noticeOf(opened)).toBeUndefined();
    expect(noticeOf(c)).toEqual({ issuedOn: '2025-11-24', status: 'issued' });
    const withdrawn = advanceCase(c, step('withdrawn'));
    expect(withdrawn.ok && noticeOf(withdrawn.case)).toEqual({ issuedOn: '2025-11-24', status: 'withdrawn' });
  });

  it('refuses skipping a state, a date before the last step, and a notice to improve without its period', () => {
    expect(advanceCase(opened, step('paid'))).toMatchObject({ ok: false });
    expect(advanceCase(opened, step('penalty-requested', '2025-11-20'))).toMatchObject({ ok: false });
    expect(advanceCase(opened, step('nti-issued'))).toMatchObject({ ok: false });
    expect(advanceCase(opened, step('nti-issued', '2025-11-24', '2025-12-15')).ok).toBe(true);
  });

  it('treats the same parent typed differently as one parent', () => {
    expect(normaliseParent('  Mrs Jane  HILL ')).toBe(normaliseParent('mrs jane hill'));
  });
});
