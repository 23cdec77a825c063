import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import {
  generateLocalAuthority,
  type GeneratedBundleSummary,
} from '../../../adapters/generator/generateLocalAuthority.ts';
import { type StateStore } from '../../../adapters/store/stateStore.ts';
import { botFeatures } from '../../../bot/app/features.ts';
import { startBot, type RunningBot } from '../../../bot/app/startBot.ts';
import { readConfig } from '../../../bot/config.ts';
import { silentLog } from '../../../bot/log.ts';
import { meetingsFeature } from '../../../bot/meetings/meetingsFeature.ts';
import { postActivity } from '../support/teamsActivities.ts';
import { recordedCardAction, recordedInstallationUpdate, recordedMessage } from '../support/recordedActivities.ts';

export const CHANNEL = '19:meetings-channel@thread.tacv2';

/** People at the meeting, as Teams names them. Local mode gives everyone without a role the LA officer role. */
export const ANN = { id: 'aad-ann', name: 'Ann Lead' };
export const OMAR = { id: 'aad-omar', name: 'Omar Officer' };
export const CAT = { id: 'aad-cat', name: 'Cat Clerk' };
export type Person = typeof ANN;

/** A generated local authority of two schools under Stockport's staged process (Stage 1-4), to 21 Nov 2025. */
export function generateSchools(): { dataDir: string; schools: GeneratedBundleSummary[] } {
  const dataDir = join(mkdtempSync(join(tmpdir(), 'meetings-la-')), 'data');
  const schools = generateLocalAuthority(
    {
      schools: 2,
      pupils: 420,
      seed: 'meetings-e2e',
      year: '2025/26',
      through: '2025-11-21',
      scenarios: true,
      localAuthority: 'Testshire',
      policies: ['stockport-bramhall'],
    },
    dataDir,
  );
  return { dataDir, schools };
}

/** A clock the test moves: due dates and reviews are calendar dates. */
export class TestClock {
  constructor(private current: Date) {}
  now = (): Date => this.current;
  set(iso: string): void {
    this.current = new Date(iso);
  }
}

/** The real bot (restify + teams-ai wiring, local mode) with meetings and the product's features (alerts among them), over `store`. */
export async function startMeetingBot(
  dataDir: string,
  stateDir: string,
  store: StateStore,
  clock: TestClock,
): Promise<{ bot: RunningBot; url: string }> {
  const config = readConfig({ ATTENDANCE_DATA: dataDir, PORT: '0', ATTENDANCE_STATE_DIR: stateDir });
  const bot = await startBot({
    config,
    store,
    log: silentLog,
    // The product's features, with the meetings feature on the test's clock in place of the real one.
    features: (services) =>
      botFeatures(services).map((f) => (f.name === 'meetings' ? meetingsFeature({ ...services, now: clock.now }) : f)),
    // No scheduled scans or background sender: the test drains the outbox itself, at moments it chooses.
    runtimes: () => [],
  });
  return { bot, url: `http://127.0.0.1:${bot.server.port}` };
}

const asTeamsUser = (person: Person) => ({ id: `29:${person.id}`, name: person.name, aadObjectId: person.id });

/** A new post in the meeting's channel by `person`, @mentioning the bot (the recorded Playground shape). */
export function said(serviceUrl: string, person: Person, text: string): Record<string, unknown> {
  return recordedMessage({ serviceUrl, scope: 'channel', text, conversationId: CHANNEL, from: asTeamsUser(person) });
}

/**
 * `person` presses a button on the card with id `replyToId` in the meeting's channel. `thread` is the post
 * whose thread holds the card (the bot answers a post in its thread); without it the card is a post itself.
 */
export function pressed(
  serviceUrl: string,
  person: Person,
  replyToId: string,
  verb: string,
  data: Record<string, unknown>,
  thread?: string,
): Record<string, unknown> {
  return recordedCardAction({
    serviceUrl,
    scope: 'channel',
    verb,
    data,
    replyToId,
    conversationId: CHANNEL,
    from: asTeamsUser(person),
    thread,
  });
}

export function installed(serviceUrl: string, person: Person): Record<string, unknown> {
  return recordedInstallationUpdate({
    serviceUrl,
    scope: 'channel',
    conversationId: CHANNEL,
    from: asTeamsUser(person),
  });
}

export { postActivity };
