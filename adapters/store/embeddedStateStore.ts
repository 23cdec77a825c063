import { mkdirSync, unlinkSync } from 'node:fs';
import { auditMatching } from './auditQuery.ts';
import { EmbeddedStateDisk, type EmbeddedStateDiskOptions } from './embeddedStateDisk.ts';
import { readAuditLines, type EmbeddedState } from './embeddedStateFile.ts';
import { releaseLock, takeLock } from './embeddedStateLock.ts';
import { EmbeddedStateOutbox, releaseDeadLeases } from './embeddedStateOutbox.ts';
import { EmbeddedStateWrites } from './embeddedStateWrites.ts';
import { jsonCopy } from './jsonCopy.ts';
import { OutboxDelegate } from './outboxDelegate.ts';
import {
  VersionConflictError,
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

/**
 * The default store: all state in memory, each change saved in a data directory before its promise
 * resolves (a journal line, folded into `state.json` now and then: embeddedStateDisk.ts, through the queue
 * in embeddedStateWrites.ts), and the audit log appended to `audit.jsonl`. One process only (enforced by a
 * lock file: embeddedStateLock.ts).
 */
export class EmbeddedStateStore extends OutboxDelegate implements StateStore {
  private readonly writes: EmbeddedStateWrites;
  /** The outbox and its alert keys, whose methods OutboxDelegate hands on. */
  protected readonly outbox: EmbeddedStateOutbox;

  private constructor(
    private readonly dir: string,
    private readonly state: EmbeddedState,
    disk: EmbeddedStateDisk,
    private readonly lockPath: string,
  ) {
    super();
    this.writes = new EmbeddedStateWrites(dir, state, disk);
    this.outbox = new EmbeddedStateOutbox(state, this.writes);
  }

  /** Opens (creating if need be) the store in `dir`. */
  static open(dir: string, options: EmbeddedStateDiskOptions = {}): EmbeddedStateStore {
    mkdirSync(dir, { recursive: true });
    const lockPath = takeLock(dir);
    try {
      const { state, disk } = EmbeddedStateDisk.load(dir, options);
      // We hold the lock, so whoever holds a lease in this state has died.
      releaseDeadLeases(state);
      return new EmbeddedStateStore(dir, state, disk, lockPath);
    } catch (err) {
      unlinkSync(lockPath);
      throw err;
    }
  }

  async putConversation(record: ConversationRecord): Promise<void> {
    this.state.conversations[record.conversationId] = jsonCopy(record);
    await this.writes.persist(['conversations', record.conversationId]);
  }

  async getConversation(conversationId: string): Promise<ConversationRecord | null> {
    return jsonCopy(this.state.conversations[conversationId] ?? null);
  }

  async removeConversation(conversationId: string): Promise<boolean> {
    const known = conversationId in this.state.conversations || conversationId in this.state.bindings;
    delete this.state.conversations[conversationId];
    delete this.state.bindings[conversationId];
    await this.writes.persist(['conversations', conversationId], ['bindings', conversationId]);
    return known;
  }

  async listConversations(): Promise<ConversationRecord[]> {
    return jsonCopy(Object.values(this.state.conversations));
  }

  async putBinding(binding: ConversationBinding): Promise<void> {
    this.state.bindings[binding.conversationId] = jsonCopy(binding);
    await this.writes.persist(['bindings', binding.conversationId]);
  }

  async getBinding(conversationId: string): Promise<ConversationBinding | null> {
    return jsonCopy(this.state.bindings[conversationId] ?? null);
  }

  async listBindings(): Promise<ConversationBinding[]> {
    return jsonCopy(Object.values(this.state.bindings));
  }

  async putSubscription(subscription: Subscription): Promise<void> {
    this.state.subscriptions[subscription.userId] = jsonCopy(subscription);
    await this.writes.persist(['subscriptions', subscription.userId]);
  }

  async getSubscription(userId: string): Promise<Subscription | null> {
    return jsonCopy(this.state.subscriptions[userId] ?? null);
  }

  async listSubscriptions(): Promise<Subscription[]> {
    return jsonCopy(Object.values(this.state.subscriptions));
  }

  async setRole(schoolUrn: string, userId: string, role: SchoolRole | null): Promise<void> {
    const roles = (this.state.roles[schoolUrn] ??= {});
    if (role) roles[userId] = role;
    else delete roles[userId];
    await this.writes.persist(['roles', schoolUrn]);
  }

  async getRole(schoolUrn: string, userId: string): Promise<SchoolRole | null> {
    return this.state.roles[schoolUrn]?.[userId] ?? null;
  }

  async listRoles(schoolUrn: string): Promise<{ userId: string; role: SchoolRole }[]> {
    return Object.entries(this.state.roles[schoolUrn] ?? {}).map(([userId, role]) => ({ userId, role }));
  }

  async addAcknowledgement(ack: Acknowledgement): Promise<void> {
    (this.state.acks[ack.alertKey] ??= []).push(jsonCopy(ack));
    await this.writes.persist(['acks', ack.alertKey]);
  }

  async listAcknowledgements(alertKey: string): Promise<Acknowledgement[]> {
    return jsonCopy(this.state.acks[alertKey] ?? []);
  }

  async acknowledgedKeys(alertKeys: readonly string[]): Promise<Set<string>> {
    return new Set(alertKeys.filter((k) => (this.state.acks[k]?.length ?? 0) > 0));
  }

  /** Appended through the same queue as state saves, so audit lines keep their order. */
  appendAudit(entry: AuditEntry): Promise<void> {
    return this.writes.appendAudit(entry);
  }

  async listAudit(query: AuditQuery = {}): Promise<AuditEntry[]> {
    await this.writes.settled();
    return auditMatching(readAuditLines(this.dir), query);
  }

  async getRecord<T = unknown>(namespace: string, id: string): Promise<VersionedRecord<T> | null> {
    const found = this.state.records[namespace]?.[id];
    return found ? { id, value: jsonCopy(found.value) as T, version: found.version } : null;
  }

  async putRecord<T = unknown>(
    namespace: string,
    id: string,
    value: T,
    expectedVersion: number | null,
  ): Promise<VersionedRecord<T>> {
    const records = (this.state.records[namespace] ??= {});
    const actual = records[id]?.version ?? null;
    if (actual !== expectedVersion) throw new VersionConflictError(namespace, id, expectedVersion, actual);
    const version = (actual ?? 0) + 1;
    records[id] = { value: jsonCopy(value), version };
    await this.writes.persist(['records', namespace, id]);
    return { id, value: jsonCopy(value), version };
  }

  async listRecords<T = unknown>(namespace: string): Promise<VersionedRecord<T>[]> {
    return Object.entries(this.state.records[namespace] ?? {}).map(([id, r]) => ({
      id,
      value: jsonCopy(r.value) as T,
      version: r.version,
    }));
  }

  async deleteRecord(namespace: string, id: string): Promise<boolean> {
    const records = this.state.records[namespace];
    if (!records || !(id in records)) return false;
    delete records[id];
    await this.writes.persist(['records', namespace, id]);
    return true;
  }

  /** Waits for pending writes, then releases the directory. */
  async close(): Promise<void> {
    if (this.writes.isClosed) return;
    await this.writes.close();
    releaseLock(this.lockPath);
  }
}
