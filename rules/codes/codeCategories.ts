import { REGISTER_CODES, type CodeCategory } from './registerCodes.ts';

/**
 * Lookup tables from a code's byte id to what it counts as. Rules loop over register bytes and index these
 * tables instead of comparing strings, which keeps whole-authority scans to a few milliseconds.
 */
function table(test: (category: CodeCategory, code: string) => boolean): Uint8Array {
  const t = new Uint8Array(256);
  for (const c of REGISTER_CODES) t[c.id] = test(c.category, c.code) ? 1 : 0;
  return t;
}

/** Counts toward possible sessions (attendance or absence). */
export const IS_POSSIBLE = table(
  (c) => c === 'present' || c === 'approved-activity' || c === 'authorised' || c === 'unauthorised',
);
/** Counts as attendance: present (/ \ L) or an approved educational activity (K V P W B, and J before 2024). */
export const IS_ATTENDANCE = table((c) => c === 'present' || c === 'approved-activity');
export const IS_PRESENT = table((c) => c === 'present');
export const IS_APPROVED_ACTIVITY = table((c) => c === 'approved-activity');
export const IS_AUTHORISED = table((c) => c === 'authorised');
export const IS_UNAUTHORISED = table((c) => c === 'unauthorised');
/** Overall absence: authorised plus unauthorised. */
export const IS_ABSENCE = table((c) => c === 'authorised' || c === 'unauthorised');

/**
 * A 0/1 table for an explicit list of codes, e.g. the penalty threshold's G N O U: a new table each call
 * (256 bytes, about a microsecond), so no caller can change another's and rules/ keeps no cache. Callers
 * that read it in a loop build it once before the loop.
 *
 * @example
 * const counted = codeSetTable(['G', 'N', 'O', 'U']);
 * counted[findRegisterCode('G')!.id] // => 1
 * counted[findRegisterCode('I')!.id] // => 0
 */
export function codeSetTable(codes: readonly string[]): Uint8Array {
  const wanted = new Set(codes);
  return table((_, code) => wanted.has(code));
}

/** Small integer per category, so a single pass can count all categories into one array. */
export const CATEGORY_INDEX: Readonly<Record<CodeCategory, number>> = Object.freeze({
  present: 0,
  'approved-activity': 1,
  authorised: 2,
  unauthorised: 3,
  'not-possible': 4,
  'not-collected': 5,
  'no-mark': 6,
});
export const CATEGORY_OF_ID = (() => {
  const t = new Uint8Array(256).fill(CATEGORY_INDEX['no-mark']);
  for (const c of REGISTER_CODES) t[c.id] = CATEGORY_INDEX[c.category];
  return t;
})();
