import { Redis } from 'ioredis';
import { storeErrorKind } from './storeErrorKind.ts';

/** How long one command may wait for Redis before it counts as unavailable. */
const COMMAND_TIMEOUT_MS = 2_000;

/** Redis connection events as up/down, with an 'error' listener always attached. */
export class ConnectionEvents {
  readonly listeners: ((up: boolean, reason?: string) => void)[] = [];
  private lastError = 'connection closed';

  constructor(redis: Redis) {
    redis.on('error', (err: Error) => {
      this.lastError = storeErrorKind(err);
    });
    redis.on('ready', () => this.emit(true));
    redis.on('close', () => this.emit(false, this.lastError));
  }

  private emit(up: boolean, reason?: string): void {
    for (const listener of this.listeners) listener(up, reason);
  }
}

/**
 * Connects to `url` (redis://...) and fails fast, naming the URL's host, if Redis does not answer. Once
 * connected, a command sent while Redis is away fails at once (no offline queue) and one Redis does not
 * answer fails after `COMMAND_TIMEOUT_MS`, so a caller learns of an outage in time to answer from what it
 * holds; ioredis goes on reconnecting in the background, and `connection` hears it come and go.
 */
export async function connectRedis(url: string): Promise<{ redis: Redis; connection: ConnectionEvents }> {
  const redis = new Redis(url, {
    lazyConnect: true,
    maxRetriesPerRequest: 1,
    enableOfflineQueue: false,
    commandTimeout: COMMAND_TIMEOUT_MS,
    // Back off to one attempt every 2 s while Redis is away, so it is found again within seconds.
    retryStrategy: (attempt) => Math.min(attempt * 100, 2_000),
  });
  // Without an 'error' listener ioredis prints "Unhandled error event" on every failed reconnect.
  // Errors are reported through onConnectionChange instead (once per change, by whoever listens).
  const connection = new ConnectionEvents(redis);
  try {
    await redis.connect();
  } catch (err) {
    redis.disconnect();
    const host = (() => {
      try {
        return new URL(url).host;
      } catch {
        return 'the REDIS_URL host';
      }
    })();
    throw new Error(
      `cannot reach Redis at ${host} (${(err as Error).message}); check REDIS_URL or unset it to use the embedded store`,
      { cause: err },
    );
  }
  return { redis, connection };
}
