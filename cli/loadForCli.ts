import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { RegisterInputError } from '../adapters/register/inputProblems.ts';
import { readRegisterBundle, type BundleReadReport } from '../adapters/register/readRegisterBundle.ts';
import {
  codeRegimeNote,
  codeRegimeSummary,
  lastMarkedSchoolDay,
  lastSchoolDayOnOrBefore,
  mergeRegisters,
  policyProfile,
  type PolicyProfile,
  type Register,
} from '../rules/index.ts';
import { UsageError, type CommonArgs } from './cliArgs.ts';

export interface CliInputs {
  register: Register;
  report: BundleReadReport;
  policy: PolicyProfile;
  asOf: string;
  asOfDefaulted: boolean;
  /** Things about the as-of date, the previous year and the code set the user should know. */
  notes: string[];
  /** The pre-2024 note on its own, so JSON can carry it as a field as well as a note. */
  preRegimeNote?: string;
}

/** Loads the bundle and settles the as-of date and policy: --policy, then school.json, then national. */
export function loadForCli(args: CommonArgs): CliInputs {
  const loaded = readRegisterBundle(args.dir, { lenient: args.lenient });
  const { report } = loaded;
  let register = loaded.register;
  const notes: string[] = [];
  if (args.previous !== undefined) {
    const previous = readPrevious(args.previous, args.lenient);
    const merged = mergeRegisters(previous.register, register);
    register = merged.register;
    notes.push(
      `Previous year's register ${args.previous}: ${merged.previousSessions} sessions before ${loaded.register.calendar.dayDate[0] ?? 'this register'} added for ${merged.pupilsMatched} of ${register.pupils.length} pupils` +
        (merged.overlappingSessionsDropped > 0
          ? ` (${merged.overlappingSessionsDropped} sessions it shares with this register left out: this register is the record).`
          : '.'),
    );
    report.rowsRejected += previous.report.rowsRejected;
    report.rejects.push(...previous.report.rejects.map((r) => ({ ...r, file: `${args.previous}/${r.file}` })));
  }
  const policyId = args.policy ?? register.school.policy ?? 'national';
  let policy: PolicyProfile;
  try {
    policy = policyProfile(policyId);
  } catch (error) {
    // A wrong --policy is the command line's mistake; a wrong policy in school.json is the bundle's.
    if (args.policy !== undefined) throw new UsageError((error as Error).message);
    throw new RegisterInputError([
      {
        file: 'school.json',
        line: keyLine(args.dir, 'school.json', 'policy'),
        field: 'policy',
        message: (error as Error).message,
      },
    ]);
  }
  // A bundle with nothing to evaluate is a problem with the input (exit 1), not with the command line.
  const { calendar } = register;
  if (calendar.dayCount === 0)
    throw new RegisterInputError([
      {
        file: 'marks.csv',
        line: 0,
        field: '(file)',
        message: `no school sessions in ${args.dir}: marks.csv has no marks${report.rowsRejected > 0 ? ' that could be loaded' : ''} and there is no calendar.json to give the term dates`,
      },
    ]);
  const lastMarked = lastMarkedSchoolDay(register);
  if (lastMarked < 0)
    throw new RegisterInputError([
      {
        file: 'marks.csv',
        line: 0,
        field: '(file)',
        message: `no marks other than # (closed) in ${args.dir}${report.rowsRejected > 0 ? ' that could be loaded' : ''}: nothing to evaluate`,
      },
    ]);
  const asOf = args.asOf ?? calendar.dayDate[lastMarked];
  if (lastSchoolDayOnOrBefore(calendar, asOf) < 0) {
    throw new UsageError(`--as-of ${asOf} is before the register's first school day (${calendar.dayDate[0]})`);
  }
  if (lastSchoolDayOnOrBefore(calendar, asOf) > lastMarked) {
    notes.push(
      `--as-of ${asOf} is after the last marked school day (${calendar.dayDate[lastMarked]}): sessions after it have no marks and count as neither attendance nor absence.`,
    );
  }
  const preRegimeNote = codeRegimeNote(codeRegimeSummary(register));
  if (preRegimeNote) notes.push(preRegimeNote);
  return { register, report, policy, asOf, asOfDefaulted: args.asOf === undefined, notes, preRegimeNote };
}

/** The previous year's bundle, its problems named by path so they are not mistaken for this year's files. */
function readPrevious(dir: string, lenient: boolean) {
  try {
    return readRegisterBundle(dir, { lenient });
  } catch (error) {
    if (!(error instanceof RegisterInputError)) throw error;
    throw new RegisterInputError(
      error.problems.map((p) => ({ ...p, file: p.file.startsWith(dir) ? p.file : `${dir}/${p.file}` })),
      error.total,
    );
  }
}

/** The line a key first appears on in one of the bundle's JSON files, so a problem with its value points at it. */
function keyLine(dir: string, name: string, key: string): number {
  const path = join(dir, name);
  if (!existsSync(path)) return 0;
  const text = readFileSync(path, 'utf8');
  const at = text.indexOf(`"${key}"`);
  return at < 0 ? 1 : text.slice(0, at).split('\n').length;
}
