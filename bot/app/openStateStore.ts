import { resolve } from 'node:path';
import { EmbeddedStateStore } from '../../adapters/store/embeddedStateStore.ts';
import { type StateStore } from '../../adapters/store/stateStore.ts';
import { type BotConfig } from '../config.ts';

/** The embedded store in ATTENDANCE_STATE_DIR (one instance). */
export async function openStateStore(config: BotConfig): Promise<{ store: StateStore; description: string }> {
  if (config.redisUrl) {
    throw new Error('REDIS_URL is set but this build has no Redis state store yet; unset REDIS_URL to use the embedded store (one instance)');
  }
  const dir = resolve(config.stateDir);
  return { store: EmbeddedStateStore.open(dir), description: `embedded store in ${dir}` };
}
