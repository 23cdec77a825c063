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
  return { store, description: config.redisUrl ? 'redis' : `embedded store in ${config.stateDir}` };
}
