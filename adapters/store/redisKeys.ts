/**
 * Where each part of the state lives in Redis. Every key starts with the deployment's prefix (default
 * `attendance:`), so one Redis can hold several deployments or test runs; naming them in one place keeps
 * the store's commands and the Lua scripts' KEYS (redisScripts.ts) on the same keys.
 */
export class RedisKeys {
  /** Hash of conversation id to ConversationRecord JSON. */
  readonly conversations: string;
  /** Hash of conversation id to ConversationBinding JSON. */
  readonly bindings: string;
  /** Hash of user id to Subscription JSON. */
  readonly subscriptions: string;
  /** Set of every alert key recorded with an outbox item. */
  readonly alertKeys: string;
  /** Set of every outbox item's id. */
  readonly outboxIds: string;
  /** Zset of unleased pending items, scored by when they may be sent. */
  readonly outboxReady: string;
  /** Zset of leased items, scored by when the lease runs out. */
  readonly outboxLeased: string;
  /** Set of the alert keys with at least one acknowledgement. */
  readonly acked: string;
  /** List of audit entries as JSON, oldest first. */
  readonly audit: string;

  constructor(private readonly prefix: string) {
    this.conversations = this.key('conversations');
    this.bindings = this.key('bindings');
    this.subscriptions = this.key('subscriptions');
    this.alertKeys = this.key('alertkeys');
    this.outboxIds = this.key('outbox', 'ids');
    this.outboxReady = this.key('outbox', 'ready');
    this.outboxLeased = this.key('outbox', 'leased');
    this.acked = this.key('acked');
    this.audit = this.key('audit');
  }

  /** Hash of user id to role, for one school. */
  roles(schoolUrn: string): string {
    return this.key('roles', schoolUrn);
  }

  /** Hash of one outbox item (redisOutbox.ts); with '' the prefix the scripts add an id to. */
  outboxItem(id: string): string {
    return this.key('outbox', 'item', id);
  }

  /** List of one alert's acknowledgements as JSON. */
  ack(alertKey: string): string {
    return this.key('ack', alertKey);
  }

  /** Hash of one namespace's records, each "<version>:<json>" (redisRecords.ts). */
  records(namespace: string): string {
    return this.key('records', namespace);
  }

  private key(...parts: string[]): string {
    return this.prefix + parts.join(':');
  }
}
