import { describe, expect, it } from 'vitest';
import { bundleWithMarks, codeAt, read, strictProblems, UPN1, UPN2 } from './canonicalBundle.ts';
import { fixtureUpn } from '../../support/registerFixture.ts';

const HEADER = 'upn,date,session,code';

describe('bad rows in marks.csv', () => {
  it('reports every bad row as file:line: field: message with the line it is on', () => {
    const dir = bundleWithMarks(
      [
        HEADER,
        `${UPN1},2025-09-03,AM,/`,
        `${UPN1},2025-09-03,PM,Q9`,
        '',
        `X820123425001,2025-09-04,AM,/`,
        `${UPN2},2025-02-30,AM,/`,
        `${UPN2},2025-09-04,EVE,/`,
        `${fixtureUpn(9)},2025-09-04,AM,/`,
        `${UPN2},2025-09-05,AM,H`,
      ].join('\r\n'),
    );
    const problems = strictProblems(dir);
    expect(problems).toEqual([
      expect.stringMatching(/^marks\.csv:3: code: unknown register code "Q9"/),
      expect.stringMatching(/^marks\.csv:5: upn: UPN X820123425001 has check letter X/),
      expect.stringMatching(/^marks\.csv:6: date: "2025-02-30" is not a date/),
      expect.stringMatching(/^marks\.csv:7: session: "EVE" is not a session/),
      expect.stringMatching(new RegExp(`^marks\\.csv:8: upn: UPN ${fixtureUpn(9)} is not in pupils\\.csv`)),
      expect.stringMatching(/^marks\.csv:9: code: code H was withdrawn on 2024-08-19/),
    ]);
  });

  it('counts lines inside a BOM file and after blank lines exactly', () => {
    const dir = bundleWithMarks(`\uFEFF${HEADER}\n\n\n${UPN1},2025-09-03,AM,ZZ\n`);
    expect(strictProblems(dir)).toEqual([expect.stringMatching(/^marks\.csv:4: code: /)]);
  });

  it('reports a mark on a day the calendar has no session', () => {
    const dir = bundleWithMarks(
      `${HEADER}\n${UPN1},2025-09-06,AM,/\n${UPN1},2025-10-28,AM,/\n${UPN1},2025-11-03,PM,N\n`,
    );
    expect(strictProblems(dir)).toEqual([
      expect.stringMatching(/^marks\.csv:2: date: 2025-09-06 AM is not a school session/),
      expect.stringMatching(/^marks\.csv:3: date: 2025-10-28 is outside every term/),
      expect.stringMatching(
        /^marks\.csv:4: date: 2025-11-03 PM is a closure in the calendar \(INSET day\), but the row records N/,
      ),
    ]);
  });

  it('accepts # and blank marks on closed days as nothing to add', () => {
    const dir = bundleWithMarks(
      `${HEADER}\n${UPN1},2025-09-03,AM,/\n${UPN1},2025-11-03,AM,#\n${UPN1},2025-09-06,PM,\n`,
    );
    const result = read(dir);
    expect(result.report.redundantMarks).toBe(2);
    expect(result.report.rowsRejected).toBe(0);
  });

  it('stops on two different marks for one session, naming both lines', () => {
    const dir = bundleWithMarks(
      `${HEADER}\n${UPN1},2025-09-03,AM,N\n${UPN2},2025-09-03,AM,/\n${UPN1},2025-09-03,AM,I\n`,
    );
    expect(strictProblems(dir)).toEqual([
      `marks.csv:4: code: a second mark for ${UPN1} on 2025-09-03 AM: I here, N on line 2`,
    ]);
  });

  it('counts an identical repeat of a mark as redundant, not a problem', () => {
    const dir = bundleWithMarks(`${HEADER}\n${UPN1},2025-09-03,AM,N\n${UPN1},03/09/2025,am,N\n`);
    const result = read(dir);
    expect(result.report.redundantMarks).toBe(1);
    expect(codeAt(result, UPN1, '2025-09-03', 'AM')).toBe('N');
  });

  it('treats a blank mark followed by a code for the same session as a conflict', () => {
    const dir = bundleWithMarks(`${HEADER}\n${UPN1},2025-09-03,AM,\n${UPN1},2025-09-03,AM,O\n`);
    expect(strictProblems(dir)).toEqual([
      `marks.csv:3: code: a second mark for ${UPN1} on 2025-09-03 AM: O here, - on line 2`,
    ]);
  });
});

describe('lenient reading', () => {
  it('loads the good rows and returns each rejected row untouched with its reasons', () => {
    const dir = bundleWithMarks(
      [
        HEADER,
        `${UPN1},2025-09-03,AM,N`,
        ` ${UPN1} ,"2025-09-03",PM,"Q9"`,
        `${UPN2},2025-09-04,XX,/`,
        `${UPN1},2025-09-03,AM,O`,
        `${UPN2},2025-09-04,AM,I`,
        '',
      ].join('\n'),
    );
    const { register, report } = read(dir, { lenient: true });
    expect(report.rowsRead).toBe(2 + 5);
    expect(report.rowsRejected).toBe(3);
    expect(report.rowsLoaded).toBe(report.rowsRead - report.rowsRejected);
    expect(report.rejects.map((r) => [r.file, r.line, r.raw])).toEqual([
      ['marks.csv', 3, [UPN1, '2025-09-03', 'PM', 'Q9']],
      ['marks.csv', 4, [UPN2, '2025-09-04', 'XX', '/']],
      ['marks.csv', 5, [UPN1, '2025-09-03', 'AM', 'O']],
    ]);
    expect(report.rejects[0].reasons).toEqual([expect.stringMatching(/^code: unknown register code "Q9"/)]);
    expect(report.rejects[2].reasons).toEqual([expect.stringMatching(/^code: a second mark/)]);
    expect(codeAt({ register, report }, UPN1, '2025-09-03', 'AM')).toBe('N');
    expect(codeAt({ register, report }, UPN2, '2025-09-04', 'AM')).toBe('I');
  });

  it('reports a thousand scattered bad rows, each with its line, and loads exactly the rest', () => {
    const lines = [HEADER];
    const bad: number[] = [];
    const dates = [
      '2025-09-03',
      '2025-09-04',
      '2025-09-05',
      '2025-09-08',
      '2025-09-09',
      '2025-09-10',
      '2025-09-11',
      '2025-09-12',
    ];
    for (let i = 0; i < 3000; i++) {
      const upn = fixtureUpn((i % 2) + 1);
      const date = dates[Math.floor(i / 2) % dates.length];
      // Only the first pass over the dates is good; every third row is made bad, the rest repeat.
      if (i % 3 === 1) {
        lines.push(`${upn},${date},AM,ZZ`);
        bad.push(lines.length);
      } else lines.push(`${upn},${date},${Math.floor(i / 16) % 2 === 0 ? 'AM' : 'PM'},/`);
    }
    const dir = bundleWithMarks(`${lines.join('\n')}\n`);
    expect(strictProblems(dir).filter((p) => p.includes('unknown register code'))).toHaveLength(1000);
    const { report } = read(dir, { lenient: true });
    expect(
      report.rejects.filter((r) => r.reasons.some((x) => x.includes('unknown register code'))).map((r) => r.line),
    ).toEqual(bad);
    expect(report.rowsLoaded + report.rowsRejected).toBe(report.rowsRead);
  });
});
