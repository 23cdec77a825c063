import { mkdirSync, writeFileSync } from 'node:fs';
import { dirname } from 'node:path';
import { csvLine } from '../register/csvText.ts';
import { type SourceRow } from './sourceRows.ts';

export const REJECTS_HEADER = ['source_file', 'line', 'problems', 'original_row'] as const;

/**
 * Writes each rejected row with where it came from and everything wrong with it. The original row is the
 * last column, exactly as it was read (CSV-quoted, so reading the file back gives the text byte for byte),
 * so the school can correct it and import it again.
 */
export function writeRejectsFile(path: string, rejected: readonly SourceRow[]): void {
  const lines = [csvLine(REJECTS_HEADER)];
  for (const row of rejected) {
    lines.push(
      csvLine([row.file, String(row.line), row.problems.map((p) => `${p.field}: ${p.message}`).join('; '), row.raw]),
    );
  }
  mkdirSync(dirname(path), { recursive: true });
  writeFileSync(path, `${lines.join('\n')}\n`);
}
