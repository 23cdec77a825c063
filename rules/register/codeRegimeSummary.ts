import { CODES_2024_FROM, REGISTER_CODES } from '../codes/registerCodes.ts';
import { type Register } from './register.ts';

export interface CodeRegimeSummary {
  /** Open sessions dated before 19 August 2024, read with the 2006 code set and its statistical treatment. */
  sessionsBefore2024: number;
  firstDate?: string;
  lastDate?: string;
  /** Marks of codes withdrawn in 2024 (H F J Y), by code. */
  withdrawnCodes: Record<string, number>;
}

const WITHDRAWN = REGISTER_CODES.filter((c) => !c.regimes.includes('2024'));

/**
 * How much of a register predates the 2024 code set. Those sessions are read as the 2006 Regs had them (H
 * and F authorised, J an approved educational activity, Y not a possible session), and people reading the
 * figures should be told, because the same marks would count differently today.
 */
export function codeRegimeSummary(register: Register): CodeRegimeSummary {
  const { calendar, marks } = register;
  const n = calendar.sessionCount;
  let before = 0;
  while (before < n && calendar.sessionDate[before] < CODES_2024_FROM) before++;
  const summary: CodeRegimeSummary = { sessionsBefore2024: before, withdrawnCodes: {} };
  if (before === 0) return summary;
  summary.firstDate = calendar.sessionDate[0];
  summary.lastDate = calendar.sessionDate[before - 1];
  const tally = new Uint32Array(256);
  for (let p = 0; p < register.pupils.length; p++) {
    for (let s = p * n, end = p * n + before; s < end; s++) tally[marks[s]]++;
  }
  for (const code of WITHDRAWN) if (tally[code.id] > 0) summary.withdrawnCodes[code.code] = tally[code.id];
  return summary;
}

/** The sentence the CLI and cards show when a register has pre-2024 sessions; undefined when it has none. */
export function codeRegimeNote(summary: CodeRegimeSummary): string | undefined {
  if (summary.sessionsBefore2024 === 0) return undefined;
  const withdrawn = Object.entries(summary.withdrawnCodes).map(([c, k]) => `${k} ${c}`);
  return (
    `${summary.sessionsBefore2024} sessions from ${summary.firstDate} to ${summary.lastDate} predate the 2024 register codes (${CODES_2024_FROM}) ` +
    `and were read with the 2006 codes and their treatment then (H and F authorised absence, J an approved educational activity, Y not a possible session)` +
    (withdrawn.length > 0 ? `; withdrawn codes found: ${withdrawn.join(', ')}.` : '.')
  );
}
