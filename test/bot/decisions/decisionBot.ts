import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { expect } from 'vitest';
import { EmbeddedStateStore } from '../../../adapters/store/embeddedStateStore.ts';
import { type SchoolRole } from '../../../adapters/store/stateStore.ts';
import { startBot, type RunningBot } from '../../../bot/app/startBot.ts';
import { readConfig } from '../../../bot/config.ts';
import { silentLog } from '../../../bot/log.ts';
import { expectValidCard } from '../../support/validateCard.ts';
import { writeBundle, type FixtureSpec } from '../../support/registerFixture.ts';
import { FIXTURE_AS_OF } from '../support/botFixture.ts';
import { FakeConnector } from '../support/fakeConnector.ts';
import { actionExecute, channelMessage, postActivity } from '../support/teamsActivities.ts';

/** The user every activity in the shared harness comes from. */
export const STAFF_AAD = 'aad-staff-1';

export interface CardJson {
  type: 'AdaptiveCard';
  body: Record<string, unknown>[];
  actions?: { verb: string; title: string; data: Record<string, unknown> }[];
  fallbackText: string;
}

/** Every Action.Execute on a card, top-level or inside an ActionSet in the body. */
function cardActions(card: CardJson): { verb: string; title: string; data: Record<string, unknown> }[] {
  const found: { verb: string; title: string; data: Record<string, unknown> }[] = [...(card.actions ?? [])];
  const walk = (node: unknown) => {
    if (Array.isArray(node)) return node.forEach(walk);
    if (typeof node !== 'object' || node === null) return;
    const el = node as Record<string, unknown>;
    if (el.type === 'ActionSet') found.push(...(el.actions as typeof found));
    for (const key of ['body', 'items']) if (el[key]) walk(el[key]);
  };
  walk(card.body);
  return found;
}

/**
 * The real bot over HTTP with the fake Teams connector (the harness in test/bot/support), over several
 * fixture schools each with its own policy profile, and a channel per school marked as its safeguarding
 * channel (full view) where decision walk-throughs may run.
 */
export class DecisionBot {
  connector!: FakeConnector;
  bot!: RunningBot;
  url = '';
  private root = '';
  private store!: EmbeddedStateStore;

  async start(specs: FixtureSpec[]): Promise<this> {
    this.connector = await new FakeConnector().start();
    this.root = mkdtempSync(join(tmpdir(), 'decisions-bot-'));
    const dataDir = join(this.root, 'data');
    specs.forEach((spec, i) => writeBundle(join(dataDir, `school-${i + 1}`), spec));
    const config = readConfig({ ATTENDANCE_DATA: dataDir, ATTENDANCE_AS_OF: FIXTURE_AS_OF, PORT: '0', ATTENDANCE_STATE_DIR: join(this.root, 'state') });
    this.store = EmbeddedStateStore.open(config.stateDir);
    // The product's own feature list, so these tests also prove the decisions feature is registered.
    this.bot = await startBot({ config, store: this.store, log: silentLog });
    this.url = `http://127.0.0.1:${this.bot.server.port}`;
    return this;
  }

  async close(): Promise<void> {
    await this.bot?.close();
    await this.store?.close();
    await this.connector?.stop();
    if (this.root) rmSync(this.root, { recursive: true, force: true });
  }

  /** Binds `conversationId` to the school with the given privacy, as "link school" and "privacy full" would. */
  async bind(conversationId: string, schoolUrn: string, privacy: 'full' | 'limited' = 'full'): Promise<void> {
    await this.store.putBinding({ conversationId, schoolUrn, privacy, alertsOff: [], boundAt: '2025-11-21T08:00:00Z', boundBy: 'test' });
  }

  async role(schoolUrn: string, role: SchoolRole): Promise<void> {
    await this.store.setRole(schoolUrn, STAFF_AAD, role);
  }

  /** Sends a message and returns the bot's one reply (text, and the card when it sent one, validated). */
  async say(conversationId: string, text: string): Promise<{ text: string; card?: CardJson }> {
    const before = this.connector.calls.length;
    const activity = channelMessage({ serviceUrl: this.connector.url, text, conversationId, userAadId: STAFF_AAD });
    const response = await postActivity(this.url, activity);
    expect(response.status).toBe(200);
    const replies = this.connector.calls.slice(before).filter((c) => c.method === 'POST');
    expect(replies).toHaveLength(1);
    const attachments = replies[0].activity.attachments as { content: CardJson }[] | undefined;
    const card = attachments?.[0]?.content;
    if (card) expectValidCard(card, `reply to "${text}"`);
    return { text: String(replies[0].activity.text ?? ''), card };
  }

  /**
   * Presses the card's action with `verb` (the first one, or the one whose title is `title`) with the given
   * input values, as Teams posts an Action.Execute invoke, and returns the new card (validated, and
   * answered well within Teams' 5 seconds) or the toast message.
   */
  async press(conversationId: string, card: CardJson, verb: string, inputs: Record<string, unknown> = {}): Promise<{ card?: CardJson; message?: string }> {
    const action = cardActions(card).find((a) => a.verb === verb);
    if (!action) throw new Error(`the card has no ${verb} action; it has ${cardActions(card).map((a) => a.verb).join(', ')}`);
    return this.invoke(conversationId, verb, { ...action.data, ...inputs });
  }

  /** Posts an Action.Execute invoke with exactly this data (what any client could send). */
  async invoke(conversationId: string, verb: string, data: Record<string, unknown>): Promise<{ card?: CardJson; message?: string }> {
    const started = performance.now();
    const response = await postActivity(this.url, actionExecute({ serviceUrl: this.connector.url, verb, data, replyToId: 'activity-card', conversationId }));
    // Teams gives up on an invoke after about 5 seconds; a step that took that long would fail for staff.
    expect(performance.now() - started).toBeLessThan(5000);
    expect(response.status).toBe(200);
    const body = response.body as { statusCode: number; value: unknown };
    expect(body.statusCode).toBe(200);
    if (typeof body.value === 'object' && body.value !== null && (body.value as { type?: string }).type === 'AdaptiveCard') {
      expectValidCard(body.value, `card after ${verb}`);
      return { card: body.value as CardJson };
    }
    return { message: String(body.value) };
  }
}

/** All the text a card shows (bodies, inputs' values and choices), for "the card says ..." checks. */
export function cardText(card: CardJson | undefined): string {
  return card ? JSON.stringify(card.body) : '';
}
