import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Redis } from 'ioredis';
import { afterAll, describe, expect, it, vi } from 'vitest';
import { RedisStateStore } from '../../adapters/store/redisStateStore.ts';
import { startBot, type RunningBot } from '../../bot/app/startBot.ts';
import { readConfig } from '../../bot/config.ts';
import { jsonLineLog } from '../../bot/log.ts';
import { SCAN_TOKEN, writeAlertSchool } from '../bot/alerts/alertBot.ts';
import { SCAN_DAY } from '../bot/alerts/alertScenario.ts';
import { ScriptedConnector } from '../bot/alerts/scriptedConnector.ts';
import { installationUpdate, message, post } from '../bot/alerts/teamsActivity.ts';
import { rawRequest } from './rawHttp.ts';

const hasRedisServer = spawnSync('redis-server', ['--version']).status === 0;
if (!hasRedisServer && process.env.REQUIRE_REDIS)
  throw new Error('REQUIRE_REDIS is set but redis-server is not installed: the Redis outage test needs it');
const CHANNELS = Array.from({ length: 4 }, (_, i) => `19:outage-${i}@thread.tacv2`);
const CARDS_PER_CHANNEL = 5;

function freePort(): Promise<number> {
  return new Promise((resolve) => {
    const server = createServer().listen(0, '127.0.0.1', () => {
      const { port } = server.address() as { port: number };
      server.close(() => resolve(port));
    });
  });
}

/** A Redis of the test's own on another port, persisting every write (so SIGKILL loses nothing), to kill and restart. */
async function startRedis(port: number, dir: string): Promise<ChildProcess> {
  const child = spawn(
    'redis-server',
    [
      '--port',
      String(port),
      '--bind',
      '127.0.0.1',
      '--save',
      '',
      '--appendonly',
      'yes',
      '--appendfsync',
      'always',
      '--dir',
      dir,
    ],
    { stdio: 'ignore' },
  );
  const probe = new Redis(port, '127.0.0.1', { lazyConnect: true, retryStrategy: () => 50, maxRetriesPerRequest: 0 });
  probe.on('error', () => {});
  for (let waited = 0; ; waited += 50) {
    try {
      await probe.connect().catch(() => undefined);
      if ((await probe.ping()) === 'PONG') break;
    } catch {
      if (waited > 10_000) throw new Error('redis-server did not start');
      await new Promise((r) => setTimeout(r, 50));
    }
  }
  probe.disconnect();
  return child;
}

function kill(child: ChildProcess): Promise<void> {
  return new Promise((resolve) => {
    if (child.exitCode !== null || child.signalCode !== null) return resolve();
    child.once('exit', () => resolve());
    child.kill('SIGKILL');
  });
}

/**
 * Redis stopped (SIGKILL) under the real bot mid-delivery, then started again: questions go on being
 * answered within 3 s from the registers and the last-known binding and role, a write says it cannot be
 * recorded, /healthz answers 503 naming the store, the outage is logged once each way with no
 * "Unhandled error event", and once Redis is back every alert arrives within 30 s, none lost or repeated.
 */
describe.skipIf(!hasRedisServer)('the bot through a Redis outage', () => {
  const root = mkdtempSync(join(tmpdir(), 'redis-outage-'));
  const logLines: string[] = [];
  const printed: string[] = [];
  let redis: ChildProcess | undefined;
  let bot: RunningBot | undefined;
  let store: RedisStateStore | undefined;
  let connector: ScriptedConnector | undefined;
  const consoleError = vi.spyOn(console, 'error').mockImplementation((...args) => void printed.push(args.join(' ')));
  const consoleWarn = vi.spyOn(console, 'warn').mockImplementation((...args) => void printed.push(args.join(' ')));

  afterAll(async () => {
    await bot?.close();
    await store?.close().catch(() => undefined);
    await connector?.stop();
    if (redis) await kill(redis);
    consoleError.mockRestore();
    consoleWarn.mockRestore();
    rmSync(root, { recursive: true, force: true });
  });

  const events = (event: string) => logLines.filter((l) => l.includes(`"event":"${event}"`));

  /** Posts a channel message and waits for the bot's reply at the connector; resolves with its text and the time taken. */
  async function ask(conversationId: string, text: string): Promise<{ reply: string; ms: number }> {
    const before = connector!.requests.length;
    const started = performance.now();
    const answered = await post(
      `http://127.0.0.1:${bot!.server.port}/api/messages`,
      message(connector!.url, conversationId, text),
    );
    expect(answered.status).toBe(200);
    for (;;) {
      const reply = connector!.requests
        .slice(before)
        // A reply to a channel post goes to its thread: the channel id with ;messageid=.
        .find(
          (r) =>
            (r.conversationId === conversationId || r.conversationId.startsWith(`${conversationId};`)) &&
            r.activity.type === 'message',
        );
      if (reply)
        return {
          reply: `${String(reply.activity.text ?? '')} ${String(reply.activity.summary ?? '')}`,
          ms: performance.now() - started,
        };
      if (performance.now() - started > 10_000) throw new Error('no reply within 10 s');
      await new Promise((r) => setTimeout(r, 10));
    }
  }

  it('answers, refuses writes plainly, reports 503, and loses or repeats no alert', { timeout: 120_000 }, async () => {
    const port = await freePort();
    redis = await startRedis(port, root);
    connector = await new ScriptedConnector().start();
    const config = readConfig({
      ATTENDANCE_DATA: writeAlertSchool(),
      ATTENDANCE_AS_OF: SCAN_DAY,
      PORT: '0',
      REDIS_URL: `redis://127.0.0.1:${port}`,
      SCAN_TOKEN,
      ALERT_SCANS: 'off',
      INSTANCE_ID: 'outage-instance',
    });
    store = await RedisStateStore.connect(config.redisUrl!, { keyPrefix: 'outage:' });
    bot = await startBot({ config, store, log: jsonLineLog((l) => void logLines.push(l)), storeProbeEveryMs: 500 });
    const url = `http://127.0.0.1:${bot.server.port}`;
    for (const id of CHANNELS)
      expect((await post(`${url}/api/messages`, installationUpdate(connector.url, id))).status).toBe(200);
    const before = await ask(CHANNELS[0], 'who is persistently absent?');
    const welcomes = connector.requests.length;

    // Teams takes 150 ms over each alert; Redis is killed once four are in.
    connector.answer = async () => {
      await new Promise((r) => setTimeout(r, 150));
      return { status: 200 };
    };
    const scanned = await post(`${url}/api/scan`, undefined, { authorization: `Bearer ${SCAN_TOKEN}` });
    expect(scanned.body).toMatchObject({ queued: CHANNELS.length * CARDS_PER_CHANNEL });
    await expect
      .poll(() => connector!.accepted().length - welcomes, { timeout: 20_000, interval: 5 })
      .toBeGreaterThanOrEqual(4);
    await kill(redis);

    // Questions: answered from the registers with the last-known binding and role, within 3 s.
    const during = await ask(CHANNELS[0], 'who is persistently absent?');
    expect(during.ms).toBeLessThan(3_000);
    expect(during.reply).toBe(before.reply);
    const again = await ask(CHANNELS[0], 'who is persistently absent?');
    expect(again.ms).toBeLessThan(3_000);
    // A write: said plainly.
    const write = await ask(CHANNELS[1], 'alerts off threshold');
    expect(write.reply).toContain("can't record that right now");
    const health = await rawRequest({ port: bot.server.port, method: 'GET', path: '/healthz' });
    expect(health.status).toBe(503);
    expect(JSON.parse(health.body)).toMatchObject({ status: 'unavailable', store: 'redis', storeAvailable: false });
    const acceptedDuringOutage = connector.accepted().length;

    // Redis back (its append-only file replayed): every alert out within 30 s, each once.
    redis = await startRedis(port, root);
    const back = performance.now();
    const expected = CHANNELS.length * CARDS_PER_CHANNEL;
    const alertsAccepted = () =>
      connector!
        .accepted()
        .slice(welcomes)
        // Replies to this test's messages name the message they answer (ids starting act-); alerts do not.
        .filter((r) => CHANNELS.includes(r.conversationId) && !String(r.activityId ?? '').startsWith('act-'));
    await expect
      .poll(() => alertsAccepted().length, { timeout: 30_000, interval: 100 })
      .toBeGreaterThanOrEqual(expected);
    expect(performance.now() - back).toBeLessThan(30_000);
    expect(acceptedDuringOutage).toBeLessThan(welcomes + expected);
    await expect.poll(async () => (await store!.listOutbox('pending')).length, { timeout: 10_000 }).toBe(0);
    const keys = alertsAccepted().map((r) => `${r.conversationId}|${String(r.activity.summary)}`);
    expect(keys).toHaveLength(expected);
    expect(new Set(keys).size).toBe(expected);
    expect((await store.listOutbox('sent')).length).toBe(expected);

    await expect.poll(() => events('store.available').length, { timeout: 5_000 }).toBe(1);
    expect(events('store.unavailable')).toHaveLength(1);
    expect(health.status).toBe(503);
    expect((await rawRequest({ port: bot.server.port, method: 'GET', path: '/healthz' })).status).toBe(200);
    expect(printed.join('\n')).not.toContain('Unhandled error event');
    expect(logLines.join('')).not.toMatch(/Amy|Smith|Jones/);
  });
});
