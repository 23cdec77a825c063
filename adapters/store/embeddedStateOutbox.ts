import { type EmbeddedState } from './embeddedStateFile.ts';
import { type JournalPath } from './embeddedStateJournal.ts';
import { type EmbeddedStateWrites } from './embeddedStateWrites.ts';
import { jsonCopy } from './jsonCopy.ts';
import { type StoreOutbox } from './outboxDelegate.ts';
import { type EnqueueResult, type NewOutboxItem, type OutboxEntry, type OutboxItem } from './stateStore.ts';

/**
 * Frees every lease in a state just read from disk. Only for a directory whose lock was just taken: the
 * lock proves no other process holds it, so any lease belonged to a process that has died, and its items
 * are free to send now rather than when the lease runs out.
 */
export function releaseDeadLeases(state: EmbeddedState): void {
  for (const item of Object.values(state.outbox)) {
    if (item.state === 'pending' && item.leaseOwner) {
      delete item.leaseOwner;
      item.availableAt = 0;
    }
  }
}

/**
 * The embedded store's outbox and the alert keys recorded with it: each step changes the state in memory
 * in one synchronous piece (so no other call sees it half done), then waits for the save of the entries
 * it touched. The leases are what keep two senders off one item.
 */
export class EmbeddedStateOutbox implements StoreOutbox {
  constructor(
    private readonly state: EmbeddedState,
    private readonly writes: Pick<EmbeddedStateWrites, 'persist'>,
  ) {}

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
      this.state.outbox[item.id] = { ...jsonCopy(item), state: 'pending', attempts: 0, availableAt: 0 };
      paths.push(['outbox', item.id]);
      return 'enqueued';
    });
    if (paths.length > 0) await this.writes.persist(...paths);
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
    await this.writes.persist(...ready.map((i): JournalPath => ['outbox', i.id]));
    return jsonCopy(ready);
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
    await this.writes.persist(['outbox', id]);
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
    await this.writes.persist(['outbox', id]);
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
    await this.writes.persist(['outbox', id]);
    return true;
  }

  async getOutboxItem(id: string): Promise<OutboxItem | null> {
    return jsonCopy(this.state.outbox[id] ?? null);
  }

  async listOutbox(state?: OutboxItem['state']): Promise<OutboxItem[]> {
    return jsonCopy(Object.values(this.state.outbox).filter((i) => !state || i.state === state));
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
    if (released.length > 0) await this.writes.persist(...released);
    return released.length;
  }

  async nextPendingAt(): Promise<number | null> {
    let next: number | null = null;
    for (const item of Object.values(this.state.outbox))
      if (item.state === 'pending' && !item.leaseOwner && (next === null || item.availableAt < next))
        next = item.availableAt;
    return next;
  }
}
