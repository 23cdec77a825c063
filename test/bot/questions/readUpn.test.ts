import { describe, expect, it } from 'vitest';
import { readUpn } from '../../../bot/questions/readUpn.ts';
import { upnWithCheckLetter } from '../../../rules/pupils/upn.ts';

const UPN = upnWithCheckLetter('938201225001');
const TEMPORARY = upnWithCheckLetter('88620012500A');

describe('readUpn', () => {
  it('finds a UPN anywhere in a question, upper-cased, with where it was', () => {
    expect(readUpn(`how is ${UPN} doing?`)).toStrictEqual({ upn: UPN, span: { start: 7, end: 20 } });
    expect(readUpn(UPN.toLowerCase())?.upn).toBe(UPN);
    expect(readUpn(`${UPN}?`)?.upn).toBe(UPN);
  });

  it('reads a temporary UPN, which ends in a letter', () => {
    expect(readUpn(`explain ${TEMPORARY}`)?.upn).toBe(TEMPORARY);
  });

  it('ignores a number whose check letter is wrong: it would be some other child', () => {
    const wrong = (UPN[0] === 'A' ? 'B' : 'A') + UPN.slice(1);
    expect(readUpn(`how is ${wrong} doing?`)).toBeUndefined();
  });

  it('does not read part of a longer code, or a shorter one', () => {
    expect(readUpn(`X${UPN}`)).toBeUndefined();
    expect(readUpn(UPN.slice(0, 12))).toBeUndefined();
  });
});
