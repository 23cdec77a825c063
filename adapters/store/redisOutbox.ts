import { type Redis } from 'ioredis';
import { CLAIM, ENQUEUE_MANY, MARK_FAILED, MARK_SENT, RELEASE, RELEASE_LEASES } from './redisScripts.ts';
import { type StoreOutbox } from './outboxDelegate.ts';
import { type RedisKeys } from './redisKeys.ts';
import { type EnqueueResult, type NewOutboxItem, type OutboxEntry, type OutboxItem } from './stateStore.ts';

/** An outbox item from its hash: the immutable part as JSON in `static`, the moving parts as fields. */
function outboxItemFrom(hash: Record<string, string>): OutboxItem | null {
  if (!hash.static) return null;
  const item: OutboxItem = {
    ...(JSON.parse(hash.static) as NewOutboxItem),
    state: hash.state as OutboxItem['state'],
    attempts: Number(hash.attempts),
    availableAt: Number(hash.availableAt),
  };
  if (hash.leaseOwner) item.leaseOwner = hash.leaseOwner;
  if (hash.firstAttemptAt) item.firstAttemptAt = Number(hash.firstAttemptAt);
  if (hash.lastError) item.lastError = hash.lastError;
  if (hash.activityId) item.activityId = hash.activityId;
  if (hash.finishedAt) item.finishedAt = Number(hash.finishedAt);
  return item;
}

/**
 * The Redis store's outbox and the alert keys recorded with it. Every step two instances could race on
 * (enqueueing with its alert keys, claiming, finishing or giving back a lease) is one Lua script
 * (redisScripts.ts), so it is atomic on the server; the rest are plain reads.
 */
export class RedisOutbox implements StoreOutbox {
  constructor(
    private readonly redis: Redis,
    private readonly keys: RedisKeys,
  ) {}

  async sentAlertKeys(keys: readonly string[]): Promise<Set<string>> {
    if (keys.length === 0) return new Set();
    const flags = await this.redis.smismember(this.keys.alertKeys, ...keys);
    return new Set(keys.filter((_, i) => flags[i] === 1));
  }

  async enqueue(item: NewOutboxItem, alertKeys: readonly string[]): Promise<EnqueueResult> {
    const [result] = await this.enqueueMany([{ item, alertKeys }]);
    return result;
  }

  /** One script for the whole batch, so it is atomic on the server like a single enqueue. */
  async enqueueMany(entries: readonly OutboxEntry[]): Promise<EnqueueResult[]> {
    if (entries.length === 0) return [];
    const args = entries.flatMap(({ item, alertKeys }) => [
      item.id,
      JSON.stringify(item),
      alertKeys.length,
      ...alertKeys,
    ]);
    const done = (await this.redis.eval(
      ENQUEUE_MANY,
      3 + entries.length,
      this.keys.alertKeys,
      this.keys.outboxIds,
      this.keys.outboxReady,
      ...entries.map(({ item }) => this.keys.outboxItem(item.id)),
      ...args,
    )) as number[];
    return done.map((d) => (Number(d) === 1 ? 'enqueued' : 'duplicate'));
  }

  async claim(owner: string, now: number, leaseMs: number, limit: number): Promise<OutboxItem[]> {
    const ids = (await this.redis.eval(
      CLAIM,
      2,
      this.keys.outboxReady,
      this.keys.outboxLeased,
      now,
      now + leaseMs,
      limit,
      owner,
      this.keys.outboxItem(''),
    )) as string[];
    return this.itemsById(ids);
  }

  private async itemsById(ids: readonly string[]): Promise<OutboxItem[]> {
    if (ids.length === 0) return [];
    const pipeline = this.redis.pipeline();
    for (const id of ids) pipeline.hgetall(this.keys.outboxItem(id));
    const results = (await pipeline.exec()) ?? [];
    return results
      .map(([, hash]) => outboxItemFrom(hash as Record<string, string>))
      .filter((i): i is OutboxItem => i !== null);
  }

  async markSent(id: string, owner: string, now: number, activityId?: string): Promise<boolean> {
    return this.finishHeld(MARK_SENT, id, owner, now, activityId ?? '');
  }

  async release(id: string, owner: string, retryAt: number, error: string, firstAttemptAt: number): Promise<boolean> {
    return this.finishHeld(RELEASE, id, owner, retryAt, error, firstAttemptAt);
  }

  async markFailed(id: string, owner: string, now: number, error: string): Promise<boolean> {
    return this.finishHeld(MARK_FAILED, id, owner, now, error);
  }

  /**
   * Runs one of the scripts that end `owner`'s lease on an item (MARK_SENT, RELEASE, MARK_FAILED): they
   * share their KEYS and first two ARGV, which their shared guard (HELD in redisScripts.ts) reads.
   * True if `owner` still held the lease, and the script did its work.
   */
  private async finishHeld(script: string, id: string, owner: string, ...rest: (string | number)[]): Promise<boolean> {
    return (
      Number(
        await this.redis.eval(
          script,
          3,
          this.keys.outboxItem(id),
          this.keys.outboxReady,
          this.keys.outboxLeased,
          owner,
          id,
          ...rest,
        ),
      ) === 1
    );
  }

  async releaseLeases(owner: string, now: number, keep: readonly string[]): Promise<number> {
    return Number(
      await this.redis.eval(
        RELEASE_LEASES,
        2,
        this.keys.outboxReady,
        this.keys.outboxLeased,
        owner,
        now,
        this.keys.outboxItem(''),
        ...keep,
      ),
    );
  }

  async getOutboxItem(id: string): Promise<OutboxItem | null> {
    return outboxItemFrom(await this.redis.hgetall(this.keys.outboxItem(id)));
  }

  async listOutbox(state?: OutboxItem['state']): Promise<OutboxItem[]> {
    const items = await this.itemsById(await this.redis.smembers(this.keys.outboxIds));
    return items.filter((i) => !state || i.state === state);
  }

  async nextPendingAt(): Promise<number | null> {
    const [, score] = await this.redis.zrange(this.keys.outboxReady, 0, 0, 'WITHSCORES');
    return score === undefined ? null : Number(score);
  }
}
