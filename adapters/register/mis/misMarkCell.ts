import { parseRegisterCode } from '../../../rules/index.ts';
import { type SessionName, type SourceRow } from '../../import/sourceRows.ts';

/**
 * Adds one session's mark to a row. A blank cell, `-` (SIMS's "no mark entered") or a space is no mark
 * and adds nothing: an unmarked session in an export never overwrites a mark already held.
 */
export function addMark(row: SourceRow, field: string, rawCode: string, date: string, session: SessionName): void {
  const text = rawCode.trim();
  if (text === '' || text === '-') return;
  const code = parseRegisterCode(text, date);
  if (!code.ok) {
    row.problems.push({ field, message: `${code.problem} (${date} ${session})` });
    return;
  }
  row.marks.push({ date, session, codeId: code.code.id, code: code.code.code, field });
}

const SESSION_WORDS: Record<string, SessionName> = {
  am: 'AM',
  pm: 'PM',
  morning: 'AM',
  afternoon: 'PM',
  'a.m.': 'AM',
  'p.m.': 'PM',
};

/** AM or PM as an export writes it; undefined for anything else. */
export function parseSessionName(raw: string): SessionName | undefined {
  return SESSION_WORDS[raw.trim().toLowerCase()];
}
