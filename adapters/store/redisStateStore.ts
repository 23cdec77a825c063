import { type Redis } from 'ioredis';
import { auditMatching } from './auditQuery.ts';
import { OutboxDelegate } from './outboxDelegate.ts';
import { connectRedis, type ConnectionEvents } from './redisConnection.ts';
import { RedisKeys } from './redisKeys.ts';
import { RedisOutbox } from './redisOutbox.ts';
import { RedisRecords } from './redisRecords.ts';
import {
  type Acknowledgement,
  type AuditEntry,
  type AuditQuery,
  type ConversationBinding,
  type ConversationRecord,
  type SchoolRole,
  type StateStore,
  type Subscription,
  type VersionedRecord,
} from './stateStore.ts';

export interface RedisStateStoreOptions {
  /** Every key starts with this (default `attendance:`), so one Redis can hold several deployments or test runs. */
  keyPrefix?: string;
}

function parse<T>(raw: string | null | undefined): T | null {
  return raw == null ? null : (JSON.parse(raw) as T);
}

/**
 * The store for more than one bot instance: every key under a prefix in one Redis (redisKeys.ts), and
 * every step that two instances could race on (enqueue with its alert keys, claiming outbox items,
 * versioned record writes: redisOutbox.ts, redisRecords.ts) done in one Lua script, so it is atomic on
 * the server.
 */
export class RedisStateStore extends OutboxDelegate implements StateStore {
  private readonly keys: RedisKeys;
  /** The outbox and its alert keys, whose methods OutboxDelegate hands on. */
  protected readonly outbox: RedisOutbox;
  private readonly records: RedisRecords;

  constructor(
    private readonly redis: Redis,
    options: RedisStateStoreOptions = {},
    private readonly ownsConnection = false,
  ) {
    super();
    this.keys = new RedisKeys(options.keyPrefix ?? 'attendance:');
    this.outbox = new RedisOutbox(redis, this.keys);
    this.records = new RedisRecords(redis, this.keys);
  }

  /** Connects to `url` (redis://...), failing fast if Redis does not answer: redisConnection.ts. */
  static async connect(url: string, options: RedisStateStoreOptions = {}): Promise<RedisStateStore> {
    const { redis, connection } = await connectRedis(url);
    const store = new RedisStateStore(redis, options, true);
    store.connection = connection;
    return store;
  }

  private connection?: ConnectionEvents;

  /** Hears Redis go (`false`, with the error's kind) and come back (`true`). */
  onConnectionChange(listener: (up: boolean, reason?: string) => void): void {
    this.connection?.listeners.push(listener);
  }

  async putConversation(record: ConversationRecord): Promise<void> {
    await this.redis.hset(this.keys.conversations, record.conversationId, JSON.stringify(record));
  }

  async getConversation(conversationId: string): Promise<ConversationRecord | null> {
    return parse(await this.redis.hget(this.keys.conversations, conversationId));
  }

  async removeConversation(conversationId: string): Promise<boolean> {
    const result = await this.redis
      .multi()
      .hdel(this.keys.conversations, conversationId)
      .hdel(this.keys.bindings, conversationId)
      .exec();
    return (result ?? []).some(([, n]) => Number(n) > 0);
  }

  async listConversations(): Promise<ConversationRecord[]> {
    return Object.values(await this.redis.hgetall(this.keys.conversations)).map(
      (v) => JSON.parse(v) as ConversationRecord,
    );
  }

  async putBinding(binding: ConversationBinding): Promise<void> {
    await this.redis.hset(this.keys.bindings, binding.conversationId, JSON.stringify(binding));
  }

  async getBinding(conversationId: string): Promise<ConversationBinding | null> {
    return parse(await this.redis.hget(this.keys.bindings, conversationId));
  }

  async listBindings(): Promise<ConversationBinding[]> {
    return Object.values(await this.redis.hgetall(this.keys.bindings)).map((v) => JSON.parse(v) as ConversationBinding);
  }

  async putSubscription(subscription: Subscription): Promise<void> {
    await this.redis.hset(this.keys.subscriptions, subscription.userId, JSON.stringify(subscription));
  }

  async getSubscription(userId: string): Promise<Subscription | null> {
    return parse(await this.redis.hget(this.keys.subscriptions, userId));
  }

  async listSubscriptions(): Promise<Subscription[]> {
    return Object.values(await this.redis.hgetall(this.keys.subscriptions)).map((v) => JSON.parse(v) as Subscription);
  }

  async setRole(schoolUrn: string, userId: string, role: SchoolRole | null): Promise<void> {
    if (role) await this.redis.hset(this.keys.roles(schoolUrn), userId, role);
    else await this.redis.hdel(this.keys.roles(schoolUrn), userId);
  }

  async getRole(schoolUrn: string, userId: string): Promise<SchoolRole | null> {
    return ((await this.redis.hget(this.keys.roles(schoolUrn), userId)) as SchoolRole | null) ?? null;
  }

  async listRoles(schoolUrn: string): Promise<{ userId: string; role: SchoolRole }[]> {
    return Object.entries(await this.redis.hgetall(this.keys.roles(schoolUrn))).map(([userId, role]) => ({
      userId,
      role: role as SchoolRole,
    }));
  }

  async addAcknowledgement(ack: Acknowledgement): Promise<void> {
    await this.redis
      .multi()
      .rpush(this.keys.ack(ack.alertKey), JSON.stringify(ack))
      .sadd(this.keys.acked, ack.alertKey)
      .exec();
  }

  async listAcknowledgements(alertKey: string): Promise<Acknowledgement[]> {
    return (await this.redis.lrange(this.keys.ack(alertKey), 0, -1)).map((v) => JSON.parse(v) as Acknowledgement);
  }

  async acknowledgedKeys(alertKeys: readonly string[]): Promise<Set<string>> {
    if (alertKeys.length === 0) return new Set();
    const flags = await this.redis.smismember(this.keys.acked, ...alertKeys);
    return new Set(alertKeys.filter((_, i) => flags[i] === 1));
  }

  async appendAudit(entry: AuditEntry): Promise<void> {
    await this.redis.rpush(this.keys.audit, JSON.stringify(entry));
  }

  async listAudit(query: AuditQuery = {}): Promise<AuditEntry[]> {
    return auditMatching(await this.redis.lrange(this.keys.audit, 0, -1), query);
  }

  // Versioned records: redisRecords.ts.
  getRecord<T = unknown>(namespace: string, id: string): Promise<VersionedRecord<T> | null> {
    return this.records.getRecord<T>(namespace, id);
  }

  putRecord<T = unknown>(
    namespace: string,
    id: string,
    value: T,
    expectedVersion: number | null,
  ): Promise<VersionedRecord<T>> {
    return this.records.putRecord<T>(namespace, id, value, expectedVersion);
  }

  listRecords<T = unknown>(namespace: string): Promise<VersionedRecord<T>[]> {
    return this.records.listRecords<T>(namespace);
  }

  deleteRecord(namespace: string, id: string): Promise<boolean> {
    return this.records.deleteRecord(namespace, id);
  }

  async close(): Promise<void> {
    if (this.ownsConnection) await this.redis.quit();
  }
}
