import { resolve } from 'node:path';
import { EmbeddedStateStore } from './embeddedStateStore.ts';
import { RedisStateStore } from './redisStateStore.ts';
import { type StateStore } from './stateStore.ts';

export interface StateStoreLocation {
  /** REDIS_URL: when set, state lives in Redis and several bot instances may share it. */
  redisUrl?: string;
  /** Key prefix in Redis (REDIS_KEY_PREFIX), so one server can hold several deployments. */
  redisKeyPrefix?: string;
  /** ATTENDANCE_STATE_DIR: the embedded store's directory when there is no Redis. */
  stateDir: string;
}

/** Redis when a URL is given, otherwise the embedded file store in `stateDir` (one process). */
export async function openStateStore(location: StateStoreLocation): Promise<StateStore> {
  if (location.redisUrl) return RedisStateStore.connect(location.redisUrl, { keyPrefix: location.redisKeyPrefix });
  return EmbeddedStateStore.open(resolve(location.stateDir));
}
