import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { EmbeddedStateStore } from '../../../adapters/store/embeddedStateStore.ts';
import { startBot, type RunningBot, type StartOptions } from '../../../bot/app/startBot.ts';
import { readConfig } from '../../../bot/config.ts';
import { silentLog } from '../../../bot/log.ts';
import { AUTUMN_2025, writeBundle, type FixtureSpec } from '../../support/registerFixture.ts';

/** The day the fixture school's questions are asked on (a Friday). */
export const FIXTURE_AS_OF = '2025-11-21';

/**
 * A small school whose answers are known by construction (104 possible sessions to 21 Nov):
 * - Amy Smith (Y9, 9B): 12 sessions O in November -> penalty threshold and persistently absent (11.5%);
 * - Amy Stone (Y7): 10 sessions O before half-term -> penalty threshold, not persistent (9.6%);
 * - Ben Jones (Y9, 9A, social worker): 12 sessions of illness -> persistent, not penalty (authorised);
 * - Cara Brown (Y7, FSM): 8 sessions G -> neither;
 * - Dan Smith (Y9): present throughout.
 */
export const FIXTURE_SCHOOL: FixtureSpec = {
  school: { urn: '100001', name: 'Oakfield Primary', localAuthority: 'Fixture LA', policy: 'national' },
  calendar: AUTUMN_2025,
  pupils: [
    {
      givenName: 'Amy',
      familyName: 'Smith',
      yearGroup: '9',
      regGroup: '9B',
      dateOfBirth: '2011-03-10',
      spans: [['2025-11-10', '2025-11-14', 'O']],
      days: { '2025-11-17': 'O' },
      marksUntil: FIXTURE_AS_OF,
    },
    {
      givenName: 'Amy',
      familyName: 'Stone',
      yearGroup: '7',
      regGroup: '7A',
      dateOfBirth: '2013-01-20',
      spans: [['2025-10-20', '2025-10-24', 'O']],
      marksUntil: FIXTURE_AS_OF,
    },
    {
      givenName: 'Ben',
      familyName: 'Jones',
      yearGroup: '9',
      regGroup: '9A',
      dateOfBirth: '2011-07-02',
      socialWorker: true,
      spans: [['2025-09-15', '2025-09-19', 'I']],
      days: { '2025-09-22': 'I' },
      marksUntil: FIXTURE_AS_OF,
    },
    {
      givenName: 'Cara',
      familyName: 'Brown',
      yearGroup: '7',
      regGroup: '7A',
      dateOfBirth: '2013-05-05',
      fsm: true,
      spans: [['2025-10-20', '2025-10-23', 'G']],
      marksUntil: FIXTURE_AS_OF,
    },
    {
      givenName: 'Dan',
      familyName: 'Smith',
      yearGroup: '9',
      regGroup: '9B',
      dateOfBirth: '2011-09-01',
      marksUntil: FIXTURE_AS_OF,
    },
  ],
};

export interface TestBot {
  bot: RunningBot;
  url: string;
  dataDir: string;
  close(): Promise<void>;
}

/** The real bot (restify, teams-ai, the product's features) on an ephemeral port, in local mode, over fixture bundles. */
export async function startTestBot(
  specs: FixtureSpec[] = [FIXTURE_SCHOOL],
  env: Record<string, string> = {},
  options: Pick<StartOptions, 'fileUploads'> = {},
): Promise<TestBot> {
  const root = mkdtempSync(join(tmpdir(), 'attendance-bot-'));
  const dataDir = join(root, 'data');
  specs.forEach((spec, i) => writeBundle(specs.length === 1 ? dataDir : join(dataDir, `school-${i + 1}`), spec));
  const config = readConfig({
    ATTENDANCE_DATA: dataDir,
    ATTENDANCE_AS_OF: FIXTURE_AS_OF,
    PORT: '0',
    ATTENDANCE_STATE_DIR: join(root, 'state'),
    ...env,
  });
  const store = EmbeddedStateStore.open(config.stateDir);
  const bot = await startBot({ config, store, log: silentLog, ...options });
  return {
    bot,
    url: `http://127.0.0.1:${bot.server.port}`,
    dataDir,
    close: async () => {
      await bot.close();
      await store.close();
      rmSync(root, { recursive: true, force: true });
    },
  };
}
