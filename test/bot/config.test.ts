import { describe, expect, it } from 'vitest';
import { ConfigError, isProductionEnvironment, readConfig } from '../../bot/config.ts';

function problems(env: Record<string, string>): string {
  try {
    readConfig(env);
  } catch (err) {
    expect(err).toBeInstanceOf(ConfigError);
    return (err as Error).message;
  }
  throw new Error('expected the configuration to be refused');
}

describe('readConfig', () => {
  it('runs in local mode on port 3978 with nothing set, giving everyone the LA officer role for the playground', () => {
    const config = readConfig({});
    expect(config).toMatchObject({
      localMode: true,
      production: false,
      port: 3978,
      appType: 'SingleTenant',
      defaultRole: 'la-officer',
      stateDir: '.data',
    });
    expect(config.dataPath).toBeUndefined();
  });

  it('refuses to start in production without app id, secret and tenant, naming each', () => {
    expect(problems({ NODE_ENV: 'production' })).toContain(
      'needs MicrosoftAppId, MicrosoftAppPassword, MicrosoftAppTenantId',
    );
    expect(problems({ NODE_ENV: 'production', MicrosoftAppId: 'a', MicrosoftAppPassword: 'b' })).toContain(
      'needs MicrosoftAppTenantId',
    );
  });

  it('gives no default role outside local mode unless one is configured', () => {
    const config = readConfig({
      NODE_ENV: 'production',
      MicrosoftAppId: 'a',
      MicrosoftAppPassword: 'b',
      MicrosoftAppTenantId: 't',
    });
    expect(config.localMode).toBe(false);
    expect(config.defaultRole).toBeUndefined();
  });

  it('refuses an app id without its secret even outside production', () => {
    expect(problems({ MicrosoftAppId: 'a' })).toContain(
      'MicrosoftAppId is set, so Teams mode needs MicrosoftAppPassword, MicrosoftAppTenantId',
    );
  });

  it('explains bad values: app type, as-of date, port, role and Redis URL', () => {
    const message = problems({
      MicrosoftAppType: 'MultiTenant',
      ATTENDANCE_AS_OF: '21/11/2025',
      PORT: 'eighty',
      ATTENDANCE_DEFAULT_ROLE: 'janitor',
      REDIS_URL: 'localhost',
    });
    expect(message).toContain('MicrosoftAppType must be SingleTenant');
    expect(message).toContain('ATTENDANCE_AS_OF must be a date written YYYY-MM-DD');
    expect(message).toContain('PORT');
    expect(message).toContain('ATTENDANCE_DEFAULT_ROLE must be one of');
    expect(message).toContain('REDIS_URL must be a URL');
  });

  it('reads the alert settings with the rest, with their defaults', () => {
    expect(readConfig({}).alerts).toMatchObject({
      scanTimes: [
        { hour: 9, minute: 30 },
        { hour: 14, minute: 0 },
      ],
      timeZone: 'Europe/London',
      scheduledScans: true,
    });
    expect(
      readConfig({ ALERT_SCAN_TIMES: '15:45, 08:05', ALERT_SCANS: 'off', INSTANCE_ID: 'bot-1' }).alerts,
    ).toMatchObject({
      scanTimes: [
        { hour: 8, minute: 5 },
        { hour: 15, minute: 45 },
      ],
      scheduledScans: false,
      instanceId: 'bot-1',
    });
  });

  it('refuses bad alert settings at start, listed with every other problem', () => {
    const message = problems({
      PORT: 'eighty',
      ALERT_SCAN_TIMES: '9.30',
      SCAN_TOKEN: 'short',
      ALERT_TIME_ZONE: 'Mars/Olympus',
    });
    expect(message).toContain('PORT');
    expect(message).toContain('ALERT_SCAN_TIMES: "9.30" is not a time written HH:MM');
    expect(message).toContain('SCAN_TOKEN must be at least 16 characters');
    expect(message).toContain('ALERT_TIME_ZONE must be an IANA time zone');
  });

  it('treats blank variables as unset', () => {
    expect(readConfig({ MicrosoftAppId: '', PORT: ' ', ATTENDANCE_AS_OF: '' })).toMatchObject({
      localMode: true,
      port: 3978,
    });
  });

  it('takes every spelling of production as production: no capital letter or space opens the bot', () => {
    for (const spelling of ['production', 'Production', 'PRODUCTION', ' production ', 'prod', 'Prod'])
      expect(problems({ NODE_ENV: spelling }), spelling).toContain(
        'needs MicrosoftAppId, MicrosoftAppPassword, MicrosoftAppTenantId',
      );
    expect(isProductionEnvironment('development')).toBe(false);
    expect(isProductionEnvironment('preproduction')).toBe(false);
  });

  it('chooses local mode by ATTENDANCE_MODE=local or by no credentials at all, and never in production', () => {
    expect(readConfig({})).toMatchObject({ localMode: true, host: '127.0.0.1', allowedTenants: [] });
    const chosen = readConfig({ ATTENDANCE_MODE: 'Local', MicrosoftAppId: 'a', MicrosoftAppPassword: 'b' });
    expect(chosen).toMatchObject({ localMode: true, appId: '', modeReason: 'ATTENDANCE_MODE=local' });
    expect(problems({ ATTENDANCE_MODE: 'local', NODE_ENV: 'Production' })).toContain(
      'ATTENDANCE_MODE=local cannot run with NODE_ENV=Production',
    );
    expect(problems({ ATTENDANCE_MODE: 'teams' })).toContain('ATTENDANCE_MODE=teams needs MicrosoftAppId');
    expect(problems({ ATTENDANCE_MODE: 'open' })).toContain('ATTENDANCE_MODE must be local');
    expect(readConfig({ HOST: '0.0.0.0' }).host).toBe('0.0.0.0');
  });

  it('serves the app tenant in Teams mode, or the ALLOWED_TENANT_IDS list, compared without case', () => {
    const teams = { MicrosoftAppId: 'a', MicrosoftAppPassword: 'b', MicrosoftAppTenantId: 'Tenant-A' };
    expect(readConfig(teams)).toMatchObject({ localMode: false, allowedTenants: ['tenant-a'], host: undefined });
    expect(readConfig({ ...teams, ALLOWED_TENANT_IDS: 'T-1, t-2;T-3' }).allowedTenants).toEqual(['t-1', 't-2', 't-3']);
    expect(readConfig({ ALLOWED_TENANT_IDS: 'T-9' })).toMatchObject({ localMode: true, allowedTenants: ['t-9'] });
  });
});
