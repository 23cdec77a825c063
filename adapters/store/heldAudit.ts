import { type AuditEntry } from './stateStore.ts';
import { StoreUnavailableError } from './storeUnavailableError.ts';

export interface HeldAuditOptions {
  /** Audit entries held in memory while the store is away, written in order when it returns (default 50,000). */
  auditBacklog?: number;
}

/**
 * Audit entries the store could not take, held in memory and written in order once it can, so the views
 * of pupils' detail made during an outage are still recorded. The backlog is bounded: past `auditBacklog` the
 * oldest entry goes, and is counted so the log can say how many were lost.
 */
export class HeldAudit {
  private readonly entries: AuditEntry[] = [];
  private droppedSinceBack = 0;
  private flushing: Promise<void> | null = null;
  private readonly capacity: number;

  constructor(
    /** Writes one entry to the store; fails with `StoreUnavailableError` while it is away. */
    private readonly write: (entry: AuditEntry) => Promise<void>,
    private readonly canWrite: () => boolean,
    options: HeldAuditOptions,
  ) {
    this.capacity = options.auditBacklog ?? 50_000;
  }

  /** How many entries wait to be written. */
  get size(): number {
    return this.entries.length;
  }

  /** How many entries were dropped (oldest first) since the store last came back. */
  get dropped(): number {
    return this.droppedSinceBack;
  }

  /**
   * Never fails for an outage: written at once when the store is there and nothing waits before it,
   * otherwise held (bounded, oldest dropped first and counted) until the store returns.
   */
  async append(entry: AuditEntry): Promise<void> {
    if (this.canWrite() && this.entries.length === 0) {
      try {
        await this.write(entry);
        return;
      } catch (err) {
        if (!(err instanceof StoreUnavailableError)) throw err;
      }
    }
    this.entries.push(structuredClone(entry));
    if (this.entries.length > this.capacity) {
      this.entries.shift();
      this.droppedSinceBack++;
    }
    if (this.canWrite()) void this.flush();
  }

  /** The store is back: count drops afresh and start writing what is held. */
  resume(): void {
    this.droppedSinceBack = 0;
    void this.flush();
  }

  /** Writes what is held, oldest first, until none is left or a write fails. One flush runs at a time. */
  async flush(): Promise<void> {
    this.flushing ??= (async () => {
      while (this.entries.length > 0 && this.canWrite()) {
        try {
          await this.write(this.entries[0]);
          this.entries.shift();
        } catch {
          return;
        }
      }
    })().finally(() => {
      this.flushing = null;
    });
    return this.flushing;
  }
}
