import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { EmbeddedStateStore } from '../../adapters/store/embeddedStateStore.ts';
import { startBot, type RunningBot } from '../../bot/app/startBot.ts';
import { readConfig } from '../../bot/config.ts';
import { type LogFields } from '../../bot/log.ts';
import { writeBundle } from '../support/registerFixture.ts';
import { FakeConnector } from './support/fakeConnector.ts';
import { FIXTURE_AS_OF, FIXTURE_SCHOOL } from './support/botFixture.ts';
import { channelMessage, postActivity } from './support/teamsActivities.ts';

describe('a register bundle without school.json', () => {
  const logged: { event: string; fields?: LogFields }[] = [];
  let root: string;
  let bot: RunningBot;
  let store: EmbeddedStateStore;
  let connector: FakeConnector;

  beforeAll(async () => {
    root = mkdtempSync(join(tmpdir(), 'no-school-json-'));
    const bundle = writeBundle(join(root, 'data', 'Brook Lane Primary'), FIXTURE_SCHOOL);
    rmSync(join(bundle, 'school.json'));
    const config = readConfig({
      ATTENDANCE_DATA: join(root, 'data'),
      ATTENDANCE_AS_OF: FIXTURE_AS_OF,
      PORT: '0',
      ATTENDANCE_STATE_DIR: join(root, 'state'),
    });
    store = EmbeddedStateStore.open(config.stateDir);
    bot = await startBot({ config, store, log: (event, fields) => logged.push({ event, fields }) });
    connector = await new FakeConnector().start();
  });
  afterAll(async () => {
    await bot?.close();
    await store?.close();
    await connector?.stop();
    rmSync(root, { recursive: true, force: true });
  });

  it('is served under an id from its folder, and the start-up log says so', () => {
    expect(bot.services.schools.map((s) => [s.urn, s.name])).toEqual([['brook-lane-primary', 'Brook Lane Primary']]);
    expect(logged.find((l) => l.event === 'school.id-from-folder')?.fields).toMatchObject({
      school: 'brook-lane-primary',
    });
  });

  it('can be linked by its name, and is named to people without a URN', async () => {
    const before = connector.calls.length;
    const response = await postActivity(
      `http://127.0.0.1:${bot.server.port}`,
      channelMessage({ serviceUrl: connector.url, text: 'link school Brook Lane Primary' }),
    );
    expect(response.status).toBe(200);
    const [reply] = connector.calls.slice(before).filter((c) => c.method === 'POST');
    expect(String(reply.activity.text)).toBe(
      'This conversation now answers for Brook Lane Primary, under the National rules (England, 2024) policy profile.',
    );
  });
});
