import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { EmbeddedStateStore } from '../../../adapters/store/embeddedStateStore.ts';
import { type StateStore } from '../../../adapters/store/stateStore.ts';
import { OutboxSender } from '../../../adapters/teams/outboxSender.ts';
import { AccessControl } from '../../../bot/access/access.ts';
import { AlertScanner } from '../../../bot/alerts/alertScanner.ts';
import { alertsFeature } from '../../../bot/alerts/alertsFeature.ts';
import {
  type ActionResult,
  type BotMessage,
  type ConversationInfo,
  type ConversationRef,
  type InstallEvent,
  type MessageTurn,
  type UserInfo,
} from '../../../bot/host/featureHost.ts';
import { FeatureRegistry } from '../../../bot/host/featureRegistry.ts';
import { silentLog } from '../../../bot/log.ts';
import { type SchoolData } from '../../../bot/schools/schoolData.ts';
import { policyProfile } from '../../../rules/policies/policyProfiles.ts';
import { type Register } from '../../../rules/register/register.ts';
import { VirtualClock } from '../../adapters/teams/virtualClock.ts';
import { alertRegister, SCAN_DAY } from './alertScenario.ts';

export function schoolData(register: Register, asOf = SCAN_DAY): SchoolData {
  return {
    urn: register.school.urn!,
    name: register.school.name,
    register,
    policy: policyProfile(register.school.policy ?? 'national'),
    asOf,
    dir: 'fixture',
  };
}

export function conversation(id: string, type: ConversationInfo['type'] = 'channel'): ConversationInfo {
  return { id, type, tenantId: 'tenant-1' };
}

export const LEAD: UserInfo = { id: '29:lead', name: 'Lena Lead', aadObjectId: 'aad-lead' };
export const OFFICER: UserInfo = { id: '29:officer', name: 'Omar Officer', aadObjectId: 'aad-officer' };
export const STRANGER: UserInfo = { id: '29:stranger', name: 'Sam Stranger', aadObjectId: 'aad-stranger' };

function referenceFor(c: ConversationInfo): ConversationRef {
  return {
    serviceUrl: 'https://smba.example/',
    channelId: 'msteams',
    conversation: { id: c.id, conversationType: c.type, tenantId: c.tenantId },
    bot: { id: '28:bot' },
  };
}

/**
 * The alerts feature on a FeatureRegistry with an embedded store, virtual time and a recording proactive
 * sender: the conversation-script style (send, then look at what was posted) without an SDK.
 */
export class AlertsHarness {
  readonly dir = mkdtempSync(join(tmpdir(), 'alerts-'));
  readonly store: StateStore = EmbeddedStateStore.open(this.dir);
  readonly clock = new VirtualClock(Date.parse(`${SCAN_DAY}T09:30:00Z`));
  readonly registry = new FeatureRegistry();
  /** Everything posted proactively, per conversation id. */
  readonly posted: { conversationId: string; message: BotMessage }[] = [];
  readonly replies: { conversationId: string; text: string }[] = [];
  readonly scanner: AlertScanner;
  readonly sender: OutboxSender;

  constructor(readonly schools: SchoolData[] = [schoolData(alertRegister())]) {
    const access = new AccessControl(this.store);
    this.registry.add(
      alertsFeature({ schools, store: this.store, access, log: silentLog, now: () => new Date(this.clock.now()) }),
    );
    this.registry.bindProactiveSender({
      send: async (reference, message) => {
        this.posted.push({ conversationId: reference.conversation.id, message });
        return { id: `activity-${this.posted.length}` };
      },
      update: async () => undefined,
    });
    this.scanner = new AlertScanner(schools, this.store, silentLog, () => new Date(this.clock.now()));
    this.sender = new OutboxSender({
      store: this.store,
      owner: 'test',
      clock: this.clock,
      log: () => undefined,
      send: (ref, msg) => this.registry.proactive.send(ref as ConversationRef, msg as BotMessage),
    });
  }

  async install(c: ConversationInfo, user: UserInfo = LEAD, kind: InstallEvent['kind'] = 'installed'): Promise<void> {
    const event: InstallEvent = {
      kind,
      conversation: c,
      user,
      reference: referenceFor(c),
      reply: async (message) => {
        this.replies.push({ conversationId: c.id, text: typeof message === 'string' ? message : message.text });
        return { id: 'welcome' };
      },
    };
    for (const handler of kind === 'installed' ? this.registry.installHandlers : this.registry.uninstallHandlers)
      await handler(event);
  }

  /** Sends a message as `user`; returns the replies it produced. */
  async say(c: ConversationInfo, text: string, user: UserInfo = LEAD): Promise<string[]> {
    const out: string[] = [];
    const turn: MessageTurn = {
      text,
      conversation: c,
      user,
      reference: referenceFor(c),
      reply: async (message) => {
        out.push(typeof message === 'string' ? message : message.text);
        return {};
      },
      typing: async () => undefined,
    };
    const handled = await this.registry.dispatchMessage(turn);
    if (!handled) throw new Error(`no route took "${text}"`);
    return out;
  }

  async press(c: ConversationInfo, data: Record<string, unknown>, user: UserInfo = LEAD): Promise<ActionResult> {
    const action = this.registry.actions.get('alerts.act');
    if (!action) throw new Error('alerts.act is not registered');
    return action.handler({ verb: 'alerts.act', data, conversation: c, user, reference: referenceFor(c) });
  }

  async scanAndDeliver(): Promise<void> {
    await this.scanner.scan();
    await this.sender.drain();
  }

  postedTo(conversationId: string): BotMessage[] {
    return this.posted.filter((p) => p.conversationId === conversationId).map((p) => p.message);
  }

  async close(): Promise<void> {
    await this.store.close();
    rmSync(this.dir, { recursive: true, force: true });
  }
}
