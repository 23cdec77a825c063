import { openStateStore as openStore } from '../../adapters/store/openStateStore.ts';
import { type StateStore } from '../../adapters/store/stateStore.ts';
import { type BotConfig } from '../config.ts';

/** Redis when REDIS_URL is set (several instances may share it), else the embedded store in ATTENDANCE_STATE_DIR. */
export async function openStateStore(config: BotConfig): Promise<{ store: StateStore; description: string }> {
  const store = await openStore({
    redisUrl: config.redisUrl,
    redisKeyPrefix: config.redisKeyPrefix,
    stateDir: config.stateDir,
  });
  return {
    store,
    description: config.redisUrl
      ? redisDescription(config.redisUrl, config.redisKeyPrefix)
      : `embedded store in ${config.stateDir}`,
  };
}

/** Redis's host, port and key prefix, never the URL itself (it may carry a password). */
function redisDescription(url: string, prefix: string | undefined): string {
  const host = (() => {
    try {
      return new URL(url).host;
    } catch {
      return 'REDIS_URL';
    }
  })();
  return `redis at ${host}, keys under ${prefix ?? 'attendance:'}`;
}
