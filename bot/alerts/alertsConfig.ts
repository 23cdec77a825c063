import { hostname } from 'node:os';
import { z } from 'zod';
import { parseScanTimes, type ScanTime } from './scanTimes.ts';

const blankToUndefined = (value: unknown) => (typeof value === 'string' && value.trim() === '' ? undefined : value);

const alertsEnvironment = z.object({
  SCAN_TOKEN: z.preprocess(blankToUndefined, z.string().min(16, 'SCAN_TOKEN must be at least 16 characters (use a long random string)').optional()),
  ALERT_SCAN_TIMES: z.preprocess(blankToUndefined, z.string().default('09:30,14:00')),
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
  ALERT_SCANS: z.preprocess(blankToUndefined, z.enum(['on', 'off'], { message: 'ALERT_SCANS must be on or off' }).default('on')),
  INSTANCE_ID: z.preprocess(blankToUndefined, z.string().regex(/^[\w.:-]+$/, 'INSTANCE_ID may hold letters, digits, "_", ".", ":" and "-"').optional()),
});

export interface AlertsConfig {
  scanToken?: string;
  scanTimes: ScanTime[];
  timeZone: string;
  scheduledScans: boolean;
  /** Names this process's outbox leases: unique per running instance. */
  instanceId: string;
}

/** The alert settings from the environment; throws listing every variable to fix. */
export function alertsConfigFrom(env: NodeJS.ProcessEnv): AlertsConfig {
  const parsed = alertsEnvironment.safeParse(env);
  if (!parsed.success) throw new Error(`alert settings need fixing:\n- ${parsed.error.issues.map((i) => `${String(i.path[0])}: ${i.message}`).join('\n- ')}`);
  const e = parsed.data;
  return {
    scanToken: e.SCAN_TOKEN,
    scanTimes: parseScanTimes(e.ALERT_SCAN_TIMES),
    timeZone: e.ALERT_TIME_ZONE,
    scheduledScans: e.ALERT_SCANS === 'on',
    instanceId: e.INSTANCE_ID ?? `${hostname()}-${process.pid}`,
  };
}
