import { z } from 'zod';
import { parseScanTimes, type ScanTime } from '../alerts/scanTimes.ts';

const blankToUndefined = (value: unknown) => (typeof value === 'string' && value.trim() === '' ? undefined : value);

const WONDE_ID = /^A\d{6,12}$/;

const wondeEnvironment = z.object({
  WONDE_TOKEN: z.preprocess(
    blankToUndefined,
    z.string().trim().min(16, 'WONDE_TOKEN looks too short to be a Wonde API token').optional(),
  ),
  WONDE_BASE_URL: z.preprocess(
    blankToUndefined,
    z.url({ message: 'WONDE_BASE_URL must be an address such as https://api.wonde.com/v1.0/' }).optional(),
  ),
  WONDE_SCHOOLS: z.preprocess(
    blankToUndefined,
    z
      .string()
      .transform((text) =>
        text
          .split(',')
          .map((id) => id.trim())
          .filter((id) => id !== ''),
      )
      .refine((ids) => ids.every((id) => WONDE_ID.test(id)), {
        message: 'WONDE_SCHOOLS is a comma-separated list of Wonde school ids, such as A1930499544,A2047563210',
      })
      .optional(),
  ),
  WONDE_SYNC_TIMES: z.preprocess(
    blankToUndefined,
    z
      .string()
      .default('16:30')
      .transform((text, ctx) => {
        // "off": no scheduled syncs, only POST /api/sync.
        if (text.trim().toLowerCase() === 'off') return [];
        try {
          return parseScanTimes(text, 'WONDE_SYNC_TIMES');
        } catch (err) {
          ctx.addIssue({ code: 'custom', message: (err as Error).message });
          return z.NEVER;
        }
      }),
  ),
  WONDE_POLL_SECONDS: z.preprocess(
    blankToUndefined,
    z.coerce.number({ message: 'WONDE_POLL_SECONDS must be a number of seconds' }).int().min(1).max(3600).default(30),
  ),
});

export interface WondeSyncConfig {
  token: string;
  baseUrl?: string;
  /** Wonde ids of the schools to follow; each must match a loaded bundle's URN. */
  schools: string[];
  /** When the scheduled sync runs on the schools' clock: after registers close (16:30 by default); none when "off". */
  times: ScanTime[];
  /** How often every instance looks for an update another instance synced. */
  pollMs: number;
}

/**
 * The Wonde sync settings, or every problem with them. Without WONDE_TOKEN there is no sync (and
 * WONDE_SCHOOLS must not be set alone: following schools without a token is a half-made configuration).
 */
export function readWondeSyncConfig(env: Record<string, string | undefined>): {
  config: WondeSyncConfig | undefined;
  problems: string[];
} {
  const parsed = wondeEnvironment.safeParse(env);
  if (!parsed.success)
    return {
      config: undefined,
      problems: parsed.error.issues.map((i) =>
        i.message.includes(String(i.path[0])) ? i.message : `${String(i.path[0])}: ${i.message}`,
      ),
    };
  const e = parsed.data;
  if (!e.WONDE_TOKEN) {
    return {
      config: undefined,
      problems: e.WONDE_SCHOOLS
        ? ['WONDE_SCHOOLS is set but WONDE_TOKEN is not: set the token Wonde gave this app, or unset WONDE_SCHOOLS']
        : [],
    };
  }
  if (!e.WONDE_SCHOOLS || e.WONDE_SCHOOLS.length === 0)
    return {
      config: undefined,
      problems: ['WONDE_TOKEN is set but WONDE_SCHOOLS is not: list the Wonde ids of the schools to follow'],
    };
  return {
    config: {
      token: e.WONDE_TOKEN,
      baseUrl: e.WONDE_BASE_URL,
      schools: [...new Set(e.WONDE_SCHOOLS)],
      times: e.WONDE_SYNC_TIMES,
      pollMs: e.WONDE_POLL_SECONDS * 1000,
    },
    problems: [],
  };
}
