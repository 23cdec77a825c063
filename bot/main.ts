import { openStateStore } from './app/openStateStore.ts';
import { startBot } from './app/startBot.ts';
import { ConfigError, readConfig } from './config.ts';
import { jsonLineLog } from './log.ts';

/** `npm start`: read the configuration once, open the store, load the schools and serve. */
async function main(): Promise<void> {
  const log = jsonLineLog();
  let config;
  try {
    config = readConfig(process.env);
  } catch (err) {
    if (err instanceof ConfigError) {
      process.stderr.write(`${err.message}\n`);
      process.exit(1);
    }
    throw err;
  }
  if (config.localMode) {
    process.stderr.write(
      [
        '',
        '*** LOCAL MODE: MicrosoftAppId is not set, so incoming requests are NOT authenticated. ***',
        '*** Use this only with the Agents Playground or tests, never on a reachable address.    ***',
        config.defaultRole ? `*** Everyone without a role assignment is treated as: ${config.defaultRole}.` : '',
        '',
      ].join('\n'),
    );
  }
  const { store, description } = await openStateStore(config);
  const bot = await startBot({ config, store, log });
  log('bot.started', {
    port: bot.server.port,
    localMode: config.localMode,
    schools: bot.services.schools.length,
    store: description,
  });
  const stop = async (signal: string) => {
    log('bot.stopping', { signal });
    await bot.close();
    await store.close();
    process.exit(0);
  };
  process.once('SIGINT', () => void stop('SIGINT'));
  process.once('SIGTERM', () => void stop('SIGTERM'));
}

main().catch((err: unknown) => {
  process.stderr.write(`the bot could not start: ${(err as Error).message}\n`);
  process.exit(1);
});
