import { closeSync, mkdirSync, openSync, readFileSync, unlinkSync, writeSync } from 'node:fs';
import { join } from 'node:path';
import {
  appendAuditLines,
  AUDIT_FILE,
  LOCK_FILE,
  readEmbeddedState,
  writeEmbeddedState,
  type EmbeddedState,
} from './embeddedStateFile.ts';
import {
  VersionConflictError,
  type Acknowledgement,
  type AuditEntry,
  type AuditQuery,
  type ConversationBinding,
  type ConversationRecord,
  type EnqueueResult,
  type NewOutboxItem,
  type OutboxItem,
  type SchoolRole,
  type StateStore,
  type Subscription,
  type VersionedRecord,
} from './stateStore.ts';

/** Deep copy through JSON, so callers never hold (and mutate) the store's own objects. */
function copy<T>(value: T): T {
  return value === undefined ? value : (JSON.parse(JSON.stringify(value)) as T);
}

function processAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (err) {
    return (err as NodeJS.ErrnoException).code === 'EPERM';
  }
}

/**
 * Takes the data directory's lock file, so a second bot process on the same directory fails at start
 * instead of silently overwriting the first one's state. A lock left by a process that has died is taken over.
 */
function takeLock(dir: string): string {
  const path = join(dir, LOCK_FILE);
  for (let attempt = 0; attempt < 2; attempt++) {
    try {
      const fd = openSync(path, 'wx');
      writeSync(fd, String(process.pid));
      closeSync(fd);
      return path;
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code !== 'EEXIST') throw err;
      const holder = Number(readFileSync(path, 'utf8').trim());
      if (Number.isInteger(holder) && holder > 0 && processAlive(holder)) {
        throw new Error(
          `the state directory ${dir} is in use by process ${holder}; the embedded store allows one bot process (set REDIS_URL to run several)`,
          { cause: err },
        );
      }
      unlinkSync(path);
    }
  }
  throw new Error(`could not lock the state directory ${dir}`);
}

/**
 * The default store: all state in memory, persisted to `state.json` in a data directory after every change
 * (atomically, see embeddedStateFile.ts) and the audit log appended to `audit.jsonl`. One process only
 * (enforced by a lock file); every method resolves once its change is on disk.
 */
export class EmbeddedStateStore implements StateStore {
  private chain: Promise<void> = Promise.resolve();
  private scheduled: Promise<void> | null = null;
  private closed = false;

  private constructor(
    private readonly dir: string,
    private readonly state: EmbeddedState,
    private readonly lockPath: string,
  ) {}

  /** Opens (creating if need be) the store in `dir`. */
  static open(dir: string): EmbeddedStateStore {
    mkdirSync(dir, { recursive: true });
    const lockPath = takeLock(dir);
    try {
      const state = readEmbeddedState(dir);
      // The lock file proves no other process holds this directory, so any lease in it belonged to a
      // process that has died: its items are free to send now rather than when the lease runs out.
      for (const item of Object.values(state.outbox)) {
        if (item.state === 'pending' && item.leaseOwner) {
          delete item.leaseOwner;
          item.availableAt = 0;
        }
      }
      return new EmbeddedStateStore(dir, state, lockPath);
    } catch (err) {
      unlinkSync(lockPath);
      throw err;
    }
  }

  /**
   * Every change is applied in memory at once, then waits for a write that starts after it. Writes run
   * one at a time, and changes made while one is running share the next, so a burst costs two writes.
   */
  private persist(): Promise<void> {
    if (this.closed) return Promise.reject(new Error('the state store is closed'));
    if (this.scheduled) return this.scheduled;
    const write = this.chain.then(() => {
      this.scheduled = null;
      writeEmbeddedState(this.dir, this.state);
    });
    this.scheduled = write;
    this.chain = write.catch(() => undefined);
    return write;
  }

  async putConversation(record: ConversationRecord): Promise<void> {
    this.state.conversations[record.conversationId] = copy(record);
    await this.persist();
  }

  async getConversation(conversationId: string): Promise<ConversationRecord | null> {
    return copy(this.state.conversations[conversationId] ?? null);
  }

  async removeConversation(conversationId: string): Promise<boolean> {
    const known = conversationId in this.state.conversations || conversationId in this.state.bindings;
    delete this.state.conversations[conversationId];
    delete this.state.bindings[conversationId];
    await this.persist();
    return known;
  }

  async listConversations(): Promise<ConversationRecord[]> {
    return copy(Object.values(this.state.conversations));
  }

  async putBinding(binding: ConversationBinding): Promise<void> {
    this.state.bindings[binding.conversationId] = copy(binding);
    await this.persist();
  }

  async getBinding(conversationId: string): Promise<ConversationBinding | null> {
    return copy(this.state.bindings[conversationId] ?? null);
  }

  async listBindings(): Promise<ConversationBinding[]> {
    return copy(Object.values(this.state.bindings));
  }

  async putSubscription(subscription: Subscription): Promise<void> {
    this.state.subscriptions[subscription.userId] = copy(subscription);
    await this.persist();
  }

  async getSubscription(userId: string): Promise<Subscription | null> {
    return copy(this.state.subscriptions[userId] ?? null);
  }

  async listSubscriptions(): Promise<Subscription[]> {
    return copy(Object.values(this.state.subscriptions));
  }

  async setRole(schoolUrn: string, userId: string, role: SchoolRole | null): Promise<void> {
    const roles = (this.state.roles[schoolUrn] ??= {});
    if (role) roles[userId] = role;
    else delete roles[userId];
    await this.persist();
  }

  async getRole(schoolUrn: string, userId: string): Promise<SchoolRole | null> {
    return this.state.roles[schoolUrn]?.[userId] ?? null;
  }

  async listRoles(schoolUrn: string): Promise<{ userId: string; role: SchoolRole }[]> {
    return Object.entries(this.state.roles[schoolUrn] ?? {}).map(([userId, role]) => ({ userId, role }));
  }

  async sentAlertKeys(keys: readonly string[]): Promise<Set<string>> {
    return new Set(keys.filter((k) => this.state.alertKeys[k]));
  }

  async enqueue(item: NewOutboxItem, alertKeys: readonly string[]): Promise<EnqueueResult> {
    if (this.state.outbox[item.id] || alertKeys.some((k) => this.state.alertKeys[k])) return 'duplicate';
    for (const k of alertKeys) this.state.alertKeys[k] = true;
    this.state.outbox[item.id] = { ...copy(item), state: 'pending', attempts: 0, availableAt: 0 };
    await this.persist();
    return 'enqueued';
  }

  async claim(owner: string, now: number, leaseMs: number, limit: number): Promise<OutboxItem[]> {
    const ready = Object.values(this.state.outbox)
      .filter((i) => i.state === 'pending' && i.availableAt <= now)
      .sort(
        (a, b) => a.availableAt - b.availableAt || a.createdAt.localeCompare(b.createdAt) || a.id.localeCompare(b.id),
      )
      .slice(0, limit);
    if (ready.length === 0) return [];
    for (const item of ready) {
      item.leaseOwner = owner;
      item.availableAt = now + leaseMs;
    }
    await this.persist();
    return copy(ready);
  }

  private held(id: string, owner: string): OutboxItem | null {
    const item = this.state.outbox[id];
    return item && item.state === 'pending' && item.leaseOwner === owner ? item : null;
  }

  async markSent(id: string, owner: string, now: number, activityId?: string): Promise<boolean> {
    const item = this.held(id, owner);
    if (!item) return false;
    Object.assign(item, { state: 'sent', attempts: item.attempts + 1, finishedAt: now, leaseOwner: undefined });
    if (activityId) item.activityId = activityId;
    await this.persist();
    return true;
  }

  async release(id: string, owner: string, retryAt: number, error: string, firstAttemptAt: number): Promise<boolean> {
    const item = this.held(id, owner);
    if (!item) return false;
    Object.assign(item, {
      attempts: item.attempts + 1,
      availableAt: retryAt,
      lastError: error,
      firstAttemptAt,
      leaseOwner: undefined,
    });
    await this.persist();
    return true;
  }

  async markFailed(id: string, owner: string, now: number, error: string): Promise<boolean> {
    const item = this.held(id, owner);
    if (!item) return false;
    Object.assign(item, {
      state: 'failed',
      attempts: item.attempts + 1,
      finishedAt: now,
      lastError: error,
      leaseOwner: undefined,
    });
    await this.persist();
    return true;
  }

  async getOutboxItem(id: string): Promise<OutboxItem | null> {
    return copy(this.state.outbox[id] ?? null);
  }

  async listOutbox(state?: OutboxItem['state']): Promise<OutboxItem[]> {
    return copy(Object.values(this.state.outbox).filter((i) => !state || i.state === state));
  }

  async releaseLeases(owner: string, now: number, keep: readonly string[]): Promise<number> {
    const kept = new Set(keep);
    let released = 0;
    for (const item of Object.values(this.state.outbox)) {
      if (item.state !== 'pending' || item.leaseOwner !== owner || kept.has(item.id)) continue;
      delete item.leaseOwner;
      item.availableAt = now;
      released++;
    }
    if (released > 0) await this.persist();
    return released;
  }

  async nextPendingAt(): Promise<number | null> {
    let next: number | null = null;
    for (const item of Object.values(this.state.outbox))
      if (item.state === 'pending' && !item.leaseOwner && (next === null || item.availableAt < next))
        next = item.availableAt;
    return next;
  }

  async addAcknowledgement(ack: Acknowledgement): Promise<void> {
    (this.state.acks[ack.alertKey] ??= []).push(copy(ack));
    await this.persist();
  }

  async listAcknowledgements(alertKey: string): Promise<Acknowledgement[]> {
    return copy(this.state.acks[alertKey] ?? []);
  }

  async acknowledgedKeys(alertKeys: readonly string[]): Promise<Set<string>> {
    return new Set(alertKeys.filter((k) => (this.state.acks[k]?.length ?? 0) > 0));
  }

  /** Appended through the same queue as state writes, so audit lines keep their order. */
  async appendAudit(entry: AuditEntry): Promise<void> {
    if (this.closed) throw new Error('the state store is closed');
    const line = `${JSON.stringify(entry)}\n`;
    const write = this.chain.then(() => appendAuditLines(this.dir, [line]));
    this.chain = write.catch(() => undefined);
    await write;
  }

  async listAudit(query: AuditQuery = {}): Promise<AuditEntry[]> {
    await this.chain;
    let text = '';
    try {
      text = readFileSync(join(this.dir, AUDIT_FILE), 'utf8');
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code !== 'ENOENT') throw err;
    }
    const entries = text
      .split('\n')
      .filter((l) => l.trim() !== '')
      .map((l) => JSON.parse(l) as AuditEntry)
      .filter((e) => (!query.schoolUrn || e.schoolUrn === query.schoolUrn) && (!query.upn || e.upn === query.upn));
    return query.limit === undefined ? entries : entries.slice(Math.max(0, entries.length - query.limit));
  }

  async getRecord<T = unknown>(namespace: string, id: string): Promise<VersionedRecord<T> | null> {
    const found = this.state.records[namespace]?.[id];
    return found ? { id, value: copy(found.value) as T, version: found.version } : null;
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
    records[id] = { value: copy(value), version };
    await this.persist();
    return { id, value: copy(value), version };
  }

  async listRecords<T = unknown>(namespace: string): Promise<VersionedRecord<T>[]> {
    return Object.entries(this.state.records[namespace] ?? {}).map(([id, r]) => ({
      id,
      value: copy(r.value) as T,
      version: r.version,
    }));
  }

  async deleteRecord(namespace: string, id: string): Promise<boolean> {
    const records = this.state.records[namespace];
    if (!records || !(id in records)) return false;
    delete records[id];
    await this.persist();
    return true;
  }

  /** Waits for pending writes, then releases the directory. */
  async close(): Promise<void> {
    if (this.closed) return;
    await this.chain;
    this.closed = true;
    try {
      unlinkSync(this.lockPath);
    } catch {
      // Already gone: nothing to release.
    }
  }
}
