import { z } from 'zod';
import { isIsoDate } from '../../rules/index.ts';
import { bearerTokenMatches } from '../server/bearerToken.ts';
import { type ScanRequest } from './alertScanner.ts';

const scanBody = z
  .object({
    schools: z
      .array(z.string().regex(/^\d{6,7}$/, 'each school is a URN of 6 or 7 digits'))
      .min(1)
      .optional(),
    asOf: z.string().refine(isIsoDate, 'asOf is a date written YYYY-MM-DD').optional(),
  })
  .strict();

export type ScanRequestCheck = { ok: true; request: ScanRequest } | { ok: false; status: number; error: string };

/**
 * Checks a `POST /api/scan`: the operator's token (401 without it, before anything else is looked at) and
 * an optional JSON body `{ "schools": ["100001"], "asOf": "2025-11-12" }`.
 */
export function checkScanRequest(
  authorization: string | undefined,
  body: unknown,
  token: string | undefined,
): ScanRequestCheck {
  if (!token) return { ok: false, status: 503, error: 'scans over HTTP are off: set SCAN_TOKEN to turn them on' };
  if (!bearerTokenMatches(authorization, token))
    return { ok: false, status: 401, error: 'send Authorization: Bearer <SCAN_TOKEN>' };
  let json: unknown = body ?? {};
  if (typeof json === 'string' || Buffer.isBuffer(json)) {
    const text = json.toString().trim();
    try {
      json = text === '' ? {} : JSON.parse(text);
    } catch {
      return {
        ok: false,
        status: 400,
        error: 'the body must be JSON, e.g. {"schools":["100001"],"asOf":"2025-11-12"}, or empty',
      };
    }
  }
  const parsed = scanBody.safeParse(json);
  if (!parsed.success)
    return {
      ok: false,
      status: 400,
      error: parsed.error.issues.map((i) => `${i.path.join('.') || 'body'}: ${i.message}`).join('; '),
    };
  return {
    ok: true,
    request: {
      ...(parsed.data.schools ? { schoolUrns: parsed.data.schools } : {}),
      ...(parsed.data.asOf ? { asOf: parsed.data.asOf } : {}),
    },
  };
}
