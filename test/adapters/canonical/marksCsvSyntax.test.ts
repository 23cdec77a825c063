import { describe, expect, it } from 'vitest';
import { bundleWithMarks, codeAt, read, strictProblems, UPN1, UPN2 } from './canonicalBundle.ts';

const HEADER = 'upn,date,session,code';

describe('marks.csv as schools write it', () => {
  it('reads a file that starts with a byte-order mark', () => {
    const dir = bundleWithMarks(`\uFEFF${HEADER}\n${UPN1},2025-09-03,AM,N\n`);
    expect(codeAt(read(dir), UPN1, '2025-09-03', 'AM')).toBe('N');
  });

  it('reads quoted fields, including a quoted backslash and a quote-escaped cell', () => {
    const dir = bundleWithMarks(
      `"upn","date","session","code"\n"${UPN1}","2025-09-03","AM","/"\n"${UPN1}","2025-09-03","PM","\\"\n${UPN2},"2025-09-04",PM,"I"\n`,
    );
    const result = read(dir);
    expect(codeAt(result, UPN1, '2025-09-03', 'AM')).toBe('/');
    expect(codeAt(result, UPN1, '2025-09-03', 'PM')).toBe('\\');
    expect(codeAt(result, UPN2, '2025-09-04', 'PM')).toBe('I');
  });

  it('reads Windows line endings (CRLF)', () => {
    const dir = bundleWithMarks(`${HEADER}\r\n${UPN1},2025-09-03,AM,/\r\n${UPN1},2025-09-03,PM,\\\r\n`);
    const result = read(dir);
    expect(codeAt(result, UPN1, '2025-09-03', 'PM')).toBe('\\');
    expect(result.report.rowsLoaded).toBe(2 + 2);
  });

  it('ignores blank trailing lines and blank lines between rows', () => {
    const dir = bundleWithMarks(`${HEADER}\n${UPN1},2025-09-03,AM,L\n\n${UPN1},2025-09-03,PM,U\n\n\n`);
    const result = read(dir);
    expect(codeAt(result, UPN1, '2025-09-03', 'AM')).toBe('L');
    expect(codeAt(result, UPN1, '2025-09-03', 'PM')).toBe('U');
    expect(result.report.rowsRead).toBe(2 + 2);
  });

  it('accepts UK dates, lower-case sessions and codes, spaces around cells and columns in any order', () => {
    const dir = bundleWithMarks(
      `Code, Session ,Date,UPN\n m ,am,04/09/2025, ${UPN2.toLowerCase()}\nc1,Pm,2025-09-04,${UPN2}\n`,
    );
    const result = read(dir);
    expect(codeAt(result, UPN2, '2025-09-04', 'AM')).toBe('M');
    expect(codeAt(result, UPN2, '2025-09-04', 'PM')).toBe('C1');
  });

  it('reads a blank code as no mark and keeps extra columns out of the way', () => {
    const dir = bundleWithMarks(
      `${HEADER},comment\n${UPN1},2025-09-03,AM,,no mark yet\n${UPN1},2025-09-03,PM,I,"ill, sent home"\n`,
    );
    const result = read(dir);
    expect(codeAt(result, UPN1, '2025-09-03', 'AM')).toBe('-');
    expect(codeAt(result, UPN1, '2025-09-03', 'PM')).toBe('I');
  });

  it('stops on a missing column, naming it against the header line', () => {
    const dir = bundleWithMarks(`upn,date,code\n${UPN1},2025-09-03,N\n`);
    expect(strictProblems(dir)).toEqual([expect.stringMatching(/^marks\.csv:1: session: missing column "session"/)]);
  });

  it('stops on a quote that is never closed, naming the line it opened on', () => {
    const dir = bundleWithMarks(`${HEADER}\n${UPN1},2025-09-03,AM,/\n${UPN1},"2025-09-03,PM,\\\n`);
    expect(strictProblems(dir)).toEqual([expect.stringMatching(/^marks\.csv:3: \(file\): .*never closed/)]);
  });

  it('stops on an empty file', () => {
    expect(strictProblems(bundleWithMarks(''))).toEqual([
      expect.stringMatching(/^marks\.csv:1: \(header\): the file is empty/),
    ]);
  });
});
