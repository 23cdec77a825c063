import { Redis } from 'ioredis';
import { CLAIM, ENQUEUE_MANY, MARK_FAILED, MARK_SENT, PUT_RECORD, RELEASE, RELEASE_LEASES } from './redisScripts.ts';
import {
  VersionConflictError,
  type Acknowledgement,
  type AuditEntry,
  type AuditQuery,
  type ConversationBinding,
  type ConversationRecord,
  type EnqueueResult,
  type NewOutboxItem,
  type OutboxEntry,
  type OutboxItem,
  type SchoolRole,
  type StateStore,
  type Subscription,
  type VersionedRecord,
} from './stateStore.ts';

export interface RedisStateStoreOptions {
  /** Every key starts with this (default `attendance:`), so one Redis can hold several deployments or test runs. */
  keyPrefix?: string;
}

/** How long one command may wait for Redis before it counts as unavailable. */
const COMMAND_TIMEOUT_MS = 2_000;

/** Redis connection events as up/down, with an 'error' listener always attached. */
class ConnectionEvents {
  readonly listeners: ((up: boolean, reason?: string) => void)[] = [];
  private lastError = 'connection closed';

  constructor(redis: Redis) {
    redis.on('error', (err: Error) => {
      this.lastError = (err as NodeJS.ErrnoException).code ?? err.name;
    });
    redis.on('ready', () => this.emit(true));
    redis.on('close', () => this.emit(false, this.lastError));
  }

  private emit(up: boolean, reason?: string): void {
    for (const listener of this.listeners) listener(up, reason);
  }
}

function parse<T>(raw: string | null | undefined): T | null {
  return raw == null ? null : (JSON.parse(raw) as T);
}

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
 * The store for more than one bot instance: every key under a prefix in one Redis, and every step that
 * two instances could race on (enqueue with its alert keys, claiming outbox items, versioned record
 * writes) done in one Lua script, so it is atomic on the server.
 */
export class RedisStateStore implements StateStore {
  private readonly p: string;

  constructor(
    private readonly redis: Redis,
    options: RedisStateStoreOptions = {},
    private readonly ownsConnection = false,
  ) {
    this.p = options.keyPrefix ?? 'attendance:';
  }

  /**
   * Connects to `url` (redis://...) and fails fast, naming the URL's host, if Redis does not answer. Once
   * connected, a command sent while Redis is away fails at once (no offline queue) and one Redis does not
   * answer fails after `COMMAND_TIMEOUT_MS`, so a caller learns of an outage in time to answer from what it
   * holds; ioredis goes on reconnecting in the background, and `onConnectionChange` hears it come and go.
   */
  static async connect(url: string, options: RedisStateStoreOptions = {}): Promise<RedisStateStore> {
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
    const store = new RedisStateStore(redis, options, true);
    store.connection = connection;
    return store;
  }

  private connection?: ConnectionEvents;

  /** Hears Redis go (`false`, with the error's kind) and come back (`true`). */
  onConnectionChange(listener: (up: boolean, reason?: string) => void): void {
    this.connection?.listeners.push(listener);
  }

  private key(...parts: string[]): string {
    return this.p + parts.join(':');
  }

  private itemKey(id: string): string {
    return this.key('outbox', 'item', id);
  }

  async putConversation(record: ConversationRecord): Promise<void> {
    await this.redis.hset(this.key('conversations'), record.conversationId, JSON.stringify(record));
  }

  async getConversation(conversationId: string): Promise<ConversationRecord | null> {
    return parse(await this.redis.hget(this.key('conversations'), conversationId));
  }

  async removeConversation(conversationId: string): Promise<boolean> {
    const result = await this.redis
      .multi()
      .hdel(this.key('conversations'), conversationId)
      .hdel(this.key('bindings'), conversationId)
      .exec();
    return (result ?? []).some(([, n]) => Number(n) > 0);
  }

  async listConversations(): Promise<ConversationRecord[]> {
    return Object.values(await this.redis.hgetall(this.key('conversations'))).map(
      (v) => JSON.parse(v) as ConversationRecord,
    );
  }

  async putBinding(binding: ConversationBinding): Promise<void> {
    await this.redis.hset(this.key('bindings'), binding.conversationId, JSON.stringify(binding));
  }

  async getBinding(conversationId: string): Promise<ConversationBinding | null> {
    return parse(await this.redis.hget(this.key('bindings'), conversationId));
  }

  async listBindings(): Promise<ConversationBinding[]> {
    return Object.values(await this.redis.hgetall(this.key('bindings'))).map(
      (v) => JSON.parse(v) as ConversationBinding,
    );
  }

  async putSubscription(subscription: Subscription): Promise<void> {
    await this.redis.hset(this.key('subscriptions'), subscription.userId, JSON.stringify(subscription));
  }

  async getSubscription(userId: string): Promise<Subscription | null> {
    return parse(await this.redis.hget(this.key('subscriptions'), userId));
  }

  async listSubscriptions(): Promise<Subscription[]> {
    return Object.values(await this.redis.hgetall(this.key('subscriptions'))).map((v) => JSON.parse(v) as Subscription);
  }

  async setRole(schoolUrn: string, userId: string, role: SchoolRole | null): Promise<void> {
    if (role) await this.redis.hset(this.key('roles', schoolUrn), userId, role);
    else await this.redis.hdel(this.key('roles', schoolUrn), userId);
  }

  async getRole(schoolUrn: string, userId: string): Promise<SchoolRole | null> {
    return ((await this.redis.hget(this.key('roles', schoolUrn), userId)) as SchoolRole | null) ?? null;
  }

  async listRoles(schoolUrn: string): Promise<{ userId: string; role: SchoolRole }[]> {
    return Object.entries(await this.redis.hgetall(this.key('roles', schoolUrn))).map(([userId, role]) => ({
      userId,
      role: role as SchoolRole,
    }));
  }

  async sentAlertKeys(keys: readonly string[]): Promise<Set<string>> {
    if (keys.length === 0) return new Set();
    const flags = await this.redis.smismember(this.key('alertkeys'), ...keys);
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
      this.key('alertkeys'),
      this.key('outbox', 'ids'),
      this.key('outbox', 'ready'),
      ...entries.map(({ item }) => this.itemKey(item.id)),
      ...args,
    )) as number[];
    return done.map((d) => (Number(d) === 1 ? 'enqueued' : 'duplicate'));
  }

  async claim(owner: string, now: number, leaseMs: number, limit: number): Promise<OutboxItem[]> {
    const ids = (await this.redis.eval(
      CLAIM,
      2,
      this.key('outbox', 'ready'),
      this.key('outbox', 'leased'),
      now,
      now + leaseMs,
      limit,
      owner,
      this.itemKey(''),
    )) as string[];
    return this.itemsById(ids);
  }

  private async itemsById(ids: readonly string[]): Promise<OutboxItem[]> {
    if (ids.length === 0) return [];
    const pipeline = this.redis.pipeline();
    for (const id of ids) pipeline.hgetall(this.itemKey(id));
    const results = (await pipeline.exec()) ?? [];
    return results
      .map(([, hash]) => outboxItemFrom(hash as Record<string, string>))
      .filter((i): i is OutboxItem => i !== null);
  }

  async markSent(id: string, owner: string, now: number, activityId?: string): Promise<boolean> {
    return (
      Number(
        await this.redis.eval(
          MARK_SENT,
          3,
          this.itemKey(id),
          this.key('outbox', 'ready'),
          this.key('outbox', 'leased'),
          owner,
          id,
          now,
          activityId ?? '',
        ),
      ) === 1
    );
  }

  async release(id: string, owner: string, retryAt: number, error: string, firstAttemptAt: number): Promise<boolean> {
    return (
      Number(
        await this.redis.eval(
          RELEASE,
          3,
          this.itemKey(id),
          this.key('outbox', 'ready'),
          this.key('outbox', 'leased'),
          owner,
          id,
          retryAt,
          error,
          firstAttemptAt,
        ),
      ) === 1
    );
  }

  async markFailed(id: string, owner: string, now: number, error: string): Promise<boolean> {
    return (
      Number(
        await this.redis.eval(
          MARK_FAILED,
          3,
          this.itemKey(id),
          this.key('outbox', 'ready'),
          this.key('outbox', 'leased'),
          owner,
          id,
          now,
          error,
        ),
      ) === 1
    );
  }

  async releaseLeases(owner: string, now: number, keep: readonly string[]): Promise<number> {
    return Number(
      await this.redis.eval(
        RELEASE_LEASES,
        2,
        this.key('outbox', 'ready'),
        this.key('outbox', 'leased'),
        owner,
        now,
        this.itemKey(''),
        ...keep,
      ),
    );
  }

  async getOutboxItem(id: string): Promise<OutboxItem | null> {
    return outboxItemFrom(await this.redis.hgetall(this.itemKey(id)));
  }

  async listOutbox(state?: OutboxItem['state']): Promise<OutboxItem[]> {
    const items = await this.itemsById(await this.redis.smembers(this.key('outbox', 'ids')));
    return items.filter((i) => !state || i.state === state);
  }

  async nextPendingAt(): Promise<number | null> {
    const [, score] = await this.redis.zrange(this.key('outbox', 'ready'), 0, 0, 'WITHSCORES');
    return score === undefined ? null : Number(score);
  }

  async addAcknowledgement(ack: Acknowledgement): Promise<void> {
    await this.redis
      .multi()
      .rpush(this.key('ack', ack.alertKey), JSON.stringify(ack))
      .sadd(this.key('acked'), ack.alertKey)
      .exec();
  }

  async listAcknowledgements(alertKey: string): Promise<Acknowledgement[]> {
    return (await this.redis.lrange(this.key('ack', alertKey), 0, -1)).map((v) => JSON.parse(v) as Acknowledgement);
  }

  async acknowledgedKeys(alertKeys: readonly string[]): Promise<Set<string>> {
    if (alertKeys.length === 0) return new Set();
    const flags = await this.redis.smismember(this.key('acked'), ...alertKeys);
    return new Set(alertKeys.filter((_, i) => flags[i] === 1));
  }

  async appendAudit(entry: AuditEntry): Promise<void> {
    await this.redis.rpush(this.key('audit'), JSON.stringify(entry));
  }

  async listAudit(query: AuditQuery = {}): Promise<AuditEntry[]> {
    const entries = (await this.redis.lrange(this.key('audit'), 0, -1))
      .map((v) => JSON.parse(v) as AuditEntry)
      .filter((e) => (!query.schoolUrn || e.schoolUrn === query.schoolUrn) && (!query.upn || e.upn === query.upn));
    return query.limit === undefined ? entries : entries.slice(Math.max(0, entries.length - query.limit));
  }

  private static recordFrom<T>(id: string, raw: string): VersionedRecord<T> {
    const colon = raw.indexOf(':');
    return { id, version: Number(raw.slice(0, colon)), value: JSON.parse(raw.slice(colon + 1)) as T };
  }

  async getRecord<T = unknown>(namespace: string, id: string): Promise<VersionedRecord<T> | null> {
    const raw = await this.redis.hget(this.key('records', namespace), id);
    return raw == null ? null : RedisStateStore.recordFrom<T>(id, raw);
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
      this.key('records', namespace),
      id,
      expectedVersion ?? '',
      JSON.stringify(value),
    )) as [number, number];
    if (ok !== 1) throw new VersionConflictError(namespace, id, expectedVersion, version === 0 ? null : version);
    return { id, value: JSON.parse(JSON.stringify(value)) as T, version };
  }

  async listRecords<T = unknown>(namespace: string): Promise<VersionedRecord<T>[]> {
    return Object.entries(await this.redis.hgetall(this.key('records', namespace))).map(([id, raw]) =>
      RedisStateStore.recordFrom<T>(id, raw),
    );
  }

  async deleteRecord(namespace: string, id: string): Promise<boolean> {
    return (await this.redis.hdel(this.key('records', namespace), id)) > 0;
  }

  async close(): Promise<void> {
    if (this.ownsConnection) await this.redis.quit();
  }
}
