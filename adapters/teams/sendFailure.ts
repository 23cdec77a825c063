/**
 * What a failed send means for the outbox. The host's ProactiveSendError carries `status` and
 * `retryAfterSeconds`; botbuilder's RestError carries `statusCode` and the response headers. Both are read
 * by shape so this adapter does not depend on either.
 */
export type SendFailure =
  /** 429: wait as long as Teams said (or back off when it did not say). */
  | { kind: 'throttled'; status: number; retryAfterMs?: number }
  /** 412, 5xx, or no answer at all: try again later with backoff. */
  | { kind: 'transient'; status?: number }
  /** 403 (the bot was removed, or the conversation is gone): drop the reference, never retry. */
  | { kind: 'gone'; status: number }
  /** Anything else (400, 401, 413...): retrying would fail the same way. */
  | { kind: 'permanent'; status: number };

function statusOf(err: unknown): number | undefined {
  if (typeof err !== 'object' || err === null) return undefined;
  const e = err as { status?: unknown; statusCode?: unknown };
  const status = typeof e.status === 'number' ? e.status : typeof e.statusCode === 'number' ? e.statusCode : undefined;
  return status;
}

/** Retry-After as seconds or an HTTP date, from the error's own field or its response headers. */
function retryAfterMsOf(err: unknown, now: number): number | undefined {
  const e = err as { retryAfterSeconds?: unknown; response?: { headers?: unknown } };
  if (typeof e.retryAfterSeconds === 'number' && e.retryAfterSeconds >= 0) return e.retryAfterSeconds * 1000;
  const headers = e.response?.headers as { get?: (name: string) => unknown } | Record<string, unknown> | undefined;
  if (!headers) return undefined;
  const raw =
    typeof headers.get === 'function'
      ? headers.get('retry-after')
      : (headers as Record<string, unknown>)['retry-after'];
  if (typeof raw !== 'string' && typeof raw !== 'number') return undefined;
  const seconds = Number(raw);
  if (Number.isFinite(seconds) && seconds >= 0) return seconds * 1000;
  const date = Date.parse(String(raw));
  return Number.isNaN(date) ? undefined : Math.max(0, date - now);
}

export function classifySendFailure(err: unknown, now: number): SendFailure {
  const status = statusOf(err);
  // No status (or 0): the request never got an HTTP answer (reset, timeout, DNS), so it may well work later.
  if (!status) return { kind: 'transient' };
  if (status === 429) return { kind: 'throttled', status, retryAfterMs: retryAfterMsOf(err, now) };
  if (status === 403) return { kind: 'gone', status };
  if (status === 412 || status === 408 || status >= 500) return { kind: 'transient', status };
  return { kind: 'permanent', status };
}
