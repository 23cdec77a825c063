import { copyFileSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import fc from 'fast-check';
import { afterAll, describe, expect, it } from 'vitest';
import { importRegisterFiles } from '../../../adapters/import/importRegisterFiles.ts';
import { RegisterInputError } from '../../../adapters/register/inputProblems.ts';
import { readRegisterBundle } from '../../../adapters/register/readRegisterBundle.ts';
import { bundleWithMarks } from '../canonical/canonicalBundle.ts';
import { tempDir, writeAutumnCalendar } from '../import/importFixtures.ts';

/**
 * Property tests of every reader an import or a bundle goes through: the files are mutated byte by byte
 * (fast-check shrinks a failure to the smallest mutation that causes it) and each read must end in a
 * result whose rows add up or in a RegisterInputError whose every problem is located. Runs are bounded so
 * the suite stays quick; the mutations are small because a small change is the hard case to notice.
 */

const RUNS = 60;
const fixture = (name: string) => join(import.meta.dirname, '../../fixtures/mis', name);
const dirs: string[] = [];
afterAll(() => {
  for (const d of dirs.splice(0)) rmSync(d, { recursive: true, force: true });
});

type Mutation =
  | { kind: 'delete'; at: number; length: number }
  | { kind: 'insert'; at: number; bytes: Uint8Array }
  | { kind: 'replace'; at: number; byte: number };

// The bytes that matter to these formats, and random ones (a lone 0xFF or 0xEB is not UTF-8).
const TOKENS = [
  ',',
  '"',
  '\n',
  '\r\n',
  '\\',
  '#',
  ' ',
  '\uFEFF',
  'é',
  '1900-',
  '2205',
  'AM',
  'PM',
  'N',
  '<',
  '>',
  '</Pupil>',
  '<Pupil>',
  ',,',
];
const mutation: fc.Arbitrary<Mutation> = fc.oneof(
  fc.record({ kind: fc.constant('delete' as const), at: fc.nat(), length: fc.integer({ min: 1, max: 12 }) }),
  fc.record({
    kind: fc.constant('insert' as const),
    at: fc.nat(),
    bytes: fc.uint8Array({ minLength: 1, maxLength: 4 }),
  }),
  fc.record({
    kind: fc.constant('insert' as const),
    at: fc.nat(),
    bytes: fc.constantFrom(...TOKENS).map((t) => new Uint8Array(Buffer.from(t))),
  }),
  fc.record({ kind: fc.constant('replace' as const), at: fc.nat(), byte: fc.integer({ min: 0, max: 255 }) }),
);
const mutations = fc.array(mutation, { minLength: 1, maxLength: 4 });

function mutate(original: Buffer, changes: readonly Mutation[]): Buffer {
  let bytes = original;
  for (const m of changes) {
    const at = m.at % (bytes.length + 1);
    if (m.kind === 'delete') bytes = Buffer.concat([bytes.subarray(0, at), bytes.subarray(at + m.length)]);
    else if (m.kind === 'insert') bytes = Buffer.concat([bytes.subarray(0, at), m.bytes, bytes.subarray(at)]);
    else if (at < bytes.length) {
      bytes = Buffer.from(bytes);
      bytes[at] = m.byte;
    }
  }
  return bytes;
}

/** A read that failed must say where: every problem names a file, a line (0 for the file as a whole), a field and what is wrong. */
function expectLocated(error: unknown, files: readonly string[]): RegisterInputError {
  if (!(error instanceof RegisterInputError)) throw error; // anything else is a crash
  expect(error.problems.length).toBeGreaterThan(0);
  // A message may quote a replacement mark only where the same line is reported as not UTF-8.
  const notUtf8 = new Set(
    error.problems.filter((p) => /not valid UTF-8/.test(p.message)).map((p) => `${p.file}:${p.line}`),
  );
  for (const p of error.problems) {
    expect(files).toContain(p.file);
    expect(Number.isInteger(p.line) && p.line >= 0).toBe(true);
    expect(p.field.trim()).not.toBe('');
    expect(p.message.trim()).not.toBe('');
    if (p.message.includes('\uFFFD')) expect(notUtf8).toContain(`${p.file}:${p.line}`);
  }
  return error;
}

describe('property: a mutated register bundle', () => {
  const pristine = bundleWithMarks();
  dirs.push(pristine);
  const original = {
    'marks.csv': readFileSync(join(pristine, 'marks.csv')),
    'pupils.csv': readFileSync(join(pristine, 'pupils.csv')),
    'calendar.json': readFileSync(join(pristine, 'calendar.json')),
  };
  const BUNDLE_FILES = ['marks.csv', 'pupils.csv', 'calendar.json'];

  it('never crashes: strict and lenient reads load rows that add up, or stop with every problem located', () => {
    const dir = bundleWithMarks();
    dirs.push(dir);
    fc.assert(
      fc.property(fc.constantFrom(...BUNDLE_FILES), mutations, (name, changes) => {
        for (const [file, bytes] of Object.entries(original)) writeFileSync(join(dir, file), bytes);
        writeFileSync(join(dir, name), mutate(original[name as keyof typeof original], changes));
        for (const lenient of [false, true]) {
          try {
            const { report } = readRegisterBundle(dir, { lenient });
            expect(report.rowsRead).toBe(report.rowsLoaded + report.rowsRejected);
            if (!lenient) expect(report.rowsRejected).toBe(0);
            for (const r of report.rejects) {
              expect(BUNDLE_FILES).toContain(r.file);
              expect(r.line).toBeGreaterThan(0);
              expect(r.reasons.length).toBeGreaterThan(0);
            }
          } catch (error) {
            expectLocated(error, BUNDLE_FILES);
          }
        }
      }),
      { numRuns: RUNS },
    );
  });

  /** marks.csv's data rows as [line, text]. */
  const markRows = () =>
    original['marks.csv']
      .toString('utf8')
      .split('\n')
      .map((text, i) => [i + 1, text.replace(/\r$/, '')] as const)
      .filter(([line, text]) => line > 1 && text.trim() !== '');

  // Each of these breaks one row in a way a reader must notice: accepted, it would load a wrong register.
  const breakers: Record<string, (row: string, pick: number) => string> = {
    'a lost cell': (row, pick) =>
      row
        .split(',')
        .filter((_, i) => i !== pick % 4)
        .join(','),
    'bytes that are not UTF-8': (row, pick) =>
      `${row.slice(0, pick % (row.length + 1))}\udcff${row.slice(pick % (row.length + 1))}`,
    'a year outside 2000-2099': (row, pick) => row.replace(/,20(\d\d)-/, `,${[1925, 2205, 1999, 2100][pick % 4]}-`),
    'an extra cell': (row, pick) => `${row},${['late', 'x', '/'][pick % 3]}`,
  };

  it('never silently accepts a row that lost a cell, gained one, holds bytes that are not UTF-8 or an impossible year', () => {
    const dir = bundleWithMarks();
    dirs.push(dir);
    const rows = markRows();
    fc.assert(
      fc.property(
        fc.integer({ min: 0, max: rows.length - 1 }),
        fc.constantFrom(...Object.keys(breakers)),
        fc.nat(),
        (r, how, pick) => {
          const [line, text] = rows[r];
          const broken = breakers[how](text, pick);
          const lines = original['marks.csv'].toString('utf8').split('\n');
          lines[line - 1] = broken;
          // \udcff stands for the lone byte 0xFF: written as latin1 it is that byte, and the rest is ASCII.
          const bytes = Buffer.from(lines.join('\n').replace('\udcff', '\u00ff'), 'latin1');
          writeFileSync(join(dir, 'marks.csv'), bytes);
          let error: RegisterInputError | undefined;
          try {
            readRegisterBundle(dir);
          } catch (e) {
            error = expectLocated(e, BUNDLE_FILES);
          }
          expect(error?.problems.map((p) => `${p.file}:${p.line}`)).toContain(`marks.csv:${line}`);
          const lenient = readRegisterBundle(dir, { lenient: true }).report;
          expect(lenient.rejects.map((x) => `${x.file}:${x.line}`)).toEqual([`marks.csv:${line}`]);
          expect(lenient.rowsRead).toBe(lenient.rowsLoaded + lenient.rowsRejected);
        },
      ),
      { numRuns: RUNS },
    );
  });
});

describe('property: mutated MIS exports and CTFs imported', () => {
  const sources = {
    'sims-pupils.csv': readFileSync(fixture('sims-pupils.csv')),
    'sims-sessions.csv': readFileSync(fixture('sims-sessions.csv')),
    'sims-grid.csv': readFileSync(fixture('sims-grid.csv')),
    'arbor-days.csv': readFileSync(fixture('arbor-days.csv')),
    'ctf-25.xml': readFileSync(fixture('ctf-25.xml')),
  };
  const NAMES = Object.keys(sources);

  it('never crashes or drops a row: rows read = loaded + rejected, every rejected row and problem located', () => {
    const dir = tempDir('import-property-');
    dirs.push(dir);
    const calendar = writeAutumnCalendar(dir);
    let run = 0;
    fc.assert(
      fc.property(
        fc.constantFrom('sims-sessions.csv', 'sims-grid.csv', 'arbor-days.csv', 'ctf-25.xml'),
        fc.constantFrom(...NAMES),
        mutations,
        fc.boolean(),
        (register, mutated, changes, lenient) => {
          const inputs = [...new Set(['sims-pupils.csv', register])].map((name) => {
            const path = join(dir, name);
            writeFileSync(
              path,
              name === mutated
                ? mutate(sources[name as keyof typeof sources], changes)
                : sources[name as keyof typeof sources],
            );
            return path;
          });
          const into = join(dir, `bundle-${run++}`);
          try {
            const result = importRegisterFiles(inputs, { into, calendar, lenient, seenAt: '2025-09-05T16:00:00Z' });
            expect(result.rowsRead).toBe(result.rowsLoaded + result.rowsRejected);
            expect(result.files.reduce((n, f) => n + f.rowsRead, 0)).toBe(result.rowsRead);
            if (!lenient) expect(result.rowsRejected).toBe(0);
            for (const row of result.rejected) {
              expect(NAMES).toContain(row.file);
              expect(row.line).toBeGreaterThan(0);
              expect(row.problems.length).toBeGreaterThan(0);
            }
            // What was written reads back cleanly.
            readRegisterBundle(into);
          } catch (error) {
            expectLocated(error, [...NAMES, 'term-dates.json', 'marks.csv', 'pupils.csv']);
          } finally {
            rmSync(into, { recursive: true, force: true });
          }
        },
      ),
      { numRuns: RUNS },
    );
  });

  it('rejects an MIS row that lost its mark cell at its line, and never loads it as "no mark"', () => {
    const dir = tempDir('import-property-');
    dirs.push(dir);
    const calendar = writeAutumnCalendar(dir);
    copyFileSync(fixture('sims-pupils.csv'), join(dir, 'sims-pupils.csv'));
    const lines = sources['sims-sessions.csv'].toString('utf8').split('\r\n');
    const dataLines = lines.map((_, i) => i).filter((i) => i > 0 && lines[i].trim() !== '');
    fc.assert(
      fc.property(fc.constantFrom(...dataLines), (i) => {
        const broken = [...lines];
        broken[i] = broken[i].slice(0, broken[i].lastIndexOf(','));
        writeFileSync(join(dir, 'sims-sessions.csv'), broken.join('\r\n'));
        const into = join(dir, `bundle-${i}`);
        try {
          const result = importRegisterFiles([join(dir, 'sims-pupils.csv'), join(dir, 'sims-sessions.csv')], {
            into,
            calendar,
            lenient: true,
            seenAt: '2025-09-05T16:00:00Z',
          });
          expect(result.rejected.map((r) => `${r.file}:${r.line}`)).toContain(`sims-sessions.csv:${i + 1}`);
          expect(result.rowsRead).toBe(result.rowsLoaded + result.rowsRejected);
        } finally {
          rmSync(into, { recursive: true, force: true });
        }
      }),
      { numRuns: Math.min(RUNS, dataLines.length * 2) },
    );
  });
});
