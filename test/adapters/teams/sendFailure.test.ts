import { describe, expect, it } from 'vitest';
import { classifySendFailure } from '../../../adapters/teams/sendFailure.ts';

const NOW = Date.UTC(2025, 10, 10, 9, 30);

describe('classifySendFailure', () => {
  it("reads the host's ProactiveSendError shape: status and Retry-After seconds", () => {
    expect(classifySendFailure({ status: 429, retryAfterSeconds: 3 }, NOW)).toEqual({
      kind: 'throttled',
      status: 429,
      retryAfterMs: 3000,
    });
  });

  it("reads botbuilder's RestError shape: statusCode and a Retry-After header as seconds or as a date", () => {
    const headers = (value: string) => ({ get: (name: string) => (name === 'retry-after' ? value : undefined) });
    expect(classifySendFailure({ statusCode: 429, response: { headers: headers('7') } }, NOW)).toMatchObject({
      retryAfterMs: 7000,
    });
    const inTenSeconds = new Date(NOW + 10_000).toUTCString();
    expect(classifySendFailure({ statusCode: 429, response: { headers: headers(inTenSeconds) } }, NOW)).toMatchObject({
      retryAfterMs: 10_000,
    });
  });

  it('leaves the wait to backoff when a 429 says nothing about how long', () => {
    expect(classifySendFailure({ status: 429 }, NOW)).toEqual({
      kind: 'throttled',
      status: 429,
      retryAfterMs: undefined,
    });
  });

  it('retries 412 and server errors, and requests that got no answer at all', () => {
    for (const status of [412, 500, 502, 503, 504]) expect(classifySendFailure({ status }, NOW).kind).toBe('transient');
    expect(classifySendFailure(new Error('socket hang up'), NOW).kind).toBe('transient');
    expect(classifySendFailure({ status: 0 }, NOW).kind).toBe('transient');
  });

  it('drops the conversation on 403 and gives up at once on other client errors', () => {
    expect(classifySendFailure({ status: 403 }, NOW).kind).toBe('gone');
    expect(classifySendFailure({ status: 400 }, NOW).kind).toBe('permanent');
    expect(classifySendFailure({ status: 413 }, NOW).kind).toBe('permanent');
  });
});
