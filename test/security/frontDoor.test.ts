import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { writeBundle } from '../support/registerFixture.ts';
import { FIXTURE_AS_OF, FIXTURE_SCHOOL } from '../bot/support/botFixture.ts';
import { startBotProcess, type BotProcess } from './botProcess.ts';
import { bigBody, rawRequest } from './rawHttp.ts';
import { forgedTokens } from './forgedTokens.ts';

const APP_ID = '7b0a6b54-3c1e-4d8a-9f3e-0a1b2c3d4e5f';
const TENANT_ID = '5e2f1c0a-9b8d-4e7f-a6c5-d4e3f2a1b0c9';
const SCAN_TOKEN = 'operator-token-0123456789';
const activity = {
  type: 'message',
  id: 'a1',
  channelId: 'msteams',
  serviceUrl: 'https://smba.trafficmanager.net/uk/',
  from: { id: '29:x' },
  recipient: { id: `28:${APP_ID}` },
  conversation: { id: 'a:1', tenantId: TENANT_ID },
  text: 'help',
};

/**
 * The attacks issue 13 found, each against the real entry point (bot/main.ts, as `npm start` runs it in
 * production: Teams mode, token checks on) over loopback. After every one the process must still be there.
 */
describe('the front door of the production server', () => {
  const root = mkdtempSync(join(tmpdir(), 'front-door-'));
  let bot: BotProcess;
  const messages = (extra: Parameters<typeof rawRequest>[0] extends infer R ? Partial<R> : never) =>
    rawRequest({ port: bot.port, path: '/api/messages', ...extra });

  beforeAll(async () => {
    const dataDir = join(root, 'data');
    writeBundle(dataDir, FIXTURE_SCHOOL);
    bot = await startBotProcess({
      NODE_ENV: 'production',
      MicrosoftAppId: APP_ID,
      MicrosoftAppPassword: 'not-a-real-secret',
      MicrosoftAppTenantId: TENANT_ID,
      HOST: '127.0.0.1',
      PORT: '0',
      ATTENDANCE_DATA: dataDir,
      ATTENDANCE_AS_OF: FIXTURE_AS_OF,
      ATTENDANCE_STATE_DIR: join(root, 'state'),
      ALERT_SCANS: 'off',
      SCAN_TOKEN,
    });
  }, 90_000);

  afterAll(async () => {
    await bot?.stop();
    rmSync(root, { recursive: true, force: true });
  });

  it('starts in Teams mode, saying so, with the tenant it serves', () => {
    expect(bot.events('bot.started')[0]).toMatchObject({ mode: 'teams', tenants: 1 });
    expect(bot.stderr()).toContain(`Tenants served: ${TENANT_ID}.`);
    expect(bot.stderr()).not.toContain('LOCAL MODE');
  });

  it('refuses a compressed body (415) before reading it, on every route, and stays up', async () => {
    const notGzip = { 'content-encoding': 'gzip', 'content-type': 'application/json' };
    expect((await messages({ headers: notGzip, body: 'this is not gzip at all' })).status).toBe(415);
    expect((await messages({ headers: { ...notGzip, 'content-encoding': 'GZIP, br' }, body: 'x' })).status).toBe(415);
    // A gzip bomb: 40 MB of zeros in about 40 KB.
    const bomb = gzipSync(Buffer.alloc(40 * 1024 * 1024));
    expect((await messages({ headers: notGzip, body: bomb })).status).toBe(415);
    // Routes that take no body never read it, whatever it claims to be.
    const health = await rawRequest({
      port: bot.port,
      method: 'GET',
      path: '/healthz',
      headers: { ...notGzip, 'content-length': 1 },
      body: 'x',
    });
    expect(health.status).toBe(200);
    const unknown = await rawRequest({ port: bot.port, path: '/nowhere', headers: notGzip, body: bomb });
    expect(unknown.status).toBe(404);
    expect(bot.alive()).toBe(true);
  });

  it('refuses a body over the limit (413) at once when it says its length, and while streaming when it does not', async () => {
    const declared = await messages({
      headers: { 'content-type': 'application/json', 'content-length': 10 * 1024 * 1024 },
      body: '{"type":"message"',
    });
    expect(declared.status).toBe(413);
    const before = bot.rssMb();
    // Five 200 MB bodies at once, with no Content-Length: each is cut off after the limit.
    const answers = await Promise.all(
      Array.from({ length: 5 }, () =>
        messages({ headers: { 'content-type': 'application/json' }, body: bigBody(3200) }),
      ),
    );
    for (const answer of answers) {
      // The server answers 413 and closes; a client still writing may see the close first.
      if (answer.status !== undefined) expect(answer.status).toBe(413);
      else expect(answer.error).toMatch(/EPIPE|ECONNRESET/);
    }
    const refused = () =>
      bot.events('http.refused').filter((e) => e.route === '/api/messages' && e.status === 413).length;
    await expect.poll(refused, { timeout: 5_000 }).toBeGreaterThanOrEqual(6);
    expect(bot.rssMb() - before).toBeLessThan(100);
    expect(bot.alive()).toBe(true);
  });

  it('answers bad JSON, bad UTF-8 and bodies that are not activities 400', async () => {
    const json = { 'content-type': 'application/json' };
    expect((await messages({ headers: json, body: '{"type":"message",' })).status).toBe(400);
    expect((await messages({ headers: json, body: Buffer.from([0x7b, 0x22, 0xff, 0xfe, 0x22, 0x7d]) })).status).toBe(
      400,
    );
    for (const body of ['[]', '{}', '{"type":5}', '"message"', 'null', ''])
      expect((await messages({ headers: json, body })).status, body).toBe(400);
    expect(bot.alive()).toBe(true);
  });

  it('answers every forged or missing token 401 with a body that says nothing internal', async () => {
    const body = JSON.stringify(activity);
    const headers = { 'content-type': 'application/json' };
    const tries = [undefined, 'Bearer', 'Bearer not.a.token', 'Basic dXNlcjpwYXNz', ...forgedTokens(APP_ID)];
    for (const authorization of tries) {
      const answer = await messages({ headers: authorization ? { ...headers, authorization } : headers, body });
      expect(answer.status, String(authorization).slice(0, 40)).toBe(401);
      expect(JSON.parse(answer.body)).toEqual({ error: 'unauthorized' });
    }
    expect(bot.events('auth.refused').length).toBeGreaterThanOrEqual(tries.length);
    expect(bot.alive()).toBe(true);
  });

  it('holds the operator routes to a smaller limit, and checks their token before reading the body', async () => {
    const big = JSON.stringify({ schools: Array.from({ length: 4000 }, () => '100001') });
    const authorised = { 'content-type': 'application/json', authorization: `Bearer ${SCAN_TOKEN}` };
    for (const path of ['/api/scan', '/api/reload']) {
      expect((await rawRequest({ port: bot.port, path, headers: authorised, body: big })).status).toBe(413);
      expect(
        (await rawRequest({ port: bot.port, path, headers: { ...authorised, 'content-encoding': 'gzip' }, body: 'x' }))
          .status,
      ).toBe(415);
      const wrongToken = { ...authorised, authorization: 'Bearer wrong-token-wrong-token' };
      expect((await rawRequest({ port: bot.port, path, headers: wrongToken, body: big })).status).toBe(401);
    }
    expect(bot.alive()).toBe(true);
  });

  it('is still answering after every attack, and has printed no key, stack or request text', async () => {
    const health = await rawRequest({ port: bot.port, method: 'GET', path: '/healthz' });
    expect(health.status).toBe(200);
    expect(JSON.parse(health.body)).toMatchObject({ status: 'ok', store: 'embedded store', mode: 'teams' });
    const stderr = bot.stderr();
    expect(stderr).not.toMatch(/BEGIN (PUBLIC|RSA|PRIVATE)|Available keys|Unhandled|\n\s+at /);
    expect(bot.stdout()).not.toContain('this is not gzip');
    expect(bot.events('process.uncaught-exception')).toEqual([]);
    expect(bot.events('process.unhandled-rejection')).toEqual([]);
  });
});
