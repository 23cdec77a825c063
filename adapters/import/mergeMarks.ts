import { registerCodeById } from '../../rules/index.ts';
import { sessionKey, type PupilMarks } from './sessionKey.ts';
import { type SessionName, type SourceRow } from './sourceRows.ts';

/**
 * A mark changed by a later import. The regulations require an amended register entry to keep the
 * original (2024 Regs; seed 001: "Any amendment to the attendance register will include the original
 * entry…"), so the replaced code is recorded here, never overwritten away.
 */
export interface Amendment {
  upn: string;
  date: string;
  session: SessionName;
  originalCode: string;
  newCode: string;
  /** When the import saw the change (ISO timestamp). */
  seenAt: string;
  sourceFile: string;
}

export interface MergeCounts {
  added: number;
  unchanged: number;
  amendments: Amendment[];
}

/**
 * Puts the loaded rows' marks into the register being built: a new session is added, the same mark again
 * is left alone (re-importing an export duplicates nothing), and a different mark replaces the old one
 * with an amendment record of both.
 */
export function mergeMarks(into: PupilMarks, rows: readonly SourceRow[], seenAt: string): MergeCounts {
  const counts: MergeCounts = { added: 0, unchanged: 0, amendments: [] };
  const dayNumbers = new Map<string, number>();
  for (const row of rows) {
    const upn = row.pupil.upn!;
    let own = into.get(upn);
    if (!own) into.set(upn, (own = new Map()));
    for (const mark of row.marks) {
      const key = sessionKey(mark.date, mark.session, dayNumbers);
      const current = own.get(key);
      if (current === undefined) counts.added++;
      else if (current === mark.codeId) {
        counts.unchanged++;
        continue;
      } else {
        counts.amendments.push({
          upn,
          date: mark.date,
          session: mark.session,
          originalCode: registerCodeById(current).code,
          newCode: mark.code,
          seenAt,
          sourceFile: row.file,
        });
      }
      own.set(key, mark.codeId);
    }
  }
  return counts;
}
