import { appendFileSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { writeBundle } from '../support/registerFixture.ts';
import { post } from './alerts/teamsActivity.ts';
import { FIXTURE_SCHOOL, startTestBot, type TestBot } from './support/botFixture.ts';

const TOKEN = 'reload-token-0123456789';
const AUTH = { authorization: `Bearer ${TOKEN}` };
const URN = FIXTURE_SCHOOL.school!.urn!;

/** The fixture a week on: every pupil marked to Friday 28 November, Dan Smith absent (O) all that week. */
const WEEK_ON = {
  ...FIXTURE_SCHOOL,
  pupils: FIXTURE_SCHOOL.pupils.map((p) => ({
    ...p,
    marksUntil: '2025-11-28',
    ...(p.givenName === 'Dan' ? { spans: [['2025-11-24', '2025-11-28', 'O']] as [string, string, string][] } : {}),
  })),
};

describe('reloading the registers over HTTP', () => {
  let testBot: TestBot;
  const penaltyPupils = () =>
    testBot.bot.services.cache
      .evaluation(testBot.bot.services.schools[0], testBot.bot.services.schools[0].asOf)
      .findings.filter((f) => f.rule === 'penalty-threshold')
      .map((f) => f.pupilName);

  // No fixed as-of date, so each school's "today" is the last day its register has marks for.
  beforeAll(async () => {
    testBot = await startTestBot([FIXTURE_SCHOOL], { ATTENDANCE_AS_OF: '', SCAN_TOKEN: TOKEN });
  });
  afterAll(async () => {
    await testBot?.close();
  });

  it('refuses without the operator token', async () => {
    expect((await post(`${testBot.url}/api/reload`, undefined)).status).toBe(401);
    expect(
      (await post(`${testBot.url}/api/reload`, undefined, { authorization: 'Bearer not-the-token-at-all' })).status,
    ).toBe(401);
  });

  it('answers from the new marks after the bundle is rewritten and reloaded, with no restart', async () => {
    expect(testBot.bot.services.schools[0].asOf).toBe('2025-11-21');
    expect(penaltyPupils()).not.toContain('Dan Smith');

    writeBundle(testBot.dataDir, WEEK_ON);
    const response = await post(`${testBot.url}/api/reload`, undefined, AUTH);

    expect(response.status).toBe(200);
    expect(response.body).toMatchObject({
      schools: 1,
      pupils: 5,
      asOf: { [URN]: '2025-11-28' },
      added: [],
      removed: [],
    });
    expect(testBot.bot.services.schools[0].asOf).toBe('2025-11-28');
    expect(penaltyPupils()).toContain('Dan Smith');
  });

  it('keeps answering from the registers it had when a bundle fails to read, and says which file and line', async () => {
    const before = testBot.bot.services.schools[0];
    const marks = join(testBot.dataDir, 'marks.csv');
    const good = readFileSync(marks, 'utf8');
    appendFileSync(marks, 'not-a-upn,2025-11-28,XX,?\n');
    try {
      const response = await post(`${testBot.url}/api/reload`, undefined, AUTH);
      expect(response.status).toBe(422);
      const body = response.body as { error: string; kept: string };
      expect(body.error).toMatch(/marks\.csv:\d+/);
      expect(body.kept).toMatch(/nothing was changed/);
      expect(testBot.bot.services.schools[0]).toBe(before);
      expect(penaltyPupils()).toContain('Dan Smith');
    } finally {
      writeFileSync(marks, good);
    }
  });
});

describe('reloading without an operator token', () => {
  it('is off, and says what to set', async () => {
    const testBot = await startTestBot([FIXTURE_SCHOOL], { SCAN_TOKEN: '' });
    try {
      const response = await post(`${testBot.url}/api/reload`, undefined);
      expect(response.status).toBe(503);
      expect(response.body).toMatchObject({ error: expect.stringContaining('set SCAN_TOKEN') });
    } finally {
      await testBot.close();
    }
  });
});
