import { execFileSync } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { EmbeddedStateStore } from '../adapters/store/embeddedStateStore.ts';
import { startBot } from '../bot/app/startBot.ts';
import { readConfig } from '../bot/config.ts';
import { silentLog } from '../bot/log.ts';
import { findSchool } from '../bot/queries/schoolScope.ts';
import { FakeConnector, type ConnectorCall } from '../test/bot/support/fakeConnector.ts';
import { BOT, postActivity, TENANT } from '../test/bot/support/teamsActivities.ts';

/**
 * Issue 7's bot target: reply time to a threshold question over a 60,000-pupil local authority, as a client
 * sees it. Generates the authority once (fixed seed) into a folder under the temp dir and reuses it, starts
 * the real bot (restify + teams-ai + queries) in local mode on a free port with ATTENDANCE_DATA pointing at
 * it, and posts personal-chat messages to /api/messages; each time runs from the POST until the loopback
 * fake connector receives the bot's reply. Two series: across all schools, and naming one school.
 *
 * Run: npm run bench:bot -- [--pupils 60000] [--questions 200] [--warmup 10] [--as-of 2025-03-14] [--json]
 */
const { values: args } = parseArgs({
  options: {
    pupils: { type: 'string', default: '60000' },
    schools: { type: 'string' },
    questions: { type: 'string', default: '200' },
    warmup: { type: 'string', default: '10' },
    'as-of': { type: 'string', default: '2025-03-14' },
    seed: { type: 'string', default: 'bench' },
    json: { type: 'boolean', default: false },
  },
});
const pupils = Number(args.pupils);
const schools = Number(args.schools ?? Math.max(1, Math.round(pupils / 1000)));
const questions = Number(args.questions);
const warmup = Number(args.warmup);
const asOf = args['as-of']!;
const seed = args.seed!;
const YEAR = '2024/25';

/** The generated authority, made once per (seed, schools, pupils) and kept for later runs. */
function authorityDir(): { dir: string; generatedMs?: number } {
  const dir = join(tmpdir(), `attendance-bot-latency-${seed}-${schools}-${pupils}`);
  const done = join(dir, '.complete');
  if (existsSync(done)) return { dir };
  rmSync(dir, { recursive: true, force: true });
  const cli = fileURLToPath(new URL('../bin/attendance.js', import.meta.url));
  const started = performance.now();
  execFileSync(
    process.execPath,
    [
      cli,
      'generate',
      '--schools',
      String(schools),
      '--pupils',
      String(pupils),
      '--seed',
      seed,
      '--year',
      YEAR,
      '--out',
      join(dir, 'la'),
    ],
    { stdio: ['ignore', 'ignore', 'pipe'] },
  );
  writeFileSync(done, new Date().toISOString());
  return { dir, generatedMs: performance.now() - started };
}

/** A message in a personal (one-to-one) chat with the bot, as Teams sends it: no @mention. */
function personalMessage(serviceUrl: string, text: string, conversationId: string): Record<string, unknown> {
  return {
    type: 'message',
    id: `msg-${Math.random().toString(36).slice(2)}`,
    timestamp: new Date().toISOString(),
    serviceUrl,
    channelId: 'msteams',
    from: { id: '29:la-officer', name: 'LA Officer', aadObjectId: 'aad-la-officer' },
    conversation: { id: conversationId, conversationType: 'personal', tenantId: TENANT },
    recipient: BOT,
    text,
    textFormat: 'plain',
    channelData: { tenant: { id: TENANT } },
  };
}

/** Resolves with the time a message for `conversationId` reaches the connector. */
class ReplyWatch {
  private waiting?: { conversationId: string; resolve: (call: { at: number; call: ConnectorCall }) => void };
  constructor(connector: FakeConnector) {
    const calls = connector.calls;
    const push = calls.push.bind(calls);
    calls.push = (...items: ConnectorCall[]) => {
      const at = performance.now();
      for (const call of items) {
        if (
          this.waiting &&
          call.conversationId === this.waiting.conversationId &&
          call.method === 'POST' &&
          call.activity.type === 'message'
        ) {
          const { resolve } = this.waiting;
          this.waiting = undefined;
          resolve({ at, call });
        }
      }
      // Keep memory flat over many questions: only the latest call is worth keeping.
      calls.length = 0;
      return push(...items);
    };
  }

  next(conversationId: string): Promise<{ at: number; call: ConnectorCall }> {
    return new Promise((resolve) => (this.waiting = { conversationId, resolve }));
  }
}

const percentile = (sorted: number[], p: number) =>
  sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1))];

const { dir: dataDir, generatedMs } = authorityDir();
const stateDir = mkdtempSync(join(tmpdir(), 'bench-bot-latency-state-'));
const connector = await new FakeConnector().start();
const watch = new ReplyWatch(connector);
const store = EmbeddedStateStore.open(stateDir);
const loadStarted = performance.now();
const bot = await startBot({
  config: readConfig({
    PORT: '0',
    ATTENDANCE_STATE_DIR: stateDir,
    ATTENDANCE_DATA: join(dataDir, 'la'),
    ATTENDANCE_AS_OF: asOf,
  }),
  store,
  log: silentLog,
});
const listeningMs = performance.now() - loadStarted;
// startBot warms every school's findings on a timer just after it listens; a later timer runs after it.
await new Promise((resolve) => setTimeout(resolve, 0));
const loadMs = performance.now() - loadStarted;
const url = `http://127.0.0.1:${bot.server.port}`;
const loadedPupils = bot.services.schools.reduce((n, s) => n + s.register.pupils.length, 0);

async function ask(text: string, conversationId: string): Promise<{ ms: number; reply: ConnectorCall }> {
  const replied = watch.next(conversationId);
  const started = performance.now();
  const response = await postActivity(url, personalMessage(connector.url, text, conversationId));
  if (response.status !== 200) throw new Error(`bot answered ${response.status} to "${text}"`);
  const { at, call } = await replied;
  return { ms: at - started, reply: call };
}

/** A school whose name picks it out alone, the largest such, so the named series is the heaviest single school. */
const named = [...bot.services.schools]
  .sort((a, b) => b.register.pupils.length - a.register.pupils.length)
  .find((s) => findSchool(bot.services.schools, s.name) === s);
if (!named) throw new Error('no school has a name of its own to ask about');

const series = [
  { label: 'all schools', text: 'which pupils hit the penalty threshold?' },
  {
    label: `${named.name} (${named.register.pupils.length} pupils)`,
    text: `which pupils hit the penalty threshold at ${named.name}?`,
  },
];
const results: { label: string; sorted: number[]; sample: string }[] = [];
for (const [i, { label, text }] of series.entries()) {
  const conversationId = `a:bench-personal-${i}`;
  let sample = '';
  for (let w = 0; w < warmup; w++) await ask(text, conversationId);
  const times: number[] = [];
  for (let q = 0; q < questions; q++) {
    const { ms, reply } = await ask(text, conversationId);
    times.push(ms);
    if (q === 0) sample = replySummary(reply);
  }
  results.push({ label, sorted: times.sort((a, b) => a - b), sample });
}

function replySummary(call: ConnectorCall): string {
  const attachments = (call.activity.attachments ?? []) as { content?: { body?: { text?: string }[] } }[];
  const title = attachments[0]?.content?.body?.find((b) => typeof b.text === 'string')?.text;
  return title ?? String(call.activity.text ?? '').slice(0, 120);
}

const out = (line = '') => process.stdout.write(`${line}\n`);
if (generatedMs !== undefined)
  out(`Generated ${schools} schools, ${pupils} pupils (seed ${seed}) in ${generatedMs.toFixed(0)} ms into ${dataDir}`);
else out(`Reusing the generated authority in ${dataDir}`);
out(
  `Bot start: ${bot.services.schools.length} schools, ${loadedPupils} pupils, as of ${asOf}: listening after ${listeningMs.toFixed(0)} ms, findings warmed after ${loadMs.toFixed(0)} ms`,
);
out(
  `${questions} questions a series after ${warmup} warm-up, personal chat, POST /api/messages until the connector has the reply`,
);
out();
out('| series | first reply | p50 ms | p95 ms | p99 ms | max ms |');
out('| --- | --- | --- | --- | --- | --- |');
for (const r of results)
  out(
    `| ${r.label} | ${r.sample.replace(/\|/g, '/')} | ${percentile(r.sorted, 50).toFixed(1)} | ${percentile(r.sorted, 95).toFixed(1)} | ${percentile(r.sorted, 99).toFixed(1)} | ${r.sorted.at(-1)!.toFixed(1)} |`,
  );

await bot.close();
await store.close();
await connector.stop();
rmSync(stateDir, { recursive: true, force: true });

if (args.json) {
  // The headline figure is the LA-wide question, the one issue 7's target names.
  const all = results[0].sorted;
  const round = (ms: number) => Math.round(ms * 10) / 10;
  out(
    JSON.stringify({
      pupils: loadedPupils,
      questions: all.length,
      p50Ms: round(percentile(all, 50)),
      p95Ms: round(percentile(all, 95)),
      p99Ms: round(percentile(all, 99)),
      maxMs: round(all.at(-1)!),
      loadMs: Math.round(loadMs),
    }),
  );
}
