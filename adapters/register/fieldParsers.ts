import { isIsoDate } from '../../rules/index.ts';

export type FieldParse<T> = { ok: true; value: T } | { ok: false; problem: string };

/** A date written ISO (2025-03-14) or the UK way (14/03/2025, 14-03-2025, 14.03.2025). */
export function parseDateField(raw: string): FieldParse<string> {
  const text = raw.trim();
  if (isIsoDate(text)) return { ok: true, value: text };
  const uk = /^(\d{1,2})[/.-](\d{1,2})[/.-](\d{4})$/.exec(text);
  if (uk) {
    const iso = `${uk[3]}-${uk[2].padStart(2, '0')}-${uk[1].padStart(2, '0')}`;
    if (isIsoDate(iso)) return { ok: true, value: iso };
  }
  return { ok: false, problem: `${JSON.stringify(text)} is not a date (write YYYY-MM-DD or DD/MM/YYYY)` };
}

const TRUE = new Set(['y', 'yes', 'true', '1', 't']);
const FALSE = new Set(['n', 'no', 'false', '0', 'f']);

/** Yes/no flags as MIS exports write them; blank means the roster does not say. */
export function parseFlagField(raw: string | undefined): FieldParse<boolean | undefined> {
  const text = (raw ?? '').trim().toLowerCase();
  if (text === '') return { ok: true, value: undefined };
  if (TRUE.has(text)) return { ok: true, value: true };
  if (FALSE.has(text)) return { ok: true, value: false };
  return { ok: false, problem: `${JSON.stringify(raw)} is not yes or no (use Y/N, yes/no, true/false or 1/0)` };
}

/** SEN provision: N (none), K (SEN support) or E (EHC plan), in the words MIS exports use. */
export function parseSenField(raw: string | undefined): FieldParse<'none' | 'support' | 'ehcp' | undefined> {
  const text = (raw ?? '').trim().toLowerCase();
  if (text === '') return { ok: true, value: undefined };
  if (['n', 'none', 'no', 'false', '0'].includes(text)) return { ok: true, value: 'none' };
  if (['k', 'support', 'sen support', 'k - sen support', 'senk', 'yes', 'y'].includes(text))
    return { ok: true, value: 'support' };
  if (['e', 'ehcp', 'ehc plan', 'e - ehc plan', 'education, health and care plan', 'statement', 's'].includes(text))
    return { ok: true, value: 'ehcp' };
  return {
    ok: false,
    problem: `${JSON.stringify(raw)} is not an SEN provision (N, K for SEN support, or E for an EHC plan)`,
  };
}

const YEAR_GROUP = /^(?:N1|N2|R|[1-9]|1[0-4])$/;

/** National curriculum year: N1, N2, R, or 1 to 14 ("Year 9", "Y9" and "09" accepted). */
export function parseYearGroupField(raw: string): FieldParse<string> {
  const text = raw
    .trim()
    .toUpperCase()
    .replace(/^(?:YEAR|YR|Y)\s*/, '')
    .replace(/^RECEPTION$/, 'R')
    .replace(/^0(\d)$/, '$1');
  if (YEAR_GROUP.test(text)) return { ok: true, value: text };
  return { ok: false, problem: `${JSON.stringify(raw)} is not a year group (R, 1 to 14, N1 or N2)` };
}

/**
 * A local authority as its DfE three-digit number ("831"); blank means the roster does not say. A number
 * written with fewer digits ("94" for "094") is a spreadsheet's doing, so it is padded back.
 */
export function parseLaCodeField(raw: string | undefined): FieldParse<string | undefined> {
  const value = (raw ?? '').trim();
  if (value === '') return { ok: true, value: undefined };
  if (!/^\d{1,3}$/.test(value))
    return { ok: false, problem: `"${value}" is not a local authority number; expected three digits such as 831` };
  return { ok: true, value: value.padStart(3, '0') };
}
