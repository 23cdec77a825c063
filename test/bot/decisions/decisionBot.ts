import { expect } from 'vitest';
import { type SchoolRole, type StateStore } from '../../../adapters/store/stateStore.ts';
import { type RunningBot } from '../../../bot/app/startBot.ts';
import { expectValidCard } from '../../support/validateCard.ts';
import { type FixtureSpec } from '../../support/registerFixture.ts';
import { startTestBot, type TestBot } from '../support/botFixture.ts';
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
 * The bot's own end-to-end harness (test/bot/support: the real server on an ephemeral port, the product's
 * features, the fake Teams connector) over fixture schools each with its own policy profile, plus what the
 * decision tests need: channels bound with a privacy level, the tester's role, and card pressing.
 */
export class DecisionBot {
  connector!: FakeConnector;
  private testBot!: TestBot;
  url = '';

  async start(
    specs: FixtureSpec[],
    options: Parameters<typeof startTestBot>[2] = {},
    env: Record<string, string> = {},
  ): Promise<this> {
    this.connector = await new FakeConnector().start();
    this.testBot = await startTestBot(specs, env, options);
    this.url = this.testBot.url;
    return this;
  }

  /** Where the fixture bundles were written (one school: the bundle itself; several: school-1, school-2, ...). */
  get dataDir(): string {
    return this.testBot.dataDir;
  }

  get bot(): RunningBot {
    return this.testBot.bot;
  }

  private get store(): StateStore {
    return this.testBot.bot.services.store;
  }

  async close(): Promise<void> {
    await this.testBot?.close();
    await this.connector?.stop();
  }

  /** Binds `conversationId` to the school with the given privacy, as "link school" and "privacy full" would. */
  async bind(conversationId: string, schoolUrn: string, privacy: 'full' | 'limited' = 'full'): Promise<void> {
    await this.store.putBinding({
      conversationId,
      schoolUrn,
      privacy,
      alertsOff: [],
      boundAt: '2025-11-21T08:00:00Z',
      boundBy: 'test',
    });
  }

  async role(schoolUrn: string, role: SchoolRole): Promise<void> {
    await this.store.setRole(schoolUrn, STAFF_AAD, role);
  }

  /** Sends a message and returns the bot's one reply (text, and the card when it sent one, validated). */
  async say(
    conversationId: string,
    text: string,
    scope: 'channel' | 'personal' = 'channel',
  ): Promise<{ text: string; card?: CardJson }> {
    const before = this.connector.calls.length;
    const activity = channelMessage({
      serviceUrl: this.connector.url,
      text,
      conversationId,
      userAadId: STAFF_AAD,
      scope,
    });
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
  async press(
    conversationId: string,
    card: CardJson,
    verb: string,
    inputs: Record<string, unknown> = {},
  ): Promise<{ card?: CardJson; message?: string }> {
    const action = cardActions(card).find((a) => a.verb === verb);
    if (!action)
      throw new Error(
        `the card has no ${verb} action; it has ${cardActions(card)
          .map((a) => a.verb)
          .join(', ')}`,
      );
    return this.invoke(conversationId, verb, { ...action.data, ...inputs });
  }

  /** Posts an Action.Execute invoke with exactly this data (what any client could send). */
  async invoke(
    conversationId: string,
    verb: string,
    data: Record<string, unknown>,
  ): Promise<{ card?: CardJson; message?: string }> {
    const started = performance.now();
    const response = await postActivity(
      this.url,
      actionExecute({ serviceUrl: this.connector.url, verb, data, replyToId: 'activity-card', conversationId }),
    );
    // Teams gives up on an invoke after about 5 seconds; a step that took that long would fail for staff.
    expect(performance.now() - started).toBeLessThan(5000);
    expect(response.status).toBe(200);
    const body = response.body as { statusCode: number; value: unknown };
    expect(body.statusCode).toBe(200);
    if (
      typeof body.value === 'object' &&
      body.value !== null &&
      (body.value as { type?: string }).type === 'AdaptiveCard'
    ) {
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
