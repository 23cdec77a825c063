import { parseArgs } from 'node:util';
import { readExistingBundleDates } from '../adapters/wonde/bundleDates.ts';
import { describeLeftOut, syncWondeSchool, WondeSyncRefused } from '../adapters/wonde/syncWondeSchool.ts';
import { WondeClient } from '../adapters/wonde/wondeClient.ts';
import { WondeError } from '../adapters/wonde/wondeErrors.ts';
import { addDays, isIsoDate } from '../rules/index.ts';
import { UsageError } from './cliArgs.ts';
import { type CliStreams, type CommandOutput } from './commandTypes.ts';
import { importSummary } from './importCommand.ts';

/** A command that ran but could not do its work (Wonde refused, or its data could not be placed): exit 1. */
export class CommandFailure extends Error {}

export interface SyncWondeArgs {
  school: string;
  out: string;
  from?: string;
  to?: string;
  lenient: boolean;
  calendar?: string;
  json: boolean;
}

/** How far back a sync into an existing bundle reaches: marks amended since (an N given its reason) come in too. */
export const AMENDMENT_DAYS = 14;

export function parseSyncWondeArgs(args: string[]): SyncWondeArgs {
  let parsed;
  try {
    parsed = parseArgs({
      args,
      allowPositionals: true,
      options: {
        school: { type: 'string' },
        out: { type: 'string' },
        from: { type: 'string' },
        to: { type: 'string' },
        lenient: { type: 'boolean', default: false },
        calendar: { type: 'string' },
        json: { type: 'boolean', default: false },
      },
    });
  } catch (error) {
    throw new UsageError((error as Error).message);
  }
  const { values, positionals } = parsed;
  if (positionals[0] !== 'wonde' || positionals.length !== 1)
    throw new UsageError('say where to sync from: attendance sync wonde --school <Wonde school id> --out <bundle-dir>');
  if (!values.school) throw new UsageError('--school names the school by its Wonde id (such as A1930499544)');
  if (!values.out) throw new UsageError('--out names the register bundle folder to create or merge into');
  for (const [name, value] of [
    ['--from', values.from],
    ['--to', values.to],
  ] as const)
    if (value !== undefined && !isIsoDate(value))
      throw new UsageError(`${name} ${JSON.stringify(value)} is not a date written YYYY-MM-DD`);
  if (values.from && values.to && values.from > values.to)
    throw new UsageError(`--from ${values.from} is after --to ${values.to}`);
  return {
    school: values.school,
    out: values.out,
    from: values.from,
    to: values.to,
    lenient: values.lenient!,
    calendar: values.calendar,
    json: values.json!,
  };
}

/** Today's date in England, for a sync run without --to. */
export function todayInLondon(now: Date): string {
  return new Intl.DateTimeFormat('en-CA', {
    timeZone: 'Europe/London',
    year: 'numeric',
    month: '2-digit',
    day: '2-digit',
  }).format(now);
}

/**
 * The dates to fetch when not given: up to today; from a fortnight before the bundle's last marked day (so
 * amendments made since come in too), or for a new bundle from the start of the school year (1 September).
 */
export function syncRange(args: Pick<SyncWondeArgs, 'from' | 'to' | 'out'>, now: Date): { from: string; to: string } {
  const to = args.to ?? todayInLondon(now);
  if (args.from) return { from: args.from, to };
  const last = readExistingBundleDates(args.out)?.lastMarked;
  if (last) {
    const from = addDays(last, -AMENDMENT_DAYS);
    return { from: from < to ? from : to, to };
  }
  const year = Number(to.slice(0, 4)) - (to.slice(5) < '09-01' ? 1 : 0);
  return { from: `${year}-09-01`, to };
}

/**
 * `attendance sync wonde --school <id> --out <bundle>`: fetches the school's register from Wonde
 * (WONDE_TOKEN, WONDE_BASE_URL) and writes or merges it into the bundle through the import pipeline.
 */
export async function syncWondeCommand(
  argv: string[],
  io: CliStreams,
  env: Record<string, string | undefined> = process.env,
  now: () => Date = () => new Date(),
): Promise<CommandOutput> {
  const args = parseSyncWondeArgs(argv);
  const token = env.WONDE_TOKEN?.trim();
  if (!token) throw new UsageError('set WONDE_TOKEN to the API token Wonde gave this app');
  const client = new WondeClient({ token, baseUrl: env.WONDE_BASE_URL?.trim() || undefined });
  const range = syncRange(args, now());
  const started = performance.now();
  const tty = (io.stderr as { isTTY?: boolean }).isTTY === true;
  let result;
  try {
    result = await syncWondeSchool(client, {
      schoolId: args.school,
      into: args.out,
      ...range,
      seenAt: now().toISOString(),
      lenient: args.lenient,
      calendar: args.calendar,
      onProgress: tty ? (message) => io.stderr.write(`\r\x1b[K${message}`) : undefined,
    });
  } catch (error) {
    if (error instanceof WondeError || error instanceof WondeSyncRefused)
      throw new CommandFailure(error.message, { cause: error });
    throw error;
  } finally {
    if (tty) io.stderr.write('\r\x1b[K');
  }
  const seconds = (performance.now() - started) / 1000;
  const leftOut = describeLeftOut(result.rows);
  const stderr = leftOut.map((line) => `left out (--lenient): ${line}\n`).join('');
  const { register: _register, rejected: _rejected, ...imported } = result.imported;
  if (args.json)
    return {
      stdout: `${JSON.stringify({
        school: result.school,
        from: result.from,
        to: result.to,
        students: result.students,
        marksFetched: result.marksFetched,
        leftOut,
        imported,
        seconds,
      })}\n`,
      stderr,
    };
  return {
    stdout: `synced Wonde school ${result.school.id} (URN ${result.school.urn}) from ${result.from} to ${result.to}: ${result.students} students, ${result.marksFetched} marks fetched\n${importSummary(result.imported, seconds)}\n`,
    stderr,
  };
}
