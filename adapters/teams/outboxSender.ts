import { type OutboxItem, type OutboxMessage, type StateStore } from '../store/stateStore.ts';
import { systemClock, type Clock } from './clock.ts';
import { TEAMS_PACING_LIMITS, type PacingLimits } from './pacingLimits.ts';
import { backoffDelay, DEFAULT_RETRY_POLICY, type RetryPolicy } from './retryBackoff.ts';
import { classifySendFailure } from './sendFailure.ts';
import { SlidingWindowLimiter } from './slidingWindowLimiter.ts';

/** Margin kept before a lease ends, so a send never starts after another instance could have claimed the item. */
const LEASE_SAFETY_MS = 5_000;

/** Posts one message to a stored conversation reference: one HTTP request, no pacing (that is ours). */
export type SendToConversation = (reference: unknown, message: OutboxMessage) => Promise<{ id?: string }>;

/** Structured log lines: ids and counts only, never pupils' names or marks. */
export type SenderLog = (
  level: 'info' | 'warn',
  event: string,
  fields: Record<string, string | number | boolean | undefined>,
) => void;

export const consoleSenderLog: SenderLog = (level, event, fields) => {
  const line = JSON.stringify({ level, component: 'outbox-sender', event, ...fields });
  if (level === 'warn') console.warn(line);
  else console.log(line);
};

export interface OutboxSenderOptions {
  store: StateStore;
  send: SendToConversation;
  /** This instance's id: leases are taken in its name. */
  owner: string;
  clock?: Clock;
  limits?: PacingLimits;
  retry?: RetryPolicy;
  /** How long a claimed item is ours before another instance may take it (covers one batch's sends). */
  leaseMs?: number;
  batchSize?: number;
  /** Sends in flight at once, across conversations (one at a time within a conversation). */
  concurrency?: number;
  random?: () => number;
  log?: SenderLog;
}

export interface DrainReport {
  sent: number;
  retried: number;
  failed: number;
  droppedConversations: number;
}

/**
 * Drains the outbox to Teams. Items are persisted before this sees them; each is leased from the store,
 * sent within Teams' rate limits, and marked sent only after Teams accepted it. So a crash mid-drain loses
 * nothing (the lease runs out and this or another instance sends what is left) and repeats nothing it had
 * marked; the one unavoidable gap is a crash between Teams accepting a send and the mark being written,
 * which can repeat that one message.
 */
export class OutboxSender {
  private readonly store: StateStore;
  private readonly send: SendToConversation;
  private readonly owner: string;
  private readonly clock: Clock;
  private readonly retry: RetryPolicy;
  private readonly leaseMs: number;
  private readonly batchSize: number;
  private readonly concurrency: number;
  private readonly random: () => number;
  private readonly log: SenderLog;
  private readonly perConversation: SlidingWindowLimiter;
  private readonly perTenant: SlidingWindowLimiter;
  private draining: Promise<DrainReport> | null = null;
  /** Items whose send is under way: their leases are never given back while the request is out. */
  private readonly inFlight = new Set<string>();
  /**
   * Sends Teams accepted whose mark could not be written (the store went away): marked when it returns,
   * never sent again.
   */
  private readonly unrecorded = new Map<string, { activityId?: string; at: number }>();

  constructor(options: OutboxSenderOptions) {
    this.store = options.store;
    this.send = options.send;
    this.owner = options.owner;
    this.clock = options.clock ?? systemClock;
    this.retry = options.retry ?? DEFAULT_RETRY_POLICY;
    this.leaseMs = options.leaseMs ?? 120_000;
    this.batchSize = options.batchSize ?? 100;
    this.concurrency = options.concurrency ?? 8;
    this.random = options.random ?? Math.random;
    this.log = options.log ?? consoleSenderLog;
    const limits = options.limits ?? TEAMS_PACING_LIMITS;
    this.perConversation = new SlidingWindowLimiter(limits.perConversation);
    this.perTenant = new SlidingWindowLimiter(limits.perTenant);
  }

  /**
   * Sends everything pending, waiting out retries, and resolves when the outbox holds nothing pending
   * (or `signal` aborts). Concurrent calls share one drain.
   */
  drain(signal?: AbortSignal): Promise<DrainReport> {
    this.draining ??= this.drainLoop(signal).finally(() => {
      this.draining = null;
    });
    return this.draining;
  }

  /**
   * After the store was unavailable and is back: records the sends Teams accepted meanwhile, gives back
   * this instance's leases on items it claimed but did not send (so they go now, not when the lease runs
   * out), then drains. Nothing is sent twice: an accepted send is only marked, and an item whose send is
   * still under way keeps its lease.
   */
  async resume(signal?: AbortSignal): Promise<DrainReport> {
    await this.recordUnrecorded();
    const released = await this.store.releaseLeases(this.owner, this.clock.now(), [
      ...this.inFlight,
      ...this.unrecorded.keys(),
    ]);
    if (released > 0) this.log('info', 'leases-released', { owner: this.owner, released });
    return this.drain(signal);
  }

  private async recordUnrecorded(): Promise<void> {
    for (const [id, sent] of [...this.unrecorded]) {
      // False means the lease moved on: nothing more this instance can do for it, and it was sent.
      await this.store.markSent(id, this.owner, sent.at, sent.activityId);
      this.unrecorded.delete(id);
    }
  }

  private async drainLoop(signal?: AbortSignal): Promise<DrainReport> {
    const report: DrainReport = { sent: 0, retried: 0, failed: 0, droppedConversations: 0 };
    if (this.unrecorded.size > 0) await this.recordUnrecorded();
    while (!signal?.aborted) {
      const batch = await this.store.claim(this.owner, this.clock.now(), this.leaseMs, this.batchSize);
      if (batch.length > 0) {
        await this.deliver(batch, report, signal);
        continue;
      }
      const next = await this.store.nextPendingAt();
      if (next === null) break;
      // Waiting for a retry time, or for another instance's lease to finish or run out.
      await this.clock.sleep(Math.max(1, next - this.clock.now()));
    }
    if (report.sent + report.failed + report.retried > 0) this.log('info', 'drained', { owner: this.owner, ...report });
    return report;
  }

  /** One worker per conversation (so its messages keep their order), at most `concurrency` at once. */
  private async deliver(batch: OutboxItem[], report: DrainReport, signal?: AbortSignal): Promise<void> {
    const byConversation = new Map<string, OutboxItem[]>();
    for (const item of batch)
      byConversation.set(item.conversationId, [...(byConversation.get(item.conversationId) ?? []), item]);
    const queues = [...byConversation.values()];
    const worker = async () => {
      for (let queue = queues.shift(); queue; queue = queues.shift()) {
        for (const item of queue) {
          if (signal?.aborted) return;
          await this.deliverOne(item, report);
        }
      }
    };
    await Promise.all(Array.from({ length: Math.min(this.concurrency, queues.length) }, worker));
  }

  private async waitForSlot(conversationId: string, tenantKey: string): Promise<void> {
    for (;;) {
      const now = this.clock.now();
      const wait = Math.max(this.perConversation.waitFor(conversationId, now), this.perTenant.waitFor(tenantKey, now));
      if (wait <= 0) {
        // Recorded before the request goes out, in the same tick as the check, so concurrent workers
        // cannot both take the last slot.
        this.perConversation.record(conversationId, now);
        this.perTenant.record(tenantKey, now);
        return;
      }
      await this.clock.sleep(wait);
    }
  }

  private async deliverOne(item: OutboxItem, report: DrainReport): Promise<void> {
    const ids = { outboxId: item.id, conversationId: item.conversationId, kind: item.kind };
    const conversation = await this.store.getConversation(item.conversationId);
    if (!conversation) {
      // Uninstalled (or dropped after a 403) since it was queued: nobody to tell.
      if (await this.store.markFailed(item.id, this.owner, this.clock.now(), 'conversation no longer installed'))
        report.failed++;
      this.log('info', 'skipped-uninstalled', ids);
      return;
    }
    await this.waitForSlot(item.conversationId, item.tenantId ?? conversation.tenantId ?? 'tenant');
    // The claim set availableAt to the end of our lease. Too close to it, another instance may already be
    // entitled to the item: leave it to whoever claims it next rather than risk sending it twice.
    if (this.clock.now() > item.availableAt - LEASE_SAFETY_MS) {
      this.log('info', 'lease-expiring-left-for-next-claim', ids);
      return;
    }
    let accepted: { id?: string };
    this.inFlight.add(item.id);
    try {
      accepted = await this.send(conversation.reference, item.message);
    } catch (err) {
      this.inFlight.delete(item.id);
      await this.handleFailure(item, err, report);
      return;
    }
    const sentAt = this.clock.now();
    try {
      if (await this.store.markSent(item.id, this.owner, sentAt, accepted.id)) report.sent++;
      else this.log('warn', 'lease-lost-after-send', { ...ids, owner: this.owner });
    } catch (err) {
      // Teams has it; only our record of that failed. Kept to be marked when the store is back, so it is
      // neither sent again nor taken for a failed send.
      this.unrecorded.set(item.id, { activityId: accepted.id, at: sentAt });
      this.log('warn', 'sent-not-recorded', ids);
      throw err;
    } finally {
      this.inFlight.delete(item.id);
    }
  }

  private async handleFailure(item: OutboxItem, err: unknown, report: DrainReport): Promise<void> {
    const now = this.clock.now();
    const failure = classifySendFailure(err, now);
    const ids = {
      outboxId: item.id,
      conversationId: item.conversationId,
      kind: item.kind,
      status: 'status' in failure ? failure.status : undefined,
    };
    if (failure.kind === 'gone') {
      await this.store.removeConversation(item.conversationId);
      await this.store.markFailed(item.id, this.owner, now, `HTTP ${failure.status}: conversation gone`);
      await this.audit('send.conversation-dropped', item, { status: failure.status });
      this.log('warn', 'conversation-dropped', ids);
      report.failed++;
      report.droppedConversations++;
      return;
    }
    if (failure.kind === 'permanent') {
      await this.store.markFailed(item.id, this.owner, now, `HTTP ${failure.status}`);
      await this.audit('send.failed', item, { status: failure.status, attempts: item.attempts + 1 });
      this.log('warn', 'send-failed', ids);
      report.failed++;
      return;
    }
    const wait =
      failure.kind === 'throttled' && failure.retryAfterMs !== undefined
        ? failure.retryAfterMs
        : backoffDelay(item.attempts, this.retry, this.random);
    if (failure.kind === 'throttled') this.perConversation.pause(item.conversationId, now + wait);
    const firstAttemptAt = item.firstAttemptAt ?? now;
    const retryAt = now + wait;
    const error = failure.status
      ? `HTTP ${failure.status}`
      : `no answer: ${(err as Error)?.message ?? String(err)}`.slice(0, 200);
    if (retryAt - firstAttemptAt > this.retry.giveUpAfterMs) {
      await this.store.markFailed(item.id, this.owner, now, `gave up after ${item.attempts + 1} attempts: ${error}`);
      await this.audit('send.gave-up', item, { attempts: item.attempts + 1, lastError: error, firstAttemptAt });
      this.log('warn', 'send-gave-up', { ...ids, attempts: item.attempts + 1, afterMs: now - firstAttemptAt });
      report.failed++;
      return;
    }
    await this.store.release(item.id, this.owner, retryAt, error, firstAttemptAt);
    this.log('info', 'send-retry', { ...ids, attempt: item.attempts + 1, waitMs: wait });
    report.retried++;
  }

  private async audit(
    what: string,
    item: OutboxItem,
    detail: Record<string, string | number | boolean>,
  ): Promise<void> {
    await this.store.appendAudit({
      at: new Date(this.clock.now()).toISOString(),
      who: `system:outbox-sender:${this.owner}`,
      what,
      detail: { outboxId: item.id, conversationId: item.conversationId, kind: item.kind, ...detail },
    });
  }
}
