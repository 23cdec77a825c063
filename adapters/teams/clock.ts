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
  sleep: (ms) => new Promise((resolve) => setTimeout(resolve, Math.max(0, ms))),
};
