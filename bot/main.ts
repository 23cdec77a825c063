import { openStateStore } from './app/openStateStore.ts';
import { startBot } from './app/startBot.ts';
import { startupBanner } from './app/startupBanner.ts';
import { ConfigError, readConfig } from './config.ts';
import { jsonLineLog } from './log.ts';
import { errorKind } from './server/guarded.ts';
import { quietBotbuilderAuthNoise } from './wiring/quietAuthNoise.ts';

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
  // Once serving, nothing a request does may end the process: an error that escapes every handler is
  // logged with its kind only (its message may quote a request) and the server goes on. Start-up failures
  // still end it (below), before it listens.
  process.on('unhandledRejection', (reason) => log('process.unhandled-rejection', { error: errorKind(reason) }));
  process.on('uncaughtException', (err) => log('process.uncaught-exception', { error: errorKind(err) }));
  quietBotbuilderAuthNoise(log);
  const { store, description } = await openStateStore(config);
  const bot = await startBot({ config, store, log });
  process.stderr.write(startupBanner(config, { host: bot.server.host, port: bot.server.port, store: description }));
  log('bot.started', {
    host: bot.server.host,
    port: bot.server.port,
    mode: config.localMode ? 'local' : 'teams',
    tenants: config.allowedTenants.length,
    schools: bot.services.schools.length,
    store: config.redisUrl ? 'redis' : 'embedded',
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
