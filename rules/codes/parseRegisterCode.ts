import { type IsoDate } from '../dates/isoDate.ts';
import { CODES_2024_FROM, findRegisterCode, regimeOn, type RegisterCode } from './registerCodes.ts';

export type CodeParse = { ok: true; code: RegisterCode } | { ok: false; problem: string };

const SUCCESSORS: Record<string, string> = {
  H: 'C (exceptional circumstances) if granted, otherwise G',
  J: 'J1',
  Y: 'one of Y1-Y7',
  F: 'G or C',
};

/**
 * Reads a mark as written in a register for a session on `date`, checking it belongs to the code set in
 * force that day. An unknown code, a withdrawn code after 19 August 2024, or a 2024 code before it is a
 * problem naming the code, so the school can correct its export rather than have the session miscounted.
 */
export function parseRegisterCode(raw: string, date: IsoDate): CodeParse {
  const text = raw.trim();
  if (text === '') return { ok: true, code: findRegisterCode('-')! };
  const code = findRegisterCode(text) ?? findRegisterCode(text.toUpperCase());
  if (!code) return { ok: false, problem: `unknown register code ${JSON.stringify(text)}` };
  const regime = regimeOn(date);
  if (!code.regimes.includes(regime)) {
    if (regime === '2024') {
      return {
        ok: false,
        problem: `code ${code.code} was withdrawn on ${CODES_2024_FROM}; a session on ${date} needs ${SUCCESSORS[code.code] ?? 'a 2024 code'}`,
      };
    }
    return {
      ok: false,
      problem: `code ${code.code} only exists from ${CODES_2024_FROM}; a session on ${date} predates it`,
    };
  }
  return { ok: true, code };
}
