import { generateKeyPairSync, sign } from 'node:crypto';
import { createServer, type Server } from 'node:http';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { EmbeddedStateStore } from '../../adapters/store/embeddedStateStore.ts';
import { startBot, type RunningBot } from '../../bot/app/startBot.ts';
import { readConfig } from '../../bot/config.ts';
import { jsonLineLog } from '../../bot/log.ts';
import { quietBotbuilderAuthNoise } from '../../bot/wiring/quietAuthNoise.ts';
import { FIXTURE_AS_OF, FIXTURE_SCHOOL } from '../bot/support/botFixture.ts';
import { writeBundle } from '../support/registerFixture.ts';
import { channelClaims, forgedTokens, jwt } from './forgedTokens.ts';
import { rawRequest } from './rawHttp.ts';

const APP_ID = '0f6c2a1e-8d4b-4c3a-9e2f-1a2b3c4d5e6f';
const OUR_TENANT = '11111111-2222-4333-8444-555555555555';
const SECOND_TENANT = '66666666-7777-4888-9999-aaaaaaaaaaaa';
const OTHER_TENANT = 'bbbbbbbb-cccc-4ddd-8eee-ffffffffffff';
const KID = 'channel-key-1';
const SERVICE_URL = 'https://smba.trafficmanager.net/uk/';

/**
 * Tokens checked by botbuilder for real: the channel's signing keys are published by a loopback OpenID
 * server (the one seam: `channelAuthentication.openIdMetadataUrl`, which no environment variable can
 * set), so a correctly signed token passes and each forgery fails on its own merits, not for want of a
 * network. The bot is the product's (startBot, the product's features) in Teams mode.
 */
describe('inbound tokens and tenants, checked against published signing keys', () => {
  const root = mkdtempSync(join(tmpdir(), 'signed-'));
  const channelKey = generateKeyPairSync('rsa', { modulusLength: 2048 });
  const publicPem = channelKey.publicKey.export({ type: 'spki', format: 'pem' }).toString();
  const logLines: string[] = [];
  const printed: unknown[][] = [];
  let openId: Server;
  let bot: RunningBot;
  let store: EmbeddedStateStore;
  let restoreConsole: () => void;
  let originalError: typeof console.error;

  const signed = (claims: Record<string, unknown>) =>
    `Bearer ${jwt({ alg: 'RS256', typ: 'JWT', kid: KID }, claims, (d) => sign('sha256', Buffer.from(d), channelKey.privateKey))}`;
  const event = (tenant: string | undefined, text = 'ignored') => ({
    type: 'event',
    name: 'probe',
    id: 'e1',
    channelId: 'msteams',
    serviceUrl: SERVICE_URL,
    from: { id: '29:someone', aadObjectId: 'aad-someone' },
    recipient: { id: `28:${APP_ID}` },
    conversation: { id: 'a:personal-1', conversationType: 'personal', ...(tenant ? { tenantId: tenant } : {}) },
    channelData: tenant ? { tenant: { id: tenant } } : {},
    text,
  });
  const send = (authorization: string | undefined, body: unknown) =>
    rawRequest({
      port: bot.server.port,
      path: '/api/messages',
      headers: { 'content-type': 'application/json', ...(authorization ? { authorization } : {}) },
      body: JSON.stringify(body),
    });

  beforeAll(async () => {
    openId = createServer((req, res) => {
      const port = (openId.address() as { port: number }).port;
      const jwk = channelKey.publicKey.export({ format: 'jwk' });
      const body =
        req.url === '/keys'
          ? { keys: [{ kty: 'RSA', use: 'sig', kid: KID, n: jwk.n, e: jwk.e, endorsements: ['msteams'] }] }
          : {
              issuer: 'https://api.botframework.com',
              jwks_uri: `http://127.0.0.1:${port}/keys`,
              id_token_signing_alg_values_supported: ['RS256'],
            };
      res.setHeader('content-type', 'application/json');
      res.end(JSON.stringify(body));
    });
    await new Promise<void>((resolve) => openId.listen(0, '127.0.0.1', () => resolve()));
    const dataDir = join(root, 'data');
    writeBundle(dataDir, FIXTURE_SCHOOL);
    const config = readConfig({
      MicrosoftAppId: APP_ID,
      MicrosoftAppPassword: 'not-a-real-secret',
      MicrosoftAppTenantId: OUR_TENANT,
      ALLOWED_TENANT_IDS: `${OUR_TENANT}, ${SECOND_TENANT.toUpperCase()}`,
      ATTENDANCE_DATA: dataDir,
      ATTENDANCE_AS_OF: FIXTURE_AS_OF,
      ATTENDANCE_STATE_DIR: join(root, 'state'),
      ALERT_SCANS: 'off',
      PORT: '0',
    });
    store = EmbeddedStateStore.open(config.stateDir);
    const log = jsonLineLog((line) => void logLines.push(line));
    originalError = console.error;
    console.error = (...args: unknown[]) => void printed.push(args);
    restoreConsole = quietBotbuilderAuthNoise(log);
    bot = await startBot({
      config,
      store,
      log,
      channelAuthentication: {
        openIdMetadataUrl: `http://127.0.0.1:${(openId.address() as { port: number }).port}/openid`,
      },
    });
  }, 60_000);

  afterAll(async () => {
    restoreConsole?.();
    if (originalError) console.error = originalError;
    await bot?.close();
    await store?.close();
    await new Promise<void>((resolve) => (openId ? openId.close(() => resolve()) : resolve()));
    rmSync(root, { recursive: true, force: true });
  });

  it('accepts a token signed with the published key, from either configured tenant', async () => {
    for (const tenant of [OUR_TENANT, SECOND_TENANT]) {
      const answer = await send(signed(channelClaims(APP_ID, SERVICE_URL)), event(tenant));
      expect(answer.status, tenant).toBe(200);
    }
  });

  it('refuses a correctly signed activity from another tenant (403) and records it without its text', async () => {
    const secret = 'how is Amy Smith doing this term';
    const other = await send(signed(channelClaims(APP_ID, SERVICE_URL)), event(OTHER_TENANT, secret));
    expect(other.status, 'other').toBe(403);
    const missing = await send(signed(channelClaims(APP_ID, SERVICE_URL)), event(undefined, secret));
    expect(missing.status, 'missing').toBe(403);
    // Two tenants named at once, one ours: refused too.
    const mixed = { ...event(OUR_TENANT, secret), channelData: { tenant: { id: OTHER_TENANT } } };
    expect((await send(signed(channelClaims(APP_ID, SERVICE_URL)), mixed)).status).toBe(403);
    const refusals = logLines.filter((l) => l.includes('"tenant.refused"'));
    expect(refusals).toHaveLength(3);
    expect(refusals[0]).toContain(OTHER_TENANT);
    expect(refusals[2]).toContain(OTHER_TENANT);
    expect(logLines.join('')).not.toContain('Amy Smith');
  });

  it('refuses every forgery 401 with a body that says nothing internal', async () => {
    const hourAgo = Math.floor(Date.now() / 1000) - 3600;
    const tokens = [
      ...forgedTokens(APP_ID, KID, publicPem),
      // Signed with the channel's own key but not valid now: not before an hour from now, or expired.
      signed(channelClaims(APP_ID, SERVICE_URL, { nbf: hourAgo + 7200, iat: hourAgo + 7200 })),
      signed(channelClaims(APP_ID, SERVICE_URL, { nbf: hourAgo - 60, iat: hourAgo - 60, exp: hourAgo })),
      // Signed properly for another bot, or with a service URL other than the activity's.
      signed(channelClaims('another-app-id', SERVICE_URL)),
      signed(channelClaims(APP_ID, 'https://attacker.example/')),
    ];
    for (const token of tokens) {
      const answer = await send(token, event(OUR_TENANT));
      expect(answer.status, token.slice(0, 60)).toBe(401);
      expect(JSON.parse(answer.body)).toEqual({ error: 'unauthorized' });
    }
    expect(logLines.filter((l) => l.includes('"auth.refused"')).length).toBeGreaterThanOrEqual(tokens.length);
  });

  it('prints no signing key or token error to stderr for a refused token', () => {
    const text = printed
      .map((args) => args.map((a) => (a instanceof Error ? a.stack : String(a))).join(' '))
      .join('\n');
    expect(text).not.toMatch(/BEGIN PUBLIC KEY|Available keys|TokenExpiredError/);
  });
});
