import { describe, expect, it } from 'vitest';
import { IS_ABSENCE, IS_ATTENDANCE, IS_POSSIBLE, IS_UNAUTHORISED } from '../../rules/codes/codeCategories.ts';
import { parseRegisterCode } from '../../rules/codes/parseRegisterCode.ts';
import { findRegisterCode, REGISTER_CODES } from '../../rules/codes/registerCodes.ts';

const category = (code: string) => findRegisterCode(code)!.category;

describe('register codes', () => {
  it('holds every 2024 code with the DfE statistical treatment', () => {
    const expected: Record<string, string> = {
      '/': 'present',
      '\\': 'present',
      L: 'present',
      K: 'approved-activity',
      V: 'approved-activity',
      P: 'approved-activity',
      W: 'approved-activity',
      B: 'approved-activity',
      C1: 'authorised',
      M: 'authorised',
      J1: 'authorised',
      S: 'authorised',
      C2: 'authorised',
      C: 'authorised',
      T: 'authorised',
      R: 'authorised',
      I: 'authorised',
      E: 'authorised',
      G: 'unauthorised',
      N: 'unauthorised',
      O: 'unauthorised',
      U: 'unauthorised',
      D: 'not-possible',
      X: 'not-possible',
      Q: 'not-possible',
      Y1: 'not-possible',
      Y2: 'not-possible',
      Y3: 'not-possible',
      Y4: 'not-possible',
      Y5: 'not-possible',
      Y6: 'not-possible',
      Y7: 'not-possible',
      Z: 'not-collected',
      '#': 'not-collected',
    };
    for (const [code, cat] of Object.entries(expected)) expect([code, category(code)]).toEqual([code, cat]);
    const in2024 = REGISTER_CODES.filter((c) => c.regimes.includes('2024') && c.code !== '-').map((c) => c.code);
    expect(in2024.sort()).toEqual(Object.keys(expected).sort());
  });

  it('builds byte tables that agree with the categories', () => {
    const id = (c: string) => findRegisterCode(c)!.id;
    expect([
      IS_POSSIBLE[id('D')],
      IS_POSSIBLE[id('U')],
      IS_ATTENDANCE[id('B')],
      IS_ATTENDANCE[id('L')],
      IS_ABSENCE[id('J1')],
      IS_UNAUTHORISED[id('U')],
    ]).toEqual([0, 1, 1, 1, 1, 1]);
  });

  it('reads pre-2024 codes with their old treatment on sessions before 19 August 2024', () => {
    expect(parseRegisterCode('H', '2024-07-15')).toMatchObject({ ok: true, code: { category: 'authorised' } });
    expect(parseRegisterCode('J', '2024-07-15')).toMatchObject({ ok: true, code: { category: 'approved-activity' } });
    expect(parseRegisterCode('Y', '2024-08-18')).toMatchObject({ ok: true, code: { category: 'not-possible' } });
    expect(parseRegisterCode('F', '2012-01-10')).toMatchObject({ ok: true, code: { category: 'authorised' } });
  });

  it('rejects a withdrawn code after 19 August 2024, naming its successor', () => {
    expect(parseRegisterCode('H', '2024-08-19')).toEqual({
      ok: false,
      problem: expect.stringMatching(
        /code H was withdrawn on 2024-08-19.*C \(exceptional circumstances\) if granted, otherwise G/,
      ),
    });
    expect(parseRegisterCode('J', '2025-01-06')).toEqual({ ok: false, problem: expect.stringMatching(/needs J1/) });
  });

  it('rejects a 2024 code on a session before it existed', () => {
    expect(parseRegisterCode('Y1', '2024-06-03')).toEqual({
      ok: false,
      problem: expect.stringMatching(/only exists from 2024-08-19/),
    });
  });

  it('rejects an unknown code by name', () => {
    expect(parseRegisterCode('A', '2025-01-06')).toEqual({ ok: false, problem: 'unknown register code "A"' });
    expect(parseRegisterCode('Y8', '2025-01-06')).toEqual({ ok: false, problem: 'unknown register code "Y8"' });
  });

  it('reads lower case and surrounding spaces as the code', () => {
    expect(parseRegisterCode(' n ', '2025-01-06')).toMatchObject({ ok: true, code: { code: 'N' } });
  });
});
