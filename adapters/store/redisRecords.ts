import { type Redis } from 'ioredis';
import { PUT_RECORD } from './redisScripts.ts';
import { type RedisKeys } from './redisKeys.ts';
import { VersionConflictError, type VersionedRecord } from './stateStore.ts';

/** A record from its hash field, stored as "<version>:<json>" so the script's version check needs no JSON. */
function recordFrom<T>(id: string, raw: string): VersionedRecord<T> {
  const colon = raw.indexOf(':');
  return { id, version: Number(raw.slice(0, colon)), value: JSON.parse(raw.slice(colon + 1)) as T };
}

/**
 * The Redis store's versioned records: one hash per namespace. A write checks the version and writes in
 * one Lua script (PUT_RECORD), so of two instances writing over the same version one wins and the other
 * hears `VersionConflictError`.
 */
export class RedisRecords {
  constructor(
    private readonly redis: Redis,
    private readonly keys: RedisKeys,
  ) {}

  async getRecord<T = unknown>(namespace: string, id: string): Promise<VersionedRecord<T> | null> {
    const raw = await this.redis.hget(this.keys.records(namespace), id);
    return raw == null ? null : recordFrom<T>(id, raw);
  }

  async putRecord<T = unknown>(
    namespace: string,
    id: string,
    value: T,
    expectedVersion: number | null,
  ): Promise<VersionedRecord<T>> {
    const [ok, version] = (await this.redis.eval(
      PUT_RECORD,
      1,
      this.keys.records(namespace),
      id,
      expectedVersion ?? '',
      JSON.stringify(value),
    )) as [number, number];
    if (ok !== 1) throw new VersionConflictError(namespace, id, expectedVersion, version === 0 ? null : version);
    // The value as a read would give it back. Not jsonCopy: a value JSON cannot hold must fail here too.
    return { id, value: JSON.parse(JSON.stringify(value)) as T, version };
  }

  async listRecords<T = unknown>(namespace: string): Promise<VersionedRecord<T>[]> {
    return Object.entries(await this.redis.hgetall(this.keys.records(namespace))).map(([id, raw]) =>
      recordFrom<T>(id, raw),
    );
  }

  async deleteRecord(namespace: string, id: string): Promise<boolean> {
    return (await this.redis.hdel(this.keys.records(namespace), id)) > 0;
  }
}
