import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ActivityTypes, TestAdapter, type Activity } from 'botbuilder';
import { EmbeddedStateStore } from '../../../adapters/store/embeddedStateStore.ts';
import { type SchoolRole } from '../../../adapters/store/stateStore.ts';
import { AccessControl } from '../../../bot/access/access.ts';
import { type BotServices } from '../../../bot/app/botServices.ts';
import { botFeatures } from '../../../bot/app/features.ts';
import { readConfig } from '../../../bot/config.ts';
import { FeatureRegistry } from '../../../bot/host/featureRegistry.ts';
import { silentLog } from '../../../bot/log.ts';
import { RecordedTimetables } from '../../../bot/schools/recordedTimetables.ts';
import { FindingsCache } from '../../../bot/schools/findingsCache.ts';
import { type SchoolData } from '../../../bot/schools/schoolData.ts';
import { createTeamsApplication } from '../../../bot/wiring/teamsBot.ts';
import { policyProfile } from '../../../rules/policies/policyProfiles.ts';
import { makeRegister, type FixtureSpec } from '../../support/registerFixture.ts';
import { FIXTURE_AS_OF } from './botFixture.ts';

/** A fixture school as the bot holds it, without writing a bundle. */
export function schoolFromSpec(spec: FixtureSpec, asOf = FIXTURE_AS_OF): SchoolData {
  const register = makeRegister(spec);
  return {
    urn: register.school.urn!,
    name: register.school.name,
    localAuthority: register.school.localAuthority,
    register,
    policy: policyProfile(register.school.policy ?? 'national'),
    asOf,
    dir: '(fixture)',
  };
}

export interface ScriptedBot {
  adapter: TestAdapter;
  services: BotServices;
  close(): Promise<void>;
}

/**
 * The product's features on the teams-ai Application, driven by botbuilder's TestAdapter (send ->
 * assertReply), with fixture schools and a throwaway embedded store. `defaultRole` is what anyone without
 * an assignment gets (none unless given, as in production).
 */
export function scriptedBot(specs: FixtureSpec[], options: { defaultRole?: SchoolRole } = {}): ScriptedBot {
  const dir = mkdtempSync(join(tmpdir(), 'scripted-bot-'));
  const store = EmbeddedStateStore.open(dir);
  const config = readConfig({ ATTENDANCE_STATE_DIR: dir });
  const recordedTimetables = new RecordedTimetables();
  const services: BotServices = {
    config,
    schools: specs.map((s) => schoolFromSpec(s)),
    cache: new FindingsCache(undefined, recordedTimetables),
    recordedTimetables,
    store,
    access: new AccessControl(store, options.defaultRole),
    log: silentLog,
  };
  const registry = new FeatureRegistry();
  for (const feature of botFeatures(services)) registry.add(feature);
  const app = createTeamsApplication(registry);
  const adapter = new TestAdapter(async (context) => {
    await app.run(context);
  });
  return {
    adapter,
    services,
    close: async () => {
      await store.close();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

export interface Speaker {
  aadObjectId: string;
  name?: string;
}

/** A message as Teams sends it: in a channel (with the bot @mentioned) or in a personal chat. */
export function says(
  text: string,
  where: { channel?: string; personal?: boolean },
  from: Speaker = { aadObjectId: 'aad-staff' },
): Partial<Activity> {
  const personal = where.personal ?? false;
  const conversationId = personal ? `a:personal-${from.aadObjectId}` : (where.channel ?? '19:channel@thread.tacv2');
  return {
    type: ActivityTypes.Message,
    text: personal ? text : `<at>Attendance</at> ${text}`,
    from: { id: `29:${from.aadObjectId}`, name: from.name ?? 'Staff', aadObjectId: from.aadObjectId },
    conversation: {
      id: conversationId,
      conversationType: personal ? 'personal' : 'channel',
      isGroup: !personal,
      tenantId: 'tenant-1',
      name: '',
    },
    channelId: 'msteams',
  };
}

/** An Action.Execute invoke from a card, by the same conventions. */
export function presses(
  verb: string,
  data: Record<string, unknown>,
  where: { channel?: string; personal?: boolean },
  from: Speaker = { aadObjectId: 'aad-staff' },
  trigger: 'manual' | 'automatic' = 'manual',
): Partial<Activity> {
  const base = says('', where, from);
  return {
    ...base,
    type: ActivityTypes.Invoke,
    text: undefined,
    name: 'adaptiveCard/action',
    replyToId: 'card-1',
    value: { action: { type: 'Action.Execute', verb, data }, trigger },
  };
}

/** The Adaptive Card of a reply, or undefined for a text reply. */
export function cardOf(activity: Partial<Activity>): Record<string, unknown> | undefined {
  return activity.attachments?.[0]?.content as Record<string, unknown> | undefined;
}
