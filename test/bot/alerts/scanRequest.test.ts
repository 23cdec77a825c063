import { describe, expect, it } from 'vitest';
import { checkScanRequest } from '../../../bot/alerts/scanRequest.ts';
import { bearerTokenMatches } from '../../../bot/server/bearerToken.ts';

const TOKEN = 'a-long-random-scan-token';

describe('POST /api/scan request check', () => {
  it('answers 401 without the bearer token, or with a wrong one', () => {
    expect(checkScanRequest(undefined, undefined, TOKEN)).toMatchObject({ ok: false, status: 401 });
    expect(checkScanRequest('Bearer nope', undefined, TOKEN)).toMatchObject({ ok: false, status: 401 });
    expect(checkScanRequest(`Basic ${TOKEN}`, undefined, TOKEN)).toMatchObject({ ok: false, status: 401 });
  });

  it('is off (503, saying what to set) when no SCAN_TOKEN is configured', () => {
    expect(checkScanRequest(`Bearer ${TOKEN}`, undefined, undefined)).toEqual({
      ok: false,
      status: 503,
      error: expect.stringMatching(/SCAN_TOKEN/),
    });
  });

  it('accepts the token with an empty body, or with schools and an as-of date', () => {
    expect(checkScanRequest(`Bearer ${TOKEN}`, undefined, TOKEN)).toEqual({ ok: true, request: {} });
    expect(checkScanRequest(`bearer ${TOKEN}`, '{"schools":["100001"],"asOf":"2025-11-12"}', TOKEN)).toEqual({
      ok: true,
      request: { schoolUrns: ['100001'], asOf: '2025-11-12' },
    });
  });

  it('says what is wrong with a bad body', () => {
    expect(checkScanRequest(`Bearer ${TOKEN}`, '{"schools":["oak"]}', TOKEN)).toEqual({
      ok: false,
      status: 400,
      error: expect.stringMatching(/schools\.0: each school is a URN/),
    });
    expect(checkScanRequest(`Bearer ${TOKEN}`, '{', TOKEN)).toMatchObject({
      ok: false,
      status: 400,
      error: expect.stringMatching(/must be JSON/),
    });
    expect(checkScanRequest(`Bearer ${TOKEN}`, { when: 'now' }, TOKEN)).toMatchObject({ ok: false, status: 400 });
  });

  it('compares tokens of different lengths without throwing', () => {
    expect(bearerTokenMatches('Bearer x', TOKEN)).toBe(false);
    expect(bearerTokenMatches(`Bearer ${TOKEN}`, TOKEN)).toBe(true);
  });
});
