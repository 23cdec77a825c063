import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { listCases } from '../../bot/meetings/caseStore.ts';
import { botToday } from '../../bot/schools/botToday.ts';
import { FakeConnector } from './support/fakeConnector.ts';
import { FIXTURE_AS_OF, startTestBot, type TestBot } from './support/botFixture.ts';
import { channelMessage, postActivity } from './support/teamsActivities.ts';

describe("the bot's one today", () => {
  const school = { asOf: '2026-01-16' };
  const wallClock = () => new Date('2026-12-04T23:30:00Z');

  it('is ATTENDANCE_AS_OF, else the register day in local mode, else the real date in London', () => {
    expect(botToday({ asOf: '2026-01-16', localMode: false }, wallClock)(school)).toBe('2026-01-16');
    expect(botToday({ localMode: true }, wallClock)(school)).toBe('2026-01-16');
    expect(botToday({ localMode: false }, wallClock)(school)).toBe('2026-12-04');
    expect(botToday({ localMode: false }, () => new Date('2026-06-30T23:30:00Z'))(school)).toBe('2026-07-01');
  });

  describe('over HTTP, in local mode', () => {
    let connector: FakeConnector;
    let testBot: TestBot;
    beforeAll(async () => {
      connector = await new FakeConnector().start();
      testBot = await startTestBot();
    });
    afterAll(async () => {
      await testBot?.close();
      await connector?.stop();
    });

    it("opens a case on the register's day, not the wall clock's", async () => {
      const response = await postActivity(
        testBot.url,
        channelMessage({ serviceUrl: connector.url, text: 'open a case for Amy Smith' }),
      );
      expect(response.status).toBe(200);
      const [opened] = await listCases(testBot.bot.services.store, '100001');
      expect(opened.openedOn).toBe(FIXTURE_AS_OF);
    });
  });
});
