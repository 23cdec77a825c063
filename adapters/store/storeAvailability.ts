import { VersionConflictError, type StateStore } from './stateStore.ts';
import { storeErrorKind } from './storeErrorKind.ts';
import { StoreUnavailableError } from './storeUnavailableError.ts';

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

export interface AvailabilityOptions {
  storeName: string;
  connection?: ConnectionSignal;
  now?: () => number;
  /** A call that takes longer counts as the store being unavailable (default 2 s). */
  callTimeoutMs?: number;
  /** While unavailable, how often to try a write to see whether it is back (default 2 s). */
  probeEveryMs?: number;
}

/** What the watch's owner does at each change, before the listeners hear of it. */
export interface AvailabilityChanges {
  wentDown(operation: string, error: string): void;
  cameBack(unavailableMs: number): void;
}

/** Namespace of the record the probe writes: proof that a write reaches the store, not only a read. */
const PROBE_NAMESPACE = 'store-probe';

/**
 * Whether the store answers. Every call is bounded in time, and after one fails the store is treated as
 * unavailable: calls then fail at once (no waiting on a dead connection) while a probe every few seconds
 * writes a small record to see whether it is back. The connection's own signals (Redis) count too, so an
 * outage can be noticed before any call fails. Each change is announced once each way.
 */
export class AvailabilityWatch implements StoreAvailability {
  readonly storeName: string;
  private available = true;
  private downSince = 0;
  private probing = false;
  private probeTimer: NodeJS.Timeout | null = null;
  private readonly listeners = new Set<(available: boolean) => void>();
  private readonly now: () => number;
  private readonly callTimeoutMs: number;
  private readonly probeEveryMs: number;
  private closed = false;

  constructor(
    /** The store itself (not the wrapper), so the probe's write goes straight to it. */
    private readonly store: Pick<StateStore, 'getRecord' | 'putRecord'>,
    options: AvailabilityOptions,
    private readonly changes: AvailabilityChanges,
  ) {
    this.storeName = options.storeName;
    this.now = options.now ?? Date.now;
    this.callTimeoutMs = options.callTimeoutMs ?? 2_000;
    this.probeEveryMs = options.probeEveryMs ?? 2_000;
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
  async call<T>(operation: string, run: () => Promise<T>): Promise<T> {
    if (!this.available) throw new StoreUnavailableError(this.storeName, operation);
    let timer: NodeJS.Timeout | undefined;
    try {
      const result = await Promise.race([run(), this.deadline((t) => (timer = t))]);
      return result;
    } catch (err) {
      if (err instanceof VersionConflictError) throw err;
      this.markDown(operation, storeErrorKind(err));
      throw new StoreUnavailableError(this.storeName, operation);
    } finally {
      clearTimeout(timer);
    }
  }

  /** True once `stop` has run. */
  get stopped(): boolean {
    return this.closed;
  }

  /** Stops probing and forgets the listeners: later failures and returns are neither announced nor heard. */
  stop(): void {
    this.closed = true;
    if (this.probeTimer) clearInterval(this.probeTimer);
    this.probeTimer = null;
    this.listeners.clear();
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
    this.changes.wentDown(operation, error);
    for (const listener of this.listeners) listener(false);
    this.probeTimer = setInterval(() => void this.probe(), this.probeEveryMs);
    this.probeTimer.unref();
  }

  /** One small write straight to the store; if it lands, the store is back. */
  private async probe(): Promise<void> {
    if (this.available || this.probing || this.closed) return;
    this.probing = true;
    let timer: NodeJS.Timeout | undefined;
    try {
      await Promise.race([
        (async () => {
          const current = await this.store.getRecord(PROBE_NAMESPACE, 'probe');
          await this.store.putRecord(PROBE_NAMESPACE, 'probe', { at: this.now() }, current?.version ?? null);
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
    this.changes.cameBack(this.now() - this.downSince);
    for (const listener of this.listeners) listener(true);
  }
}

class StoreTimeoutError extends Error {
  constructor() {
    super('the store did not answer in time');
    this.name = 'StoreTimeoutError';
  }
}
