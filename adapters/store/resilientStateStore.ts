import { HeldAudit, type HeldAuditOptions } from './heldAudit.ts';
import { LastKnownValues, type LastKnownOptions } from './lastKnownValues.ts';
import {
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
import { AvailabilityWatch, type AvailabilityOptions, type StoreAvailability } from './storeAvailability.ts';

export type StoreLog = (event: string, fields: Record<string, string | number | boolean | undefined>) => void;

/** The options of each part (storeAvailability.ts, lastKnownValues.ts, heldAudit.ts), and the log. */
export interface ResilientStoreOptions extends AvailabilityOptions, LastKnownOptions, HeldAuditOptions {
  log: StoreLog;
  /**
   * Record namespaces whose last-known values may also answer reads during an outage: small lookups that
   * shape an answer (which Teams user an Entra id is), never records a person acts on (cases, decisions).
   */
  lastKnownRecordNamespaces?: readonly string[];
}

/**
 * Wraps the state store so an outage (Redis stopped, unreachable or hung; the embedded store's disk
 * refusing writes) degrades the bot instead of stopping it:
 * - every call is bounded in time, and after one fails the store is treated as unavailable: calls then fail
 *   at once (no waiting on a dead connection) while a probe every few seconds writes a small record to see
 *   whether it is back (storeAvailability.ts);
 * - the binding of each conversation and the role of each person, as last read or written, are held for a
 *   bounded time and answer reads while the store is away, so questions are still answered from the
 *   registers in memory (lastKnownValues.ts);
 * - audit entries are held (bounded) and written in order when it returns, so the views of pupils'
 *   detail made during an outage are still recorded (heldAudit.ts);
 * - anything else that must be written fails with `StoreUnavailableError`, whose message says plainly that
 *   nothing was recorded;
 * - the change of state is logged once each way, and listeners (the alert sender) hear it.
 */
export class ResilientStateStore implements StateStore, StoreAvailability {
  readonly storeName: string;
  private readonly availability: AvailabilityWatch;
  private readonly lastKnown: LastKnownValues;
  private readonly auditHeld: HeldAudit;

  constructor(
    private readonly inner: StateStore,
    private readonly options: ResilientStoreOptions,
  ) {
    this.storeName = options.storeName;
    this.lastKnown = new LastKnownValues(options);
    this.auditHeld = new HeldAudit(
      (entry) => this.call('appendAudit', () => this.inner.appendAudit(entry)),
      () => this.availability.isAvailable(),
      options,
    );
    this.availability = new AvailabilityWatch(inner, options, {
      wentDown: (operation, error) => options.log('store.unavailable', { store: this.storeName, operation, error }),
      // Logged before the held audit starts going out, with what is held and what was lost.
      cameBack: (unavailableMs) => {
        options.log('store.available', {
          store: this.storeName,
          unavailableMs,
          auditHeld: this.auditHeld.size,
          auditDropped: this.auditHeld.dropped,
        });
        this.auditHeld.resume();
      },
    });
  }

  isAvailable(): boolean {
    return this.availability.isAvailable();
  }

  /** Epoch ms the store has been unavailable since, or null while it is available. */
  unavailableSince(): number | null {
    return this.availability.unavailableSince();
  }

  onAvailabilityChange(listener: (available: boolean) => void): () => void {
    return this.availability.onAvailabilityChange(listener);
  }

  private call<T>(operation: string, run: () => Promise<T>): Promise<T> {
    return this.availability.call(operation, run);
  }

  /** A read that, while the store is away, answers from the last-known value instead. */
  private readThrough<T>(operation: string, key: string, read: () => Promise<T>): Promise<T> {
    return this.lastKnown.readThrough(key, () => this.call(operation, read));
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
    this.lastKnown.remember(`binding:${conversationId}`, null);
    return removed;
  }
  listConversations(): Promise<ConversationRecord[]> {
    return this.call('listConversations', () => this.inner.listConversations());
  }

  // Bindings: held for reads while the store is away.
  async putBinding(binding: ConversationBinding): Promise<void> {
    await this.call('putBinding', () => this.inner.putBinding(binding));
    this.lastKnown.remember(`binding:${binding.conversationId}`, binding);
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
    this.lastKnown.remember(`role:${schoolUrn}:${userId}`, role);
    this.lastKnown.forget(`roles:${schoolUrn}`);
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
  appendAudit(entry: AuditEntry): Promise<void> {
    return this.auditHeld.append(entry);
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
    if (this.availability.stopped) return;
    if (this.availability.isAvailable() && this.auditHeld.size > 0) await this.auditHeld.flush();
    this.availability.stop();
    if (this.auditHeld.size > 0)
      this.options.log('store.audit-unwritten', { store: this.storeName, entries: this.auditHeld.size });
  }

  async close(): Promise<void> {
    await this.stop();
    await this.inner.close();
  }
}
