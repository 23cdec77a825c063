import { RegisterInputError } from '../adapters/register/inputProblems.ts';
import { checkCommand } from './checkCommand.ts';
import { parseCommonArgs, UsageError } from './cliArgs.ts';
import { explainCommand } from './explainCommand.ts';
import { generateCommand } from './generateCommand.ts';
import { importCommand } from './importCommand.ts';
import { CommandFailure, syncWondeCommand } from './syncWondeCommand.ts';
import { noticesCommand } from './noticesCommand.ts';
import { returnsCommand } from './returnsCommand.ts';

export const USAGE = `Usage:
  attendance check <bundle-dir> [--as-of YYYY-MM-DD] [--policy ID] [--json] [--rule ID ...] [--method all-pupils|dfe-live]
                   [--previous <last-year-bundle-dir>] [--lenient]
  attendance explain <bundle-dir> --upn UPN [--as-of YYYY-MM-DD] [--policy ID] [--json] [--previous <dir>]
  attendance returns <bundle-dir> --month YYYY-MM [--policy ID] [--json|--csv] [--previous <dir>] [--lenient]
  attendance notices import <notices.csv> --by NAME [--state-dir DIR]   (upn,parent,issued_date,amount,outcome)
  attendance generate --schools N --pupils P --seed S --year 2024/25 --out DIR [--through YYYY-MM-DD]
                      [--la NAME] [--la-code NNN] [--policy ID[,ID...]] [--scenarios] [--json]
  attendance import <file-or-dir>... --into <bundle-dir> [--format auto|sessions|days|grid|ctf] [--mapping F]
                    [--calendar F.json|F.ics|derive] [--encoding utf-8|windows-1252] [--lenient] [--rejects F] [--json]
  attendance sync wonde --school <Wonde school id> --out <bundle-dir> [--from YYYY-MM-DD] [--to YYYY-MM-DD]
                        [--calendar F.json|F.ics|derive] [--lenient] [--json]     (WONDE_TOKEN, WONDE_BASE_URL)

A register bundle is a folder with pupils.csv, marks.csv and optionally calendar.json and school.json (see README.md).
Without --as-of the register's last school day is used. --previous adds last year's register so the
10-school-week penalty window reaches back across the summer holiday. Policies: national, derby, dudley-st-james, nottingham,
central-bedfordshire, stockport-bramhall.
`;

export type { CliStreams, Command, CommandOutput } from './commandTypes.ts';
import type { CliStreams, Command } from './commandTypes.ts';

const COMMANDS: Record<string, Command> = {
  check: (argv) => checkCommand(parseCommonArgs(argv)),
  explain: (argv) => explainCommand(parseCommonArgs(argv)),
  generate: (argv, io) => generateCommand(argv, io),
  import: (argv, io) => importCommand(argv, io),
  sync: (argv, io) => syncWondeCommand(argv, io),
  returns: (argv) => returnsCommand(argv),
  notices: (argv) => noticesCommand(argv),
};

/** Exit codes, as README.md documents them. */
export const EXIT = {
  done: 0,
  /** The input could not be loaded, or a file could not be read or written. */
  input: 1,
  /** The command line was wrong. */
  usage: 2,
  /** Anything else: a fault in the program, not in what it was given. */
  internal: 3,
} as const;

/** Errors Node raises for a file that cannot be opened, read or written: the file's fault, not the program's. */
const FILE_ERRORS = new Set(['ENOENT', 'EACCES', 'EPERM', 'EISDIR', 'ENOTDIR', 'EROFS', 'ENOSPC', 'EMFILE', 'ELOOP']);

function fileError(error: unknown): { path: string; code: string; message: string } | undefined {
  const e = error as { code?: unknown; path?: unknown; message?: unknown };
  if (typeof e?.code !== 'string' || !FILE_ERRORS.has(e.code)) return undefined;
  // A read (rather than an open) that fails carries no path; the message still says what went wrong.
  return { path: typeof e.path === 'string' ? e.path : '(a file)', code: e.code, message: String(e.message) };
}

/**
 * Runs the CLI and returns its exit code: 0 done, 1 the input could not be loaded (every problem is
 * printed as file:line: field: message) or a file could not be read or written, 2 the command line was
 * wrong, 3 anything else (a fault in the program).
 */
export async function main(argv: string[], io: CliStreams): Promise<number> {
  const [name, ...rest] = argv;
  if (name === '--help' || name === '-h' || name === 'help') {
    io.stdout.write(USAGE);
    return EXIT.done;
  }
  if (!name) {
    io.stderr.write(`attendance: name a command\n\n${USAGE}`);
    return EXIT.usage;
  }
  const command = COMMANDS[name];
  if (!command) {
    io.stderr.write(`attendance: unknown command "${name}"\n\n${USAGE}`);
    return EXIT.usage;
  }
  try {
    const out = await command(rest, io);
    io.stdout.write(out.stdout);
    if (out.stderr) io.stderr.write(out.stderr);
    return EXIT.done;
  } catch (error) {
    if (error instanceof UsageError) {
      io.stderr.write(`attendance ${name}: ${error.message}\n\n${USAGE}`);
      return EXIT.usage;
    }
    if (error instanceof CommandFailure) {
      io.stderr.write(`attendance ${name}: ${error.message}\n`);
      return 1;
    }
    if (error instanceof RegisterInputError) {
      io.stderr.write(`attendance ${name}: ${error.message}\n`);
      return EXIT.input;
    }
    const file = fileError(error);
    if (file) {
      io.stderr.write(`attendance ${name}: ${file.path}:0: (file): cannot be used (${file.message})\n`);
      return EXIT.input;
    }
    io.stderr.write(
      `attendance ${name}: an unexpected fault in the program, not in its input; please report it with this message:\n${(error as Error)?.stack ?? String(error)}\n`,
    );
    return EXIT.internal;
  }
}
