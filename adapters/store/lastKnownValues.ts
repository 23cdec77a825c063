import { StoreUnavailableError } from './storeUnavailableError.ts';

export interface LastKnownOptions {
  now?: () => number;
  /** How long a last-known binding or role may stand in for the store (default 15 minutes). */
  lastKnownMs?: number;
  /** How many last-known bindings and roles are held (default 20,000; the least recently used go first). */
  lastKnownEntries?: number;
}

interface LastKnown {
  value: unknown;
  at: number;
}

/**
 * Values as last read from or written to the store (bindings, roles, a few small lookups), each kept for a
 * bounded time, so reads are still answered while the store is away. Only so many are held; the least
 * recently used go first, so a busy bot cannot grow it without end. Values are copied in and out,
 * so what a caller does to its copy never changes what is held.
 */
export class LastKnownValues {
  private readonly entries = new Map<string, LastKnown>();
  private readonly now: () => number;
  private readonly maxAgeMs: number;
  private readonly maxEntries: number;

  constructor(options: LastKnownOptions) {
    this.now = options.now ?? Date.now;
    this.maxAgeMs = options.lastKnownMs ?? 15 * 60_000;
    this.maxEntries = options.lastKnownEntries ?? 20_000;
  }

  remember(key: string, value: unknown): void {
    this.entries.delete(key);
    this.entries.set(key, { value: structuredClone(value), at: this.now() });
    if (this.entries.size > this.maxEntries) this.entries.delete(this.entries.keys().next().value!);
  }

  /** For a change that makes the value held under `key` wrong, with nothing to put in its place. */
  forget(key: string): void {
    this.entries.delete(key);
  }

  /** `read` from the store, remembered; while the store is away, the last-known value instead. */
  async readThrough<T>(key: string, read: () => Promise<T>): Promise<T> {
    try {
      const value = await read();
      this.remember(key, value);
      return value;
    } catch (err) {
      if (!(err instanceof StoreUnavailableError)) throw err;
      const known = this.recall<T>(key);
      if (known) return known.value;
      throw err;
    }
  }

  /** The value last read or written under `key`, if recent enough to stand in for the store. */
  private recall<T>(key: string): { value: T } | undefined {
    const known = this.entries.get(key);
    if (!known || this.now() - known.at > this.maxAgeMs) return undefined;
    return { value: structuredClone(known.value) as T };
  }
}
