export interface RetryPolicy {
  /** First backoff before jitter. */
  baseDelayMs: number;
  /** No single wait is longer than this. */
  maxDelayMs: number;
  /** An item still failing this long after its first attempt is given up and reported. */
  giveUpAfterMs: number;
}

export const DEFAULT_RETRY_POLICY: RetryPolicy = { baseDelayMs: 1_000, maxDelayMs: 60_000, giveUpAfterMs: 15 * 60_000 };

/**
 * Exponential backoff with jitter: attempt 0 waits about base, each later attempt about twice the last,
 * capped, and each wait drawn from its upper half so instances that failed together do not retry together.
 * `random` is injected (0 <= r < 1) so tests are deterministic.
 */
export function backoffDelay(attempt: number, policy: RetryPolicy, random: () => number): number {
  const ceiling = Math.min(policy.maxDelayMs, policy.baseDelayMs * 2 ** Math.min(attempt, 30));
  return Math.round(ceiling / 2 + (random() * ceiling) / 2);
}
