import {
  type EnqueueResult,
  type NewOutboxItem,
  type OutboxEntry,
  type OutboxItem,
  type StateStore,
} from './stateStore.ts';

/** The outbox's part of the StateStore interface, with the alert keys it records. */
export type StoreOutbox = Pick<
  StateStore,
  | 'sentAlertKeys'
  | 'enqueue'
  | 'enqueueMany'
  | 'claim'
  | 'markSent'
  | 'release'
  | 'markFailed'
  | 'releaseLeases'
  | 'getOutboxItem'
  | 'listOutbox'
  | 'nextPendingAt'
>;

/**
 * The outbox methods of a store that keeps its outbox in an object of its own (embeddedStateOutbox.ts,
 * redisOutbox.ts), each passing the call on: written once here rather than in every such store, whose own
 * file then holds only what it does itself.
 */
export abstract class OutboxDelegate implements StoreOutbox {
  protected abstract readonly outbox: StoreOutbox;

  sentAlertKeys(keys: readonly string[]): Promise<Set<string>> {
    return this.outbox.sentAlertKeys(keys);
  }

  enqueue(item: NewOutboxItem, alertKeys: readonly string[]): Promise<EnqueueResult> {
    return this.outbox.enqueue(item, alertKeys);
  }

  enqueueMany(entries: readonly OutboxEntry[]): Promise<EnqueueResult[]> {
    return this.outbox.enqueueMany(entries);
  }

  claim(owner: string, now: number, leaseMs: number, limit: number): Promise<OutboxItem[]> {
    return this.outbox.claim(owner, now, leaseMs, limit);
  }

  markSent(id: string, owner: string, now: number, activityId?: string): Promise<boolean> {
    return this.outbox.markSent(id, owner, now, activityId);
  }

  release(id: string, owner: string, retryAt: number, error: string, firstAttemptAt: number): Promise<boolean> {
    return this.outbox.release(id, owner, retryAt, error, firstAttemptAt);
  }

  markFailed(id: string, owner: string, now: number, error: string): Promise<boolean> {
    return this.outbox.markFailed(id, owner, now, error);
  }

  releaseLeases(owner: string, now: number, keep: readonly string[]): Promise<number> {
    return this.outbox.releaseLeases(owner, now, keep);
  }

  getOutboxItem(id: string): Promise<OutboxItem | null> {
    return this.outbox.getOutboxItem(id);
  }

  listOutbox(state?: OutboxItem['state']): Promise<OutboxItem[]> {
    return this.outbox.listOutbox(state);
  }

  nextPendingAt(): Promise<number | null> {
    return this.outbox.nextPendingAt();
  }
}
