import { basename } from 'node:path';
import { parseArgs } from 'node:util';
import { readPenaltyHistory } from '../adapters/penalties/readPenaltyHistory.ts';
import { recordPastNotice } from '../adapters/store/pastNoticeRecords.ts';
import { openStateStore } from '../adapters/store/openStateStore.ts';
import { UsageError } from './cliArgs.ts';
import { type CommandOutput } from './commandTypes.ts';

/** Today in England, as the date a notice cannot be later than. */
function todayInLondon(now: Date): string {
  return new Intl.DateTimeFormat('en-CA', { timeZone: 'Europe/London' }).format(now);
}

/**
 * `attendance notices import <file.csv> --by NAME`: penalty notices already issued (upn, parent, issued
 * date, amount, outcome) into the bot's store (the embedded store in --state-dir when given, else Redis when REDIS_URL is set, else ATTENDANCE_STATE_DIR), so
 * the penalty walk-through's 3-year count and its "not the same sessions twice" rule use them. Each
 * notice is audited with who recorded it. Any bad row stops the import with file:line: field: problem.
 */
export async function noticesCommand(argv: string[], env: NodeJS.ProcessEnv = process.env): Promise<CommandOutput> {
  let parsed;
  try {
    parsed = parseArgs({
      args: argv,
      allowPositionals: true,
      options: { by: { type: 'string' }, 'state-dir': { type: 'string' } },
    });
  } catch (error) {
    throw new UsageError((error as Error).message);
  }
  const { values, positionals } = parsed;
  if (positionals[0] !== 'import' || positionals.length !== 2)
    throw new UsageError('say: attendance notices import <file.csv> --by "Your name"');
  const by = values.by?.trim();
  if (!by) throw new UsageError('--by is required: the name of the person recording these notices, for the audit log');
  const file = positionals[1];
  const now = new Date();
  const notices = readPenaltyHistory(file, basename(file), todayInLondon(now));
  // An explicit --state-dir names the embedded store, even where REDIS_URL is set for the bot.
  const store = await openStateStore({
    redisUrl: values['state-dir'] === undefined ? env.REDIS_URL : undefined,
    redisKeyPrefix: env.REDIS_KEY_PREFIX,
    stateDir: values['state-dir'] ?? env.ATTENDANCE_STATE_DIR ?? '.data',
  });
  try {
    for (const notice of notices)
      await recordPastNotice(store, notice, { who: by, at: now.toISOString(), source: `import ${basename(file)}` });
  } finally {
    await store.close();
  }
  const pupils = new Set(notices.map((n) => n.upn)).size;
  return {
    stdout: `recorded ${notices.length} penalty notice${notices.length === 1 ? '' : 's'} for ${pupils} pupil${pupils === 1 ? '' : 's'} from ${basename(file)}\n`,
    stderr: '',
  };
}
