import { findRegisterCode } from '../../rules/index.ts';
import { type WondeAttendanceCode } from './wondeSchemas.ts';

/** A Wonde attendance code no DfE code could be matched to, with how many of the fetched marks use it. */
export interface UnknownWondeCode {
  id: string;
  code: string;
  description?: string;
  marks: number;
}

export interface WondeCodeMap {
  /** Wonde code id to the DfE register code it is. */
  dfeCode: ReadonlyMap<string, string>;
  /** Wonde code id to the code as Wonde lists it, for those not matched. */
  unmatched: ReadonlyMap<string, WondeAttendanceCode>;
}

/**
 * Matches Wonde's attendance codes to the national codes. Wonde passes each school's register marks on as
 * the statutory codes (the DfE collects its daily attendance data through Wonde, as codes), so a Wonde code
 * whose `code` is a DfE code is that code. Anything else (a school's local code, a code retired before the
 * register's date is caught later, by the register reader) is left unmatched and reported with its
 * description: guessing which DfE code a local code stands for would put a wrong category into the
 * statistics and the legal measures.
 */
export function mapWondeCodes(codes: readonly WondeAttendanceCode[]): WondeCodeMap {
  const dfeCode = new Map<string, string>();
  const unmatched = new Map<string, WondeAttendanceCode>();
  for (const code of codes) {
    const known = findRegisterCode(code.code.trim());
    if (known) dfeCode.set(code.id, known.code);
    else unmatched.set(code.id, code);
  }
  return { dfeCode, unmatched };
}
