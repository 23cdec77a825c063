import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { EmbeddedStateStore } from '../../adapters/store/embeddedStateStore.ts';
import { botFeatures } from '../../bot/app/features.ts';
import { startBot, type RunningBot } from '../../bot/app/startBot.ts';
import { readConfig } from '../../bot/config.ts';
import { jsonLineLog } from '../../bot/log.ts';
import { FIXTURE_AS_OF, FIXTURE_SCHOOL } from '../bot/support/botFixture.ts';
import { FakeConnector } from '../bot/support/fakeConnector.ts';
import { channelMessage, postActivity } from '../bot/support/teamsActivities.ts';
import { writeBundle } from '../support/registerFixture.ts';

/**
 * A handler that throws mid-turn (here one planted for the test, beside the product's features): the person
 * gets an apology, the log gets ids and the error's kind (never its message, which may quote a pupil), and
 * the next message is answered as usual.
 */
describe('an unexpected error in one turn', () => {
  const root = mkdtempSync(join(tmpdir(), 'turn-error-'));
  const logLines: string[] = [];
  let bot: RunningBot;
  let store: EmbeddedStateStore;
  let connector: FakeConnector;

  beforeAll(async () => {
    connector = await new FakeConnector().start();
    writeBundle(join(root, 'data'), FIXTURE_SCHOOL);
    const config = readConfig({
      ATTENDANCE_DATA: join(root, 'data'),
      ATTENDANCE_AS_OF: FIXTURE_AS_OF,
      ATTENDANCE_STATE_DIR: join(root, 'state'),
      ALERT_SCANS: 'off',
      PORT: '0',
    });
    store = EmbeddedStateStore.open(config.stateDir);
    bot = await startBot({
      config,
      store,
      log: jsonLineLog((line) => void logLines.push(line)),
      features: (services) => [
        {
          name: 'explodes',
          register: (host) =>
            host.onMessage(/^explode$/i, async () => {
              throw new Error('Amy Smith 2011-03-10: something internal at 10.0.0.7');
            }),
        },
        ...botFeatures(services),
      ],
    });
  });

  afterAll(async () => {
    await bot?.close();
    await store?.close();
    await connector?.stop();
    rmSync(root, { recursive: true, force: true });
  });

  it('apologises, logs ids only, and answers the next message', async () => {
    const url = `http://127.0.0.1:${bot.server.port}`;
    const conversationId = '19:turn-error@thread.tacv2';
    const failed = await postActivity(
      url,
      channelMessage({ serviceUrl: connector.url, text: 'explode', conversationId }),
    );
    expect(failed.status).toBe(200);
    expect(connector.sentTo(conversationId).at(-1)?.activity.text).toContain('Sorry, something went wrong');
    const errors = logLines.filter((l) => l.includes('"turn.error"'));
    expect(errors).toHaveLength(1);
    expect(JSON.parse(errors[0])).toMatchObject({ conversation: conversationId, type: 'message', error: 'Error' });
    expect(logLines.join('')).not.toMatch(/Amy|10\.0\.0\.7/);
    const next = await postActivity(url, channelMessage({ serviceUrl: connector.url, text: 'help', conversationId }));
    expect(next.status).toBe(200);
    expect(connector.sentTo(conversationId).length).toBe(2);
  });
});
