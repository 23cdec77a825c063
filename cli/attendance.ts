import { RegisterInputError } from '../adapters/register/inputProblems.ts';
import { checkCommand } from './checkCommand.ts';
import { parseCommonArgs, UsageError } from './cliArgs.ts';
import { explainCommand } from './explainCommand.ts';
import { generateCommand } from './generateCommand.ts';
import { importCommand } from './importCommand.ts';
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
                    [--calendar F.json|F.ics|derive] [--lenient] [--rejects F] [--json]

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
  returns: (argv) => returnsCommand(argv),
  notices: (argv) => noticesCommand(argv),
};

/**
 * Runs the CLI and returns its exit code: 0 done, 1 the input could not be loaded (every problem is
 * printed as file:line: field: message), 2 the command line was wrong.
 */
export async function main(argv: string[], io: CliStreams): Promise<number> {
  const [name, ...rest] = argv;
  if (!name || name === '--help' || name === '-h' || name === 'help') {
    io.stdout.write(USAGE);
    return name ? 0 : 2;
  }
  const command = COMMANDS[name];
  if (!command) {
    io.stderr.write(`attendance: unknown command "${name}"\n\n${USAGE}`);
    return 2;
  }
  try {
    const out = await command(rest, io);
    io.stdout.write(out.stdout);
    if (out.stderr) io.stderr.write(out.stderr);
    return 0;
  } catch (error) {
    if (error instanceof UsageError) {
      io.stderr.write(`attendance ${name}: ${error.message}\n\n${USAGE}`);
      return 2;
    }
    if (error instanceof RegisterInputError) {
      io.stderr.write(`attendance ${name}: ${error.message}\n`);
      return 1;
    }
    throw error;
  }
}
