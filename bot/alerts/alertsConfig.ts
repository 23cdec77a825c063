import { hostname } from 'node:os';
import { z } from 'zod';
import { parseScanTimes, type ScanTime } from './scanTimes.ts';

const blankToUndefined = (value: unknown) => (typeof value === 'string' && value.trim() === '' ? undefined : value);

const alertsEnvironment = z.object({
  SCAN_TOKEN: z.preprocess(
    blankToUndefined,
    z.string().min(16, 'SCAN_TOKEN must be at least 16 characters (use a long random string)').optional(),
  ),
  ALERT_SCAN_TIMES: z.preprocess(
    blankToUndefined,
    z
      .string()
      .default('09:30,14:00')
      .transform((text, ctx) => {
        try {
          return parseScanTimes(text);
        } catch (err) {
          ctx.addIssue({ code: 'custom', message: (err as Error).message });
          return z.NEVER;
        }
      }),
  ),
  ALERT_TIME_ZONE: z.preprocess(
    blankToUndefined,
    z
      .string()
      .default('Europe/London')
      .refine((tz) => {
        try {
          new Intl.DateTimeFormat('en-GB', { timeZone: tz });
          return true;
        } catch {
          return false;
        }
      }, 'ALERT_TIME_ZONE must be an IANA time zone such as Europe/London'),
  ),
  ALERT_SCANS: z.preprocess(
    blankToUndefined,
    z.enum(['on', 'off'], { message: 'ALERT_SCANS must be on or off' }).default('on'),
  ),
  INSTANCE_ID: z.preprocess(
    blankToUndefined,
    z
      .string()
      .regex(/^[\w.:-]+$/, 'INSTANCE_ID may hold letters, digits, "_", ".", ":" and "-"')
      .optional(),
  ),
});

export interface AlertsConfig {
  scanToken?: string;
  scanTimes: ScanTime[];
  timeZone: string;
  scheduledScans: boolean;
  /** Names this process's outbox leases: unique per running instance. */
  instanceId: string;
}

/** The alert settings from the environment, or every problem with them, each naming its variable. */
export function readAlertsConfig(
  env: Record<string, string | undefined>,
): { config: AlertsConfig; problems: [] } | { config?: undefined; problems: string[] } {
  const parsed = alertsEnvironment.safeParse(env);
  if (!parsed.success)
    return {
      problems: parsed.error.issues.map((i) =>
        i.message.includes(String(i.path[0])) ? i.message : `${String(i.path[0])}: ${i.message}`,
      ),
    };
  const e = parsed.data;
  return {
    config: {
      scanToken: e.SCAN_TOKEN,
      scanTimes: e.ALERT_SCAN_TIMES,
      timeZone: e.ALERT_TIME_ZONE,
      scheduledScans: e.ALERT_SCANS === 'on',
      instanceId: e.INSTANCE_ID ?? `${hostname()}-${process.pid}`,
    },
    problems: [],
  };
}

/** The alert settings from the environment; throws listing every variable to fix. */
export function alertsConfigFrom(env: Record<string, string | undefined>): AlertsConfig {
  const read = readAlertsConfig(env);
  if (!read.config) throw new Error(`alert settings need fixing:\n- ${read.problems.join('\n- ')}`);
  return read.config;
}
