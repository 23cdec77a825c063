/**
 * Time as the sender sees it. Injected so pacing and backoff tests run in virtual time: nothing in
 * adapters/teams reads `Date.now()` or calls `setTimeout` directly.
 */
export interface Clock {
  /** Epoch milliseconds. */
  now(): number;
  sleep(ms: number): Promise<void>;
}

export const systemClock: Clock = {
  now: () => Date.now(),
  // Unref'd: a pending retry or a scan hours away must not keep a stopping process alive (the outbox is
  // persistent, so nothing is lost by stopping mid-wait).
  sleep: (ms) => new Promise((resolve) => setTimeout(resolve, Math.max(0, ms)).unref()),
};
