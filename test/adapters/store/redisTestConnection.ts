import { randomUUID } from 'node:crypto';
import { Redis } from 'ioredis';

/**
 * How Redis tests find their server: REDIS_URL. Without it they skip, saying why, unless REQUIRE_REDIS is
 * set (CI sets both), in which case a missing Redis fails the run instead of passing it quietly.
 */
export function redisUrlForTests(): string | undefined {
  const url = process.env.REDIS_URL?.trim();
  if (!url && process.env.REQUIRE_REDIS)
    throw new Error('REQUIRE_REDIS is set but REDIS_URL is not: point REDIS_URL at the test Redis');
  return url || undefined;
}

export const REDIS_SKIP_NOTE =
  'skipped: REDIS_URL is not set (set it, e.g. redis://127.0.0.1:6379, to run against a real Redis)';

/** A key prefix no other run shares, so parallel runs and leftovers never meet. */
export function uniqueTestPrefix(label: string): string {
  return `test:${label}:${randomUUID()}:`;
}

/** Deletes every key under `prefix` (SCAN, not KEYS, so a shared server is not blocked). */
export async function deleteKeysWithPrefix(url: string, prefix: string): Promise<number> {
  const redis = new Redis(url);
  let deleted = 0;
  try {
    let cursor = '0';
    do {
      const [next, keys] = await redis.scan(cursor, 'MATCH', `${prefix}*`, 'COUNT', 500);
      cursor = next;
      if (keys.length > 0) deleted += await redis.del(...keys);
    } while (cursor !== '0');
  } finally {
    await redis.quit();
  }
  return deleted;
}
