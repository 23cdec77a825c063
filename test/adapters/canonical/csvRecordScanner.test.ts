import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { recordCells, scanCsvFile } from '../../../adapters/register/csvRecordScanner.ts';

const dir = mkdtempSync(join(tmpdir(), 'scanner-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));
let files = 0;

/** Every record of `text` as [line, cells], read in chunks of `chunkBytes`. */
function scanText(text: string | Buffer, chunkBytes?: number) {
  const path = join(dir, `f${files++}.csv`);
  writeFileSync(path, text);
  const records: [number, string[]][] = [];
  const result = scanCsvFile(path, (view) => records.push([view.line, recordCells(view)]), { chunkBytes });
  return { records, result };
}

const SAMPLE =
  '\uFEFFupn, date ,session,code\r\n\r\nA1,2025-09-03,AM,/\r\n"A2","2025-09-03","PM","\\"\r\nA3,"a ""quoted"", cell",PM,I\r\n"multi\nline",x,PM,L\nA5,2025-09-04,AM,N\n\n  \n';
const EXPECTED: [number, string[]][] = [
  [1, ['upn', 'date', 'session', 'code']],
  [3, ['A1', '2025-09-03', 'AM', '/']],
  [4, ['A2', '2025-09-03', 'PM', '\\']],
  [5, ['A3', 'a "quoted", cell', 'PM', 'I']],
  [6, ['multi\nline', 'x', 'PM', 'L']],
  [8, ['A5', '2025-09-04', 'AM', 'N']],
];

describe('scanCsvFile', () => {
  it('reads BOM, CRLF, quoted cells with commas, doubled quotes and line breaks, and skips blank lines, keeping line numbers', () => {
    expect(scanText(SAMPLE).records).toEqual(EXPECTED);
  });

  it('gives the same records whatever the read size, so no record is split at a chunk boundary', () => {
    for (const chunk of [4, 5, 7, 16, 33]) expect(scanText(SAMPLE, chunk).records, `chunk ${chunk}`).toEqual(EXPECTED);
  });

  it('reads a last line with no line end', () => {
    expect(scanText('a,b\n1,2').records).toEqual([
      [1, ['a', 'b']],
      [2, ['1', '2']],
    ]);
  });

  it('keeps a stray quote inside an unquoted cell as a character', () => {
    expect(scanText('a,b\nx"y,2\n').records).toEqual([
      [1, ['a', 'b']],
      [2, ['x"y', '2']],
    ]);
  });

  it('reports a quote never closed against the line it opened on', () => {
    const { result } = scanText('a,b\n1,2\n3,"open\n4,5\n');
    expect(result.fileProblem).toEqual({ line: 3, message: expect.stringContaining('never closed') });
  });

  it('counts records, the header included', () => {
    expect(scanText(SAMPLE).result.records).toBe(6);
  });
});
