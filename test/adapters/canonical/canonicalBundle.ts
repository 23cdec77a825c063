import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { readRegisterBundle, type BundleReadOptions } from '../../../adapters/register/readRegisterBundle.ts';
import { RegisterInputError } from '../../../adapters/register/inputProblems.ts';
import { registerCodeById } from '../../../rules/codes/registerCodes.ts';
import { AUTUMN_2025, fixtureUpn, writeBundle } from '../../support/registerFixture.ts';

export const UPN1 = fixtureUpn(1);
export const UPN2 = fixtureUpn(2);

/** A two-pupil autumn 2025 bundle in a fresh temp dir, with marks.csv replaced by `marks` when given. */
export function bundleWithMarks(marks?: string | Buffer, options: { calendar?: boolean } = {}): string {
  const dir = mkdtempSync(join(tmpdir(), 'canonical-'));
  writeBundle(dir, {
    calendar: AUTUMN_2025,
    pupils: [
      { givenName: 'Ada', marksUntil: '2025-09-05' },
      { givenName: 'Ben', marksUntil: '2025-09-05' },
    ],
  });
  if (marks !== undefined) writeFileSync(join(dir, 'marks.csv'), marks);
  if (options.calendar === false) rmSync(join(dir, 'calendar.json'));
  return dir;
}

/** The problems a strict read reports, formatted as people see them. */
export function strictProblems(dir: string): string[] {
  try {
    readRegisterBundle(dir);
  } catch (error) {
    if (error instanceof RegisterInputError) return error.message.split('\n').slice(1);
    throw error;
  }
  return [];
}

export function read(dir: string, options: BundleReadOptions = {}) {
  return readRegisterBundle(dir, options);
}

/** The code at a pupil's session, by UPN, date and half. */
export function codeAt(
  result: ReturnType<typeof read>,
  upn: string,
  date: string,
  half: 'AM' | 'PM',
): string | undefined {
  const { register } = result;
  const p = register.pupils.findIndex((x) => x.upn === upn);
  const day = register.calendar.dayIndex.get(date);
  if (p < 0 || day === undefined) return undefined;
  for (let s = register.calendar.dayFirstSession[day]; s < register.calendar.dayFirstSession[day + 1]; s++) {
    if (register.calendar.sessionHalf[s] === (half === 'AM' ? 0 : 1)) {
      return registerCodeById(register.marks[p * register.calendar.sessionCount + s]).code;
    }
  }
  return undefined;
}
