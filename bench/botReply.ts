import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { EmbeddedStateStore } from '../adapters/store/embeddedStateStore.ts';
import { startBot } from '../bot/app/startBot.ts';
import { readConfig } from '../bot/config.ts';
import { silentLog } from '../bot/log.ts';
import { pupilName } from '../rules/pupils/pupil.ts';
import { FakeConnector } from '../test/bot/support/fakeConnector.ts';
import { actionExecute, channelMessage, postActivity } from '../test/bot/support/teamsActivities.ts';

/**
 * Reply times of the real bot (restify + teams-ai + queries) on the demo local authority, measured as a
 * client sees them: POST /api/messages returns after the reply has reached the (fake, loopback) connector.
 * "first" is the first question at a school and as-of date (findings are evaluated then cached); "warm" is
 * the median of the repeats. Run: npx tsx bench/botReply.ts [repeats]
 */
const repeats = Number(process.argv[2] ?? 5);
const stateDir = mkdtempSync(join(tmpdir(), 'bench-bot-'));
const connector = await new FakeConnector().start();
const store = EmbeddedStateStore.open(stateDir);
const loadStarted = performance.now();
const bot = await startBot({
  config: readConfig({ PORT: '0', ATTENDANCE_STATE_DIR: stateDir }),
  store,
  log: silentLog,
});
const loadMs = performance.now() - loadStarted;
const url = `http://127.0.0.1:${bot.server.port}`;

async function timed(text: string, conversationId: string): Promise<number> {
  const started = performance.now();
  const response = await postActivity(url, channelMessage({ serviceUrl: connector.url, text, conversationId }));
  if (response.status !== 200) throw new Error(`bot answered ${response.status} to "${text}"`);
  return performance.now() - started;
}

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
const rows: string[] = [];
for (const school of bot.services.schools) {
  const channel = `19:bench-${school.urn}@thread.tacv2`;
  await timed(`link school ${school.urn}`, channel);
  const somePupil = pupilName(school.register.pupils[Math.floor(school.register.pupils.length / 2)]);
  const questions = [
    'which pupils hit the penalty threshold?',
    'who is persistently absent?',
    'who is persistently absent in year 9?',
    'any sickness returns due?',
    'how does the school compare with national?',
    `how is ${somePupil} doing?`,
  ];
  for (const question of questions) {
    const first = await timed(question, channel);
    const warm: number[] = [];
    for (let i = 0; i < repeats; i++) warm.push(await timed(question, channel));
    rows.push(
      `| ${school.name} (${school.register.pupils.length}) | ${question.startsWith('how is') ? 'how is <pupil> doing?' : question} | ${first.toFixed(0)} | ${median(warm).toFixed(0)} | ${Math.max(...warm).toFixed(0)} |`,
    );
  }
}
// Card buttons are invokes: Teams waits about 5 s for them. Time "next 20" on the largest school's list.
const largest = [...bot.services.schools].sort((a, b) => b.register.pupils.length - a.register.pupils.length)[0];
const listChannel = `19:bench-${largest.urn}@thread.tacv2`;
await timed('who is persistently absent?', listChannel);
const card = (
  connector.calls.at(-1)!.activity.attachments as {
    content: { actions?: { verb: string; data: Record<string, unknown> }[] };
  }[]
)[0].content;
const next = card.actions?.[0];
const invokeTimes: number[] = [];
if (next) {
  for (let i = 0; i < repeats; i++) {
    const started = performance.now();
    const response = await postActivity(
      url,
      actionExecute({
        serviceUrl: connector.url,
        verb: next.verb,
        data: next.data,
        replyToId: 'bench-card',
        conversationId: listChannel,
      }),
    );
    if (response.status !== 200) throw new Error(`invoke answered ${response.status}`);
    invokeTimes.push(performance.now() - started);
  }
  rows.push(
    `| ${largest.name} (${largest.register.pupils.length}) | card button "next 20" (invoke) | ${invokeTimes[0].toFixed(0)} | ${median(invokeTimes).toFixed(0)} | ${Math.max(...invokeTimes).toFixed(0)} |`,
  );
}
process.stdout.write(`Bot start (load ${bot.services.schools.length} schools): ${loadMs.toFixed(0)} ms\n\n`);
process.stdout.write(
  '| school (pupils) | question | first ms | warm median ms | warm max ms |\n| --- | --- | --- | --- | --- |\n',
);
process.stdout.write(`${rows.join('\n')}\n`);
await bot.close();
await store.close();
await connector.stop();
rmSync(stateDir, { recursive: true, force: true });
