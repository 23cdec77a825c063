import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { importRegisterFiles } from '../../../adapters/import/importRegisterFiles.ts';
import type { RegisterInputError } from '../../../adapters/register/inputProblems.ts';
import { readRegisterBundle } from '../../../adapters/register/readRegisterBundle.ts';
import { AUTUMN_2025, fixtureUpn, writeBundle } from '../../support/registerFixture.ts';
import { tempDir, writeText } from './importFixtures.ts';

const SEEN = '2025-09-12T08:00:00.000Z';

/** A canonical bundle of two pupils marked present to 5 September 2025, as the product already holds it. */
function existingBundle(): string {
  return writeBundle(join(tempDir(), 'bundle'), {
    calendar: AUTUMN_2025,
    pupils: [{ marksUntil: '2025-09-05' }, { marksUntil: '2025-09-05', usual: 'N' }],
  });
}

describe('importing into an existing bundle', () => {
  it("knows the bundle's pupils, so an export with only UPN and marks needs no pupils file", () => {
    const into = existingBundle();
    const calendarBefore = readFileSync(join(into, 'calendar.json'), 'utf8');
    const marks = writeText(
      tempDir(),
      'arbor.csv',
      `UPN,Date,AM,PM\n${fixtureUpn(1)},08/09/2025,/,\\\n${fixtureUpn(2)},08/09/2025,I,I\n`,
    );
    const result = importRegisterFiles([marks], { into, seenAt: SEEN });
    expect(result).toMatchObject({ pupils: 2, pupilsAdded: 0, marksAdded: 4, amendments: [] });
    expect(readFileSync(join(into, 'calendar.json'), 'utf8')).toBe(calendarBefore);
    expect(readRegisterBundle(into).register.pupils[1]).toMatchObject({ upn: fixtureUpn(2), givenName: 'Pupil2' });
  });

  it('calls a mark for someone neither in the bundle nor named by the row an unknown pupil', () => {
    const into = existingBundle();
    const marks = writeText(tempDir(), 'arbor.csv', `UPN,Date,AM,PM\n${fixtureUpn(7)},08/09/2025,/,\\\n`);
    const result = importRegisterFiles([marks], { into, seenAt: SEEN, lenient: true });
    expect(result.rejected[0].problems).toEqual([
      {
        field: 'UPN',
        message: `unknown pupil: UPN ${fixtureUpn(7)}: it is not in the bundle and this row does not name the pupil`,
      },
    ]);
  });

  it("checks marks against the bundle's calendar: half-term is outside it", () => {
    const into = existingBundle();
    const marks = writeText(tempDir(), 'arbor.csv', `UPN,Date,AM,PM\n${fixtureUpn(1)},27/10/2025,/,\\\n`);
    try {
      importRegisterFiles([marks], { into, seenAt: SEEN });
      expect.unreachable();
    } catch (error) {
      expect(
        (error as RegisterInputError).problems.map((p) => `${p.file}:${p.line}: ${p.field}: ${p.message}`),
      ).toEqual([
        "arbor.csv:2: Date: 2025-10-27 is outside the calendar's terms (AM /)",
        "arbor.csv:2: Date: 2025-10-27 is outside the calendar's terms (PM \\)",
      ]);
    }
  });

  it('refuses a new calendar that would drop marks the bundle already holds, even when lenient', () => {
    const into = existingBundle();
    const dir = tempDir();
    const calendar = writeText(
      dir,
      'late-start.json',
      JSON.stringify({ terms: [{ name: 'Autumn 1', start: '2025-09-05', end: '2025-10-24' }] }),
    );
    const marks = writeText(dir, 'arbor.csv', `UPN,Date,AM,PM\n${fixtureUpn(1)},08/09/2025,/,\\\n`);
    const before = readFileSync(join(into, 'marks.csv'), 'utf8');
    expect(() => importRegisterFiles([marks], { into, calendar, seenAt: SEEN, lenient: true })).toThrow(
      /8 marks already in the bundle fall outside the new calendar \(first: .* 2025-09-03 AM\)/,
    );
    expect(readFileSync(join(into, 'marks.csv'), 'utf8')).toBe(before);
  });

  it('leaves a bundle that does not load alone, reporting its problems', () => {
    const into = existingBundle();
    writeFileSync(
      join(into, 'marks.csv'),
      `${readFileSync(join(into, 'marks.csv'), 'utf8')}${fixtureUpn(1)},2025-09-08,AM,Q9\n`,
    );
    const marks = writeText(tempDir(), 'arbor.csv', `UPN,Date,AM,PM\n${fixtureUpn(1)},08/09/2025,/,\\\n`);
    expect(() => importRegisterFiles([marks], { into, seenAt: SEEN })).toThrow(
      /marks\.csv:\d+: code: unknown register code "Q9"/,
    );
  });
});

describe('importing a CTF with no calendar anywhere', () => {
  it('derives the calendar from the marks and keeps no weekend # marks', () => {
    const into = join(tempDir(), 'bundle');
    const result = importRegisterFiles([join(import.meta.dirname, '../../fixtures/mis/ctf-25.xml')], {
      into,
      seenAt: SEEN,
    });
    expect(result.redundantMarks).toBe(4 + 12); // pupil 1: one weekend; pupil 3: three weekends over Christmas
    const marks = readFileSync(join(into, 'marks.csv'), 'utf8');
    expect(marks).not.toMatch(/2025-09-0[67]/);
    const { register, report } = readRegisterBundle(into);
    expect(register.calendar.dayDate.slice(0, 4)).toEqual(['2025-09-03', '2025-09-04', '2025-09-05', '2025-09-08']);
    expect(report.notes.join(' ')).toMatch(/No calendar\.json/);
  });
});

describe('importing a folder that is also the bundle', () => {
  it("never reads the bundle's own files as exports", () => {
    const dir = tempDir();
    writeText(
      dir,
      'export.csv',
      `UPN,Surname,Forename,DOB,Year,Date,AM,PM\n${fixtureUpn(1)},A,B,01/01/2016,4,03/09/2025,/,\\\n`,
    );
    importRegisterFiles([dir], { into: dir, seenAt: SEEN });
    const again = importRegisterFiles([dir], { into: dir, seenAt: SEEN });
    expect(again.files.map((f) => f.file)).toEqual(['export.csv']);
    expect(again).toMatchObject({ marksAdded: 0, marksUnchanged: 2 });
  });
});
