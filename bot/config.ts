import { z } from 'zod';
import { SCHOOL_ROLES } from '../adapters/store/stateStore.ts';
import { isIsoDate } from '../rules/index.ts';
import { readAlertsConfig, type AlertsConfig } from './alerts/alertsConfig.ts';
import { readWondeSyncConfig, type WondeSyncConfig } from './sync/wondeSyncConfig.ts';

const blankToUndefined = (value: unknown) => (typeof value === 'string' && value.trim() === '' ? undefined : value);
const optionalText = z.preprocess(blankToUndefined, z.string().trim().optional());

/**
 * Environment variables the bot reads, each with what an operator should set when it is wrong. Names follow
 * botbuilder's (MicrosoftAppId, ...) so an Azure Bot's configuration carries over unchanged.
 */
const environmentSchema = z.object({
  MicrosoftAppId: optionalText,
  MicrosoftAppPassword: optionalText,
  MicrosoftAppTenantId: optionalText,
  MicrosoftAppType: z.preprocess(
    blankToUndefined,
    z
      .enum(['SingleTenant'], {
        message: 'MicrosoftAppType must be SingleTenant: the bot serves one school trust or local authority tenant',
      })
      .default('SingleTenant'),
  ),
  ATTENDANCE_DATA: optionalText,
  ATTENDANCE_AS_OF: z.preprocess(
    blankToUndefined,
    z
      .string()
      .refine(
        isIsoDate,
        'ATTENDANCE_AS_OF must be a date written YYYY-MM-DD (or unset, to use the last day the register has marks for)',
      )
      .optional(),
  ),
  ATTENDANCE_STATE_DIR: optionalText,
  ATTENDANCE_ROLES: optionalText,
  ATTENDANCE_DEFAULT_ROLE: z.preprocess(
    blankToUndefined,
    z.enum(SCHOOL_ROLES, { message: `ATTENDANCE_DEFAULT_ROLE must be one of ${SCHOOL_ROLES.join(', ')}` }).optional(),
  ),
  REDIS_KEY_PREFIX: optionalText,
  REDIS_URL: z.preprocess(
    blankToUndefined,
    z.url({ message: 'REDIS_URL must be a URL such as redis://localhost:6379/0' }).optional(),
  ),
  PORT: z.preprocess(
    blankToUndefined,
    z.coerce.number({ message: 'PORT must be a number' }).int().min(0).max(65535).default(3978),
  ),
  NODE_ENV: optionalText,
  ATTENDANCE_MODE: z.preprocess(
    (value) => (typeof value === 'string' ? blankToUndefined(value.trim().toLowerCase()) : value),
    z
      .enum(['local', 'teams'], {
        message:
          'ATTENDANCE_MODE must be local (no Teams credentials, no inbound token checks, loopback only) or teams',
      })
      .optional(),
  ),
  ALLOWED_TENANT_IDS: optionalText,
  HOST: optionalText,
});

/**
 * True for every spelling of "production" (Production, PRODUCTION, " production ", prod): a capital letter
 * must never be what turns off the inbound token checks.
 */
export function isProductionEnvironment(nodeEnv: string | undefined): boolean {
  return /^prod(uction)?$/i.test((nodeEnv ?? '').trim());
}

/** ALLOWED_TENANT_IDS: tenant ids separated by commas or spaces, compared without regard to case. */
function tenantList(value: string | undefined): string[] {
  return (value ?? '')
    .split(/[\s,;]+/)
    .map((t) => t.trim().toLowerCase())
    .filter((t) => t !== '');
}

export interface BotConfig {
  /** Empty in local mode. */
  appId: string;
  appPassword: string;
  tenantId: string;
  appType: 'SingleTenant';
  /** No app id: botbuilder skips inbound token checks. Only for the Agents Playground and tests. */
  localMode: boolean;
  /** How local mode (or Teams mode) was chosen, for the start-up banner. */
  modeReason: string;
  production: boolean;
  /**
   * Tenants whose activities are served (lower case); any other is refused 403. Teams mode: ALLOWED_TENANT_IDS,
   * else MicrosoftAppTenantId. Local mode: ALLOWED_TENANT_IDS if set, else empty (no check).
   */
  allowedTenants: string[];
  /** The address to listen on: HOST, else 127.0.0.1 in local mode and every interface in Teams mode. */
  host?: string;
  /** A register bundle, or a folder holding one per school; undefined means the bundled demo. */
  dataPath?: string;
  /** Fixed as-of date; otherwise each school's last marked school day. */
  asOf?: string;
  /** Where the embedded store keeps its file. */
  stateDir: string;
  /** JSON file of role assignments loaded into the store at start. */
  rolesFile?: string;
  /** Role of anyone without an assignment; in local mode `la-officer` unless set, so the playground can ask. */
  defaultRole?: (typeof SCHOOL_ROLES)[number];
  redisUrl?: string;
  /** Prefix for every Redis key, so one Redis can hold several deployments. */
  redisKeyPrefix?: string;
  port: number;
  /** Alert scans, their times and the outbox sender's identity (SCAN_TOKEN, ALERT_*, INSTANCE_ID). */
  alerts: AlertsConfig;
  /** The Wonde feed (WONDE_TOKEN, WONDE_SCHOOLS, WONDE_*); undefined when WONDE_TOKEN is not set. */
  wonde?: WondeSyncConfig;
}

export class ConfigError extends Error {
  constructor(readonly problems: string[]) {
    super(`the bot's configuration needs fixing:\n- ${problems.join('\n- ')}`);
    this.name = 'ConfigError';
  }
}

/**
 * Reads and checks the configuration once, at start (before the bot listens, so a mistyped alert time
 * stops it there rather than after it has started taking messages); throws ConfigError naming every problem.
 */
export function readConfig(env: Record<string, string | undefined>): BotConfig {
  const parsed = environmentSchema.safeParse(env);
  const alerts = readAlertsConfig(env);
  const problems = parsed.success
    ? []
    : parsed.error.issues.map((i) =>
        i.path.length > 0 && !i.message.includes(String(i.path[0])) ? `${i.path.join('.')}: ${i.message}` : i.message,
      );
  problems.push(...alerts.problems);
  const wonde = readWondeSyncConfig(env);
  problems.push(...wonde.problems);
  if (!parsed.success || !alerts.config || wonde.problems.length > 0) throw new ConfigError(problems);
  const e = parsed.data;
  const production = isProductionEnvironment(e.NODE_ENV);
  const credentials = ['MicrosoftAppId', 'MicrosoftAppPassword', 'MicrosoftAppTenantId'] as const;
  const missing = credentials.filter((k) => !e[k]);
  if (production && e.ATTENDANCE_MODE === 'local')
    throw new ConfigError([
      `ATTENDANCE_MODE=local cannot run with NODE_ENV=${e.NODE_ENV}: local mode checks no tokens and treats everyone as an LA officer`,
    ]);
  // Local mode only by choice, or by the absence of every credential outside production: never because
  // one credential is missing or mistyped.
  const localMode =
    e.ATTENDANCE_MODE === 'local' || (!production && e.ATTENDANCE_MODE === undefined && missing.length === 3);
  if (!localMode && missing.length > 0) {
    const why = production
      ? `NODE_ENV=${e.NODE_ENV}`
      : e.ATTENDANCE_MODE === 'teams'
        ? 'ATTENDANCE_MODE=teams'
        : `${credentials.filter((k) => e[k]).join(' and ')} ${missing.length === 2 ? 'is' : 'are'} set, so Teams mode`;
    throw new ConfigError([
      `${why} needs ${missing.join(', ')} (from the Azure Bot registration's single-tenant app); without them anyone could post to /api/messages. For local testing unset them all or set ATTENDANCE_MODE=local (never in production)`,
    ]);
  }
  const listed = tenantList(e.ALLOWED_TENANT_IDS);
  const allowedTenants = localMode
    ? listed
    : listed.length > 0
      ? listed
      : [(e.MicrosoftAppTenantId ?? '').toLowerCase()];
  const modeReason = localMode
    ? e.ATTENDANCE_MODE === 'local'
      ? 'ATTENDANCE_MODE=local'
      : 'no Teams credentials are set'
    : production
      ? `NODE_ENV=${e.NODE_ENV}`
      : e.ATTENDANCE_MODE === 'teams'
        ? 'ATTENDANCE_MODE=teams'
        : 'Teams credentials are set';
  return {
    // Local mode hands botbuilder no credentials at all, so its token checks are off whatever is set.
    appId: localMode ? '' : (e.MicrosoftAppId ?? ''),
    appPassword: localMode ? '' : (e.MicrosoftAppPassword ?? ''),
    tenantId: localMode ? '' : (e.MicrosoftAppTenantId ?? ''),
    appType: e.MicrosoftAppType,
    localMode,
    modeReason,
    production,
    allowedTenants,
    host: e.HOST ?? (localMode ? '127.0.0.1' : undefined),
    dataPath: e.ATTENDANCE_DATA,
    asOf: e.ATTENDANCE_AS_OF,
    stateDir: e.ATTENDANCE_STATE_DIR ?? '.data',
    rolesFile: e.ATTENDANCE_ROLES,
    defaultRole: e.ATTENDANCE_DEFAULT_ROLE ?? (localMode ? 'la-officer' : undefined),
    redisUrl: e.REDIS_URL,
    redisKeyPrefix: e.REDIS_KEY_PREFIX,
    port: e.PORT,
    alerts: alerts.config,
    ...(wonde.config ? { wonde: wonde.config } : {}),
  };
}
