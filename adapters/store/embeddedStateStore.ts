import { closeSync, mkdirSync, openSync, readFileSync, unlinkSync, writeSync } from 'node:fs';
import { join } from 'node:path';
import { EmbeddedStateDisk, type EmbeddedStateDiskOptions } from './embeddedStateDisk.ts';
import { appendAuditLines, AUDIT_FILE, LOCK_FILE, type EmbeddedState } from './embeddedStateFile.ts';
import { journalOpFor, type JournalPath } from './embeddedStateJournal.ts';
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
 * The default store: all state in memory, each change saved in a data directory before its promise
 * resolves (a journal line, folded into `state.json` now and then: embeddedStateDisk.ts), and the audit
 * log appended to `audit.jsonl`. One process only (enforced by a lock file).
 */
export class EmbeddedStateStore implements StateStore {
  private chain: Promise<void> = Promise.resolve();
  private scheduled: Promise<void> | null = null;
  private scheduledAudit: Promise<void> | null = null;
  /** Entries changed since the last save, by path: the next save writes each one's value as it is then. */
  private readonly changed = new Map<string, JournalPath>();
  private auditLines: string[] = [];
  private closed = false;

  private constructor(
    private readonly dir: string,
    private readonly state: EmbeddedState,
    private readonly disk: EmbeddedStateDisk,
    private readonly lockPath: string,
  ) {}

  /** Opens (creating if need be) the store in `dir`. */
  static open(dir: string, options: EmbeddedStateDiskOptions = {}): EmbeddedStateStore {
    mkdirSync(dir, { recursive: true });
    const lockPath = takeLock(dir);
    try {
      const { state, disk } = EmbeddedStateDisk.load(dir, options);
      // The lock file proves no other process holds this directory, so any lease in it belonged to a
      // process that has died: its items are free to send now rather than when the lease runs out.
      for (const item of Object.values(state.outbox)) {
        if (item.state === 'pending' && item.leaseOwner) {
          delete item.leaseOwner;
          item.availableAt = 0;
        }
      }
      return new EmbeddedStateStore(dir, state, disk, lockPath);
    } catch (err) {
      unlinkSync(lockPath);
      throw err;
    }
  }

  /**
   * Every change is applied in memory at once, noting the entries it touched, then waits for a save that
   * starts after it. Saves run one at a time, and every change made before one starts goes into it (one
   * journal line, one fdatasync), so changes made together (a scan's card records, a batch of audit
   * lines) cost one write between them; each caller hears only once the save holding its change is done.
   */
  private persist(...paths: JournalPath[]): Promise<void> {
    if (this.closed) return Promise.reject(new Error('the state store is closed'));
    for (const path of paths) this.changed.set(path.join('\u0000'), path);
    if (this.scheduled) return this.scheduled;
    const write = this.chain.then(() => {
      this.scheduled = null;
      const ops = [...this.changed.values()].map((path) => journalOpFor(this.state, path));
      this.changed.clear();
      // A failed save leaves the disk to write the whole state next time, so these changes are not lost
      // to later saves; this one's callers hear that it failed.
      this.disk.save(this.state, ops);
    });
    this.scheduled = write;
    this.chain = write.catch(() => undefined);
    return write;
  }

  async putConversation(record: ConversationRecord): Promise<void> {
    this.state.conversations[record.conversationId] = copy(record);
    await this.persist(['conversations', record.conversationId]);
  }

  async getConversation(conversationId: string): Promise<ConversationRecord | null> {
    return copy(this.state.conversations[conversationId] ?? null);
  }

  async removeConversation(conversationId: string): Promise<boolean> {
    const known = conversationId in this.state.conversations || conversationId in this.state.bindings;
    delete this.state.conversations[conversationId];
    delete this.state.bindings[conversationId];
    await this.persist(['conversations', conversationId], ['bindings', conversationId]);
    return known;
  }

  async listConversations(): Promise<ConversationRecord[]> {
    return copy(Object.values(this.state.conversations));
  }

  async putBinding(binding: ConversationBinding): Promise<void> {
    this.state.bindings[binding.conversationId] = copy(binding);
    await this.persist(['bindings', binding.conversationId]);
  }

  async getBinding(conversationId: string): Promise<ConversationBinding | null> {
    return copy(this.state.bindings[conversationId] ?? null);
  }

  async listBindings(): Promise<ConversationBinding[]> {
    return copy(Object.values(this.state.bindings));
  }

  async putSubscription(subscription: Subscription): Promise<void> {
    this.state.subscriptions[subscription.userId] = copy(subscription);
    await this.persist(['subscriptions', subscription.userId]);
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
    await this.persist(['roles', schoolUrn]);
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
    const [result] = await this.enqueueMany([{ item, alertKeys }]);
    return result;
  }

  /** All in memory in one synchronous step, then one save: a crash leaves the whole batch or none of it. */
  async enqueueMany(entries: readonly OutboxEntry[]): Promise<EnqueueResult[]> {
    const paths: JournalPath[] = [];
    const results = entries.map(({ item, alertKeys }): EnqueueResult => {
      if (Object.hasOwn(this.state.outbox, item.id) || alertKeys.some((k) => Object.hasOwn(this.state.alertKeys, k)))
        return 'duplicate';
      for (const k of alertKeys) {
        this.state.alertKeys[k] = true;
        paths.push(['alertKeys', k]);
      }
      this.state.outbox[item.id] = { ...copy(item), state: 'pending', attempts: 0, availableAt: 0 };
      paths.push(['outbox', item.id]);
      return 'enqueued';
    });
    if (paths.length > 0) await this.persist(...paths);
    return results;
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
    await this.persist(...ready.map((i): JournalPath => ['outbox', i.id]));
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
    await this.persist(['outbox', id]);
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
    await this.persist(['outbox', id]);
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
    await this.persist(['outbox', id]);
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
    const released: JournalPath[] = [];
    for (const item of Object.values(this.state.outbox)) {
      if (item.state !== 'pending' || item.leaseOwner !== owner || kept.has(item.id)) continue;
      delete item.leaseOwner;
      item.availableAt = now;
      released.push(['outbox', item.id]);
    }
    if (released.length > 0) await this.persist(...released);
    return released.length;
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
    await this.persist(['acks', ack.alertKey]);
  }

  async listAcknowledgements(alertKey: string): Promise<Acknowledgement[]> {
    return copy(this.state.acks[alertKey] ?? []);
  }

  async acknowledgedKeys(alertKeys: readonly string[]): Promise<Set<string>> {
    return new Set(alertKeys.filter((k) => (this.state.acks[k]?.length ?? 0) > 0));
  }

  /**
   * Appended through the same queue as state saves, so audit lines keep their order; entries appended
   * before an append starts share it (one write, one fsync).
   */
  async appendAudit(entry: AuditEntry): Promise<void> {
    if (this.closed) throw new Error('the state store is closed');
    this.auditLines.push(`${JSON.stringify(entry)}\n`);
    if (!this.scheduledAudit) {
      const write = this.chain.then(() => {
        this.scheduledAudit = null;
        const lines = this.auditLines;
        this.auditLines = [];
        appendAuditLines(this.dir, lines);
      });
      this.scheduledAudit = write;
      this.chain = write.catch(() => undefined);
    }
    await this.scheduledAudit;
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
    await this.persist(['records', namespace, id]);
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
    await this.persist(['records', namespace, id]);
    return true;
  }

  /** Waits for pending writes, then releases the directory. */
  async close(): Promise<void> {
    if (this.closed) return;
    await this.chain;
    this.closed = true;
    this.disk.close();
    try {
      unlinkSync(this.lockPath);
    } catch {
      // Already gone: nothing to release.
    }
  }
}
