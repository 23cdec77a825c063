import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { RedisStateStore } from '../../../adapters/store/redisStateStore.ts';
import { listCases } from '../../../bot/meetings/caseStore.ts';
import { lastEndedMeeting } from '../../../bot/meetings/meetingStore.ts';
import { pupilName } from '../../../rules/pupils/pupil.ts';
import {
  deleteKeysWithPrefix,
  REDIS_SKIP_NOTE,
  redisUrlForTests,
  uniqueTestPrefix,
} from '../../adapters/store/redisTestConnection.ts';
import { FakeConnector } from '../support/fakeConnector.ts';
import {
  ANN,
  OMAR,
  TestClock,
  generateSchools,
  installed,
  postActivity,
  pressed,
  said,
  startMeetingBot,
  type Person,
} from './meetingBot.ts';

const url = redisUrlForTests();

// Without REDIS_URL this is reported as skipped, saying why; REQUIRE_REDIS (set by .ci/run) makes a
// missing REDIS_URL fail instead (redisUrlForTests).
describe.skipIf(!url)(
  `cases and minutes in Redis survive a restart of the bot${url ? '' : ` (${REDIS_SKIP_NOTE})`}`,
  () => {
    const keyPrefix = uniqueTestPrefix('meetings');
    // Made by the test, not at collection, so a skipped run writes nothing.
    const made: string[] = [];
    afterAll(async () => {
      if (made.length === 0) return;
      await deleteKeysWithPrefix(url!, keyPrefix);
      for (const dir of made) rmSync(dir, { recursive: true, force: true });
    });

    it('shows the agreed action and the minutes after the bot is stopped and started on a new connection', async () => {
      const { dataDir, schools } = generateSchools();
      const stateDir = mkdtempSync(join(tmpdir(), 'meetings-redis-state-'));
      made.push(stateDir, join(dataDir, '..'));
      const clock = new TestClock(new Date('2025-11-24T09:00:00Z'));
      const connector = await new FakeConnector().start();
      const urn = schools[0].urn;
      let store = await RedisStateStore.connect(url!, { keyPrefix });
      let running = await startMeetingBot(dataDir, stateDir, store, clock);
      const send = async (person: Person, text: string) => {
        const before = connector.calls.length;
        expect((await postActivity(running.url, said(connector.url, person, text))).status).toBe(200);
        return connector.calls
          .slice(before)
          .filter((c) => c.method === 'POST' && c.activity.type === 'message')
          .map((c) => c.activity);
      };
      try {
        await postActivity(running.url, installed(connector.url, ANN));
        await send(ANN, `link school ${urn}`);
        await send(ANN, 'prepare the termly meeting');
        const posted = await send(ANN, 'start the meeting');
        const caseKey = JSON.stringify(posted[1].attachments).match(/"caseKey":"(\d+\|[A-Z0-9]{13})"/)![1];
        const response = await postActivity(
          running.url,
          pressed(connector.url, OMAR, 'card-1', 'meetings.addAction', {
            caseKey,
            actionWhat: 'Joint home visit',
            actionParty: 'la',
            actionOwner: '',
            actionDue: '2025-12-03',
          }),
        );
        expect(JSON.stringify(response.body)).toContain('Joint home visit');
        await send(ANN, 'end the meeting');

        await running.bot.close();
        await store.close();
        store = await RedisStateStore.connect(url!, { keyPrefix });
        running = await startMeetingBot(dataDir, stateDir, store, clock);

        const minutes = (await lastEndedMeeting(store, urn))!.minutes!;
        expect(minutes.actionsByOwner).toEqual([
          {
            owner: 'Omar Officer',
            actions: [expect.objectContaining({ what: 'Joint home visit', due: '2025-12-03' })],
          },
        ]);
        const upn = caseKey.split('|')[1];
        expect((await listCases(store, urn)).find((c) => c.upn === upn)?.actions.map((a) => a.what)).toEqual([
          'Joint home visit',
        ]);
        const name = pupilName(
          running.bot.services.schools.find((s) => s.urn === urn)!.register.pupils.find((p) => p.upn === upn)!,
        );
        const [card] = await send(ANN, `case ${name}`);
        expect(JSON.stringify(card.attachments)).toContain('Joint home visit');
      } finally {
        await running.bot.close();
        await store.close();
        await connector.stop();
      }
    });
  },
);
