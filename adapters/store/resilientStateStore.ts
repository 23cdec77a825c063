import { StoreUnavailableError } from './storeUnavailableError.ts';
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

/** Whether the store can be reached now, and a way to hear when that changes. */
export interface StoreAvailability {
  /** `redis` or `embedded store`: what /healthz and the logs name. */
  readonly storeName: string;
  isAvailable(): boolean;
  /** Calls `listener` on every change; returns a function that stops it. */
  onAvailabilityChange(listener: (available: boolean) => void): () => void;
}

/** Up/down signals from the store's own connection (Redis), heard before any call fails. */
export interface ConnectionSignal {
  onConnectionChange(listener: (up: boolean, reason?: string) => void): void;
}

export type StoreLog = (event: string, fields: Record<string, string | number | boolean | undefined>) => void;

export interface ResilientStoreOptions {
  storeName: string;
  log: StoreLog;
  connection?: ConnectionSignal;
  now?: () => number;
  /** How long a last-known binding or role may stand in for the store (default 15 minutes). */
  lastKnownMs?: number;
  /** How many last-known bindings and roles are held (default 20,000; the least recently used go first). */
  lastKnownEntries?: number;
  /** A call that takes longer counts as the store being unavailable (default 2 s). */
  callTimeoutMs?: number;
  /** While unavailable, how often to try a write to see whether it is back (default 2 s). */
  probeEveryMs?: number;
  /** Audit entries held in memory while the store is away, written in order when it returns (default 50,000). */
  auditBacklog?: number;
  /**
   * Record namespaces whose last-known values may also answer reads during an outage: small lookups that
   * shape an answer (which Teams user an Entra id is), never records a person acts on (cases, decisions).
   */
  lastKnownRecordNamespaces?: readonly string[];
}

interface LastKnown {
  value: unknown;
  at: number;
}

/** Namespace of the record the probe writes: proof that a write reaches the store, not only a read. */
const PROBE_NAMESPACE = 'store-probe';

/**
 * Wraps the state store so an outage (Redis stopped, unreachable or hung; the embedded store's disk
 * refusing writes) degrades the bot instead of stopping it:
 * - every call is bounded in time, and after one fails the store is treated as unavailable: calls then fail
 *   at once (no waiting on a dead connection) while a probe every few seconds writes a small record to see
 *   whether it is back;
 * - the binding of each conversation and the role of each person, as last read or written, are held for a
 *   bounded time and answer reads while the store is away, so questions are still answered from the
 *   registers in memory;
 * - audit entries are held (bounded) and written in order when it returns, so the views of pupils'
 *   detail made during an outage are still recorded;
 * - anything else that must be written fails with `StoreUnavailableError`, whose message says plainly that
 *   nothing was recorded;
 * - the change of state is logged once each way, and listeners (the alert sender) hear it.
 */
export class ResilientStateStore implements StateStore, StoreAvailability {
  readonly storeName: string;
  private available = true;
  private downSince = 0;
  private readonly lastKnown = new Map<string, LastKnown>();
  private readonly auditHeld: AuditEntry[] = [];
  private auditDropped = 0;
  private flushing: Promise<void> | null = null;
  private probeTimer: NodeJS.Timeout | null = null;
  private readonly listeners = new Set<(available: boolean) => void>();
  private readonly now: () => number;
  private readonly lastKnownMs: number;
  private readonly lastKnownEntries: number;
  private readonly callTimeoutMs: number;
  private readonly probeEveryMs: number;
  private readonly auditBacklog: number;
  private closed = false;

  constructor(
    private readonly inner: StateStore,
    private readonly options: ResilientStoreOptions,
  ) {
    this.storeName = options.storeName;
    this.now = options.now ?? Date.now;
    this.lastKnownMs = options.lastKnownMs ?? 15 * 60_000;
    this.lastKnownEntries = options.lastKnownEntries ?? 20_000;
    this.callTimeoutMs = options.callTimeoutMs ?? 2_000;
    this.probeEveryMs = options.probeEveryMs ?? 2_000;
    this.auditBacklog = options.auditBacklog ?? 50_000;
    options.connection?.onConnectionChange((up, reason) => {
      if (up) void this.probe();
      else this.markDown('connection', reason ?? 'connection closed');
    });
  }

  isAvailable(): boolean {
    return this.available;
  }

  /** Epoch ms the store has been unavailable since, or null while it is available. */
  unavailableSince(): number | null {
    return this.available ? null : this.downSince;
  }

  onAvailabilityChange(listener: (available: boolean) => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  /** Runs one call against the store, bounded in time; a failure (not a version conflict) marks it unavailable. */
  private async call<T>(operation: string, run: () => Promise<T>): Promise<T> {
    if (!this.available) throw new StoreUnavailableError(this.storeName, operation);
    let timer: NodeJS.Timeout | undefined;
    try {
      const result = await Promise.race([run(), this.deadline((t) => (timer = t))]);
      return result;
    } catch (err) {
      if (err instanceof VersionConflictError) throw err;
      this.markDown(operation, errorKind(err));
      throw new StoreUnavailableError(this.storeName, operation);
    } finally {
      clearTimeout(timer);
    }
  }

  /**
   * Rejects after the call timeout. The rejection waits for setImmediate, after the event loop's I/O phase,
   * so an answer that arrived while the process was busy (a long evaluation, a loaded machine) is taken
   * rather than mistaken for an outage.
   */
  private deadline(keep: (timer: NodeJS.Timeout) => void): Promise<never> {
    return new Promise<never>((_, reject) => {
      keep(setTimeout(() => setImmediate(() => reject(new StoreTimeoutError())), this.callTimeoutMs));
    });
  }

  private markDown(operation: string, error: string): void {
    if (this.closed || !this.available) return;
    this.available = false;
    this.downSince = this.now();
    this.options.log('store.unavailable', { store: this.storeName, operation, error });
    for (const listener of this.listeners) listener(false);
    this.probeTimer = setInterval(() => void this.probe(), this.probeEveryMs);
    this.probeTimer.unref();
  }

  private probing = false;

  /** One small write straight to the store; if it lands, the store is back. */
  private async probe(): Promise<void> {
    if (this.available || this.probing || this.closed) return;
    this.probing = true;
    let timer: NodeJS.Timeout | undefined;
    try {
      await Promise.race([
        (async () => {
          const current = await this.inner.getRecord(PROBE_NAMESPACE, 'probe');
          await this.inner.putRecord(PROBE_NAMESPACE, 'probe', { at: this.now() }, current?.version ?? null);
        })().catch((err: unknown) => {
          // Another instance wrote the probe at the same moment: the store answered, which is all we ask.
          if (!(err instanceof VersionConflictError)) throw err;
        }),
        this.deadline((t) => (timer = t)),
      ]);
    } catch {
      return;
    } finally {
      clearTimeout(timer);
      this.probing = false;
    }
    this.markUp();
  }

  private markUp(): void {
    if (this.available || this.closed) return;
    this.available = true;
    if (this.probeTimer) clearInterval(this.probeTimer);
    this.probeTimer = null;
    this.options.log('store.available', {
      store: this.storeName,
      unavailableMs: this.now() - this.downSince,
      auditHeld: this.auditHeld.length,
      auditDropped: this.auditDropped,
    });
    this.auditDropped = 0;
    void this.flushAudit();
    for (const listener of this.listeners) listener(true);
  }

  private remember(key: string, value: unknown): void {
    this.lastKnown.delete(key);
    this.lastKnown.set(key, { value: structuredClone(value), at: this.now() });
    if (this.lastKnown.size > this.lastKnownEntries) this.lastKnown.delete(this.lastKnown.keys().next().value!);
  }

  /** The value last read or written under `key`, if recent enough to stand in for the store. */
  private recall<T>(key: string): { value: T } | undefined {
    const known = this.lastKnown.get(key);
    if (!known || this.now() - known.at > this.lastKnownMs) return undefined;
    return { value: structuredClone(known.value) as T };
  }

  /** A read that, while the store is away, answers from the last-known value instead. */
  private async readThrough<T>(operation: string, key: string, read: () => Promise<T>): Promise<T> {
    try {
      const value = await this.call(operation, read);
      this.remember(key, value);
      return value;
    } catch (err) {
      if (!(err instanceof StoreUnavailableError)) throw err;
      const known = this.recall<T>(key);
      if (known) return known.value;
      throw err;
    }
  }

  private async flushAudit(): Promise<void> {
    this.flushing ??= (async () => {
      while (this.auditHeld.length > 0 && this.available) {
        try {
          await this.call('appendAudit', () => this.inner.appendAudit(this.auditHeld[0]));
          this.auditHeld.shift();
        } catch {
          return;
        }
      }
    })().finally(() => {
      this.flushing = null;
    });
    return this.flushing;
  }

  // Conversations.
  putConversation(record: ConversationRecord): Promise<void> {
    return this.call('putConversation', () => this.inner.putConversation(record));
  }
  getConversation(conversationId: string): Promise<ConversationRecord | null> {
    return this.call('getConversation', () => this.inner.getConversation(conversationId));
  }
  async removeConversation(conversationId: string): Promise<boolean> {
    const removed = await this.call('removeConversation', () => this.inner.removeConversation(conversationId));
    this.remember(`binding:${conversationId}`, null);
    return removed;
  }
  listConversations(): Promise<ConversationRecord[]> {
    return this.call('listConversations', () => this.inner.listConversations());
  }

  // Bindings: held for reads while the store is away.
  async putBinding(binding: ConversationBinding): Promise<void> {
    await this.call('putBinding', () => this.inner.putBinding(binding));
    this.remember(`binding:${binding.conversationId}`, binding);
  }
  getBinding(conversationId: string): Promise<ConversationBinding | null> {
    return this.readThrough('getBinding', `binding:${conversationId}`, () => this.inner.getBinding(conversationId));
  }
  listBindings(): Promise<ConversationBinding[]> {
    return this.call('listBindings', () => this.inner.listBindings());
  }

  putSubscription(subscription: Subscription): Promise<void> {
    return this.call('putSubscription', () => this.inner.putSubscription(subscription));
  }
  getSubscription(userId: string): Promise<Subscription | null> {
    return this.call('getSubscription', () => this.inner.getSubscription(userId));
  }
  listSubscriptions(): Promise<Subscription[]> {
    return this.call('listSubscriptions', () => this.inner.listSubscriptions());
  }

  // Roles: held for reads while the store is away.
  async setRole(schoolUrn: string, userId: string, role: SchoolRole | null): Promise<void> {
    await this.call('setRole', () => this.inner.setRole(schoolUrn, userId, role));
    this.remember(`role:${schoolUrn}:${userId}`, role);
    this.lastKnown.delete(`roles:${schoolUrn}`);
  }
  getRole(schoolUrn: string, userId: string): Promise<SchoolRole | null> {
    return this.readThrough('getRole', `role:${schoolUrn}:${userId}`, () => this.inner.getRole(schoolUrn, userId));
  }
  /** Who holds a role at a school (for who may see a card's full view): held like single roles. */
  listRoles(schoolUrn: string): Promise<{ userId: string; role: SchoolRole }[]> {
    return this.readThrough('listRoles', `roles:${schoolUrn}`, () => this.inner.listRoles(schoolUrn));
  }

  sentAlertKeys(keys: readonly string[]): Promise<Set<string>> {
    return this.call('sentAlertKeys', () => this.inner.sentAlertKeys(keys));
  }
  enqueue(item: NewOutboxItem, alertKeys: readonly string[]): Promise<EnqueueResult> {
    return this.call('enqueue', () => this.inner.enqueue(item, alertKeys));
  }
  enqueueMany(entries: readonly OutboxEntry[]): Promise<EnqueueResult[]> {
    return this.call('enqueueMany', () => this.inner.enqueueMany(entries));
  }
  claim(owner: string, now: number, leaseMs: number, limit: number): Promise<OutboxItem[]> {
    return this.call('claim', () => this.inner.claim(owner, now, leaseMs, limit));
  }
  markSent(id: string, owner: string, now: number, activityId?: string): Promise<boolean> {
    return this.call('markSent', () => this.inner.markSent(id, owner, now, activityId));
  }
  release(id: string, owner: string, retryAt: number, error: string, firstAttemptAt: number): Promise<boolean> {
    return this.call('release', () => this.inner.release(id, owner, retryAt, error, firstAttemptAt));
  }
  markFailed(id: string, owner: string, now: number, error: string): Promise<boolean> {
    return this.call('markFailed', () => this.inner.markFailed(id, owner, now, error));
  }
  releaseLeases(owner: string, now: number, keep: readonly string[]): Promise<number> {
    return this.call('releaseLeases', () => this.inner.releaseLeases(owner, now, keep));
  }
  getOutboxItem(id: string): Promise<OutboxItem | null> {
    return this.call('getOutboxItem', () => this.inner.getOutboxItem(id));
  }
  listOutbox(state?: OutboxItem['state']): Promise<OutboxItem[]> {
    return this.call('listOutbox', () => this.inner.listOutbox(state));
  }
  nextPendingAt(): Promise<number | null> {
    return this.call('nextPendingAt', () => this.inner.nextPendingAt());
  }

  addAcknowledgement(ack: Acknowledgement): Promise<void> {
    return this.call('addAcknowledgement', () => this.inner.addAcknowledgement(ack));
  }
  listAcknowledgements(alertKey: string): Promise<Acknowledgement[]> {
    return this.call('listAcknowledgements', () => this.inner.listAcknowledgements(alertKey));
  }
  acknowledgedKeys(alertKeys: readonly string[]): Promise<Set<string>> {
    return this.call('acknowledgedKeys', () => this.inner.acknowledgedKeys(alertKeys));
  }

  /** Never fails for an outage: held in memory (bounded, oldest dropped first and counted) until the store returns. */
  async appendAudit(entry: AuditEntry): Promise<void> {
    if (this.available && this.auditHeld.length === 0) {
      try {
        await this.call('appendAudit', () => this.inner.appendAudit(entry));
        return;
      } catch (err) {
        if (!(err instanceof StoreUnavailableError)) throw err;
      }
    }
    this.auditHeld.push(structuredClone(entry));
    if (this.auditHeld.length > this.auditBacklog) {
      this.auditHeld.shift();
      this.auditDropped++;
    }
    if (this.available) void this.flushAudit();
  }
  listAudit(query?: AuditQuery): Promise<AuditEntry[]> {
    return this.call('listAudit', () => this.inner.listAudit(query));
  }

  getRecord<T = unknown>(namespace: string, id: string): Promise<VersionedRecord<T> | null> {
    if (this.options.lastKnownRecordNamespaces?.includes(namespace))
      return this.readThrough('getRecord', `record:${namespace}:${id}`, () => this.inner.getRecord<T>(namespace, id));
    return this.call('getRecord', () => this.inner.getRecord<T>(namespace, id));
  }
  putRecord<T = unknown>(
    namespace: string,
    id: string,
    value: T,
    expectedVersion: number | null,
  ): Promise<VersionedRecord<T>> {
    return this.call('putRecord', () => this.inner.putRecord<T>(namespace, id, value, expectedVersion));
  }
  listRecords<T = unknown>(namespace: string): Promise<VersionedRecord<T>[]> {
    return this.call('listRecords', () => this.inner.listRecords<T>(namespace));
  }
  deleteRecord(namespace: string, id: string): Promise<boolean> {
    return this.call('deleteRecord', () => this.inner.deleteRecord(namespace, id));
  }

  /**
   * Stops watching the store and writes what audit it still holds if it can; entries it cannot write are
   * counted in the log (never written there). The store underneath stays open: its owner closes it.
   */
  async stop(): Promise<void> {
    if (this.closed) return;
    if (this.available && this.auditHeld.length > 0) await this.flushAudit();
    this.closed = true;
    if (this.probeTimer) clearInterval(this.probeTimer);
    this.probeTimer = null;
    this.listeners.clear();
    if (this.auditHeld.length > 0)
      this.options.log('store.audit-unwritten', { store: this.storeName, entries: this.auditHeld.length });
  }

  async close(): Promise<void> {
    await this.stop();
    await this.inner.close();
  }
}

class StoreTimeoutError extends Error {
  constructor() {
    super('the store did not answer in time');
    this.name = 'StoreTimeoutError';
  }
}

function errorKind(err: unknown): string {
  if (err instanceof Error) return (err as NodeJS.ErrnoException).code ?? err.name;
  return typeof err;
}
