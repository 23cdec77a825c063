import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { FIXTURE_AS_OF, FIXTURE_SCHOOL } from '../bot/support/botFixture.ts';
import { writeBundle } from '../support/registerFixture.ts';
import { refusedStart, startBotProcess } from './botProcess.ts';
import { rawRequest } from './rawHttp.ts';

/** How bot/main.ts chooses its mode, run as `npm start` runs it. */
describe('the mode the bot starts in', () => {
  const root = mkdtempSync(join(tmpdir(), 'modes-'));
  const dataDir = join(root, 'data');
  writeBundle(dataDir, FIXTURE_SCHOOL);
  const common = {
    ATTENDANCE_DATA: dataDir,
    ATTENDANCE_AS_OF: FIXTURE_AS_OF,
    ATTENDANCE_STATE_DIR: join(root, 'state'),
    ALERT_SCANS: 'off',
    PORT: '0',
  };

  afterAll(() => rmSync(root, { recursive: true, force: true }));

  it(
    'refuses NODE_ENV=Production (capital P) without credentials instead of starting an open bot',
    { timeout: 90_000 },
    async () => {
      const { code, stderr } = await refusedStart({ ...common, NODE_ENV: 'Production' });
      expect(code).toBe(1);
      expect(stderr).toContain('NODE_ENV=Production needs MicrosoftAppId, MicrosoftAppPassword, MicrosoftAppTenantId');
    },
  );

  it('refuses ATTENDANCE_MODE=local in production even with every credential set', { timeout: 90_000 }, async () => {
    const { code, stderr } = await refusedStart({
      ...common,
      NODE_ENV: 'PRODUCTION',
      ATTENDANCE_MODE: 'local',
      MicrosoftAppId: 'app',
      MicrosoftAppPassword: 'secret',
      MicrosoftAppTenantId: 'tenant',
    });
    expect(code).toBe(1);
    expect(stderr).toContain('ATTENDANCE_MODE=local cannot run with NODE_ENV=PRODUCTION');
  });

  it(
    'starts local mode only on loopback, and says so with the tenants and the store',
    { timeout: 90_000 },
    async () => {
      const bot = await startBotProcess(common);
      try {
        expect(bot.host).toBe('127.0.0.1');
        expect(bot.events('bot.started')[0]).toMatchObject({ mode: 'local', store: 'embedded' });
        const banner = bot.stderr();
        expect(banner).toContain('LOCAL MODE (no Teams credentials are set)');
        expect(banner).toContain('(loopback only; set HOST to listen elsewhere)');
        expect(banner).toContain('Tenants served: any');
        expect(banner).toContain(`Store: embedded store in ${join(root, 'state')}`);
        expect((await rawRequest({ port: bot.port, method: 'GET', path: '/healthz' })).status).toBe(200);
      } finally {
        await bot.stop();
      }
    },
  );
});
