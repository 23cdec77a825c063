import { Application, TeamsAdapter, type TurnState } from '@microsoft/teams-ai';
import { ActivityTypes, MemoryStorage, type TurnContext } from 'botbuilder';
import { type BotConfig } from '../config.ts';
import {
  ProactiveSendError,
  type ActionTurn,
  type BotMessage,
  type InstallEvent,
  type MessageTurn,
  type ProactiveSender,
} from '../host/featureHost.ts';
import { type FeatureRegistry } from '../host/featureRegistry.ts';
import { type Log } from '../log.ts';
import {
  conversationInfo,
  conversationRef,
  messageText,
  toActivity,
  toConversationReference,
  userInfo,
} from './teamsActivity.ts';

/**
 * The one module that knows botbuilder and teams-ai. It builds the adapter (teams-ai's TeamsAdapter: a
 * CloudAdapter over ConfigurationBotFrameworkAuthentication) and the teams-ai Application, then hands
 * every route the feature registry collected to the Application in order, catch-all last. Swapping to
 * the Microsoft 365 Agents SDK means rewriting this file and teamsActivity.ts, not the features.
 */
export interface TeamsBot {
  adapter: TeamsAdapter;
  app: Application<TurnState>;
  /** Runs one incoming activity through the app (what POST /api/messages calls). */
  run(context: TurnContext): Promise<void>;
}

export function createTeamsBot(config: BotConfig, registry: FeatureRegistry, log: Log): TeamsBot {
  // In local mode no credentials at all: botbuilder then skips inbound token checks (and rejects a
  // SingleTenant type without an app id), which is what the Agents Playground and tests rely on.
  const adapter = new TeamsAdapter(
    config.localMode
      ? {}
      : {
          MicrosoftAppId: config.appId,
          MicrosoftAppPassword: config.appPassword,
          MicrosoftAppTenantId: config.tenantId,
          MicrosoftAppType: config.appType,
        },
  );
  adapter.onTurnError = async (context, error) => {
    // Ids only: the message text may hold a pupil's name.
    log('turn.error', {
      conversation: context.activity.conversation?.id,
      activity: context.activity.id,
      type: context.activity.type,
      error: (error as Error).message,
    });
    if (context.activity.type === ActivityTypes.Message)
      await context.sendActivity('Sorry, something went wrong answering that. It has been logged; please try again.');
  };
  const app = createTeamsApplication(registry, { adapter, botAppId: config.appId });
  registry.bindProactiveSender(proactiveSender(adapter, config.appId));
  return { adapter, app, run: (context) => app.run(context).then(() => undefined) };
}

/**
 * The teams-ai Application with every registered route installed. Without an adapter (botbuilder's
 * TestAdapter scripts drive `app.run` directly) it still answers turns; only proactive sends need one.
 */
export function createTeamsApplication(
  registry: FeatureRegistry,
  options: { adapter?: TeamsAdapter; botAppId?: string } = {},
): Application<TurnState> {
  // teams-ai needs storage for its turn state; the product keeps its own state in the StateStore, so
  // nothing here needs to survive a restart or be shared between instances.
  const app = new Application<TurnState>({
    adapter: options.adapter,
    botAppId: options.botAppId,
    storage: new MemoryStorage(),
    removeRecipientMention: true,
  });
  installRoutes(app, registry);
  return app;
}

function messageTurn(context: TurnContext): MessageTurn {
  const activity = context.activity;
  return {
    text: messageText(activity),
    activityId: activity.id,
    conversation: conversationInfo(activity),
    user: userInfo(activity),
    reference: conversationRef(activity),
    reply: async (message) => ({ id: (await context.sendActivity(toActivity(message)))?.id }),
    typing: async () => void (await context.sendActivity({ type: ActivityTypes.Typing })),
  };
}

function installEvent(context: TurnContext, kind: InstallEvent['kind']): InstallEvent {
  const activity = context.activity;
  return {
    kind,
    conversation: conversationInfo(activity),
    user: activity.from ? userInfo(activity) : undefined,
    reference: conversationRef(activity),
    reply: async (message) => ({ id: (await context.sendActivity(toActivity(message)))?.id }),
  };
}

function installRoutes(app: Application<TurnState>, registry: FeatureRegistry): void {
  // Message routes in registration order; teams-ai runs the first whose selector matches. The selector
  // tests the stripped text, the same text the handler is given.
  for (const route of registry.routes) {
    app.message(
      async (context) =>
        context.activity.type === ActivityTypes.Message && route.pattern.test(messageText(context.activity)),
      async (context) => {
        const turn = messageTurn(context);
        await route.handler(turn, turn.text.match(route.pattern)!);
      },
    );
  }
  // Action.Execute invokes are routed here rather than through teams-ai's adaptiveCards.actionExecute:
  // that helper replaces the card for everyone whenever the answer carries a `refresh` block, which would
  // show one person's full view to the whole channel. Here the feature says who the new card is for.
  for (const [verb, { handler }] of registry.actions) {
    app.addRoute(
      async (context) => {
        const a = context.activity;
        return (
          a.type === ActivityTypes.Invoke &&
          a.name === 'adaptiveCard/action' &&
          a.value?.action?.type === 'Action.Execute' &&
          a.value?.action?.verb === verb
        );
      },
      async (context) => {
        const activity = context.activity;
        const { verb: _verb, ...data } = (activity.value?.action?.data ?? {}) as Record<string, unknown>;
        const turn: ActionTurn = {
          verb,
          trigger: activity.value?.trigger === 'automatic' ? 'automatic' : 'manual',
          data,
          cardActivityId: activity.replyToId,
          conversation: conversationInfo(activity),
          user: userInfo(activity),
          reference: conversationRef(activity),
        };
        const result = await handler(turn);
        if ('message' in result) {
          await sendInvokeResponse(context, {
            statusCode: 200,
            type: 'application/vnd.microsoft.activity.message',
            value: result.message,
          });
          return;
        }
        if ((result.audience ?? 'everyone') === 'everyone' && activity.replyToId) {
          await context.updateActivity({
            ...toActivity({ text: result.text ?? '', card: result.card }),
            id: activity.replyToId,
          });
        }
        await sendInvokeResponse(context, {
          statusCode: 200,
          type: 'application/vnd.microsoft.card.adaptive',
          value: result.card,
        });
      },
      true,
    );
  }
  app.activity('installationUpdate', async (context) => {
    const removing = String(context.activity.action ?? '').startsWith('remove');
    for (const handler of removing ? registry.uninstallHandlers : registry.installHandlers)
      await handler(installEvent(context, removing ? 'uninstalled' : 'installed'));
  });
  // The catch-all goes last: it must only see messages no route above claimed.
  const unmatched = registry.unmatched;
  if (unmatched) app.activity(ActivityTypes.Message, async (context) => unmatched.handler(messageTurn(context)));
}

async function sendInvokeResponse(
  context: TurnContext,
  body: { statusCode: number; type: string; value: unknown },
): Promise<void> {
  await context.sendActivity({ type: ActivityTypes.InvokeResponse, value: { status: 200, body } });
}

function proactiveSender(adapter: TeamsAdapter, appId: string): ProactiveSender {
  const withConversation = async (
    reference: Parameters<ProactiveSender['send']>[0],
    logic: (context: TurnContext) => Promise<void>,
  ) => {
    // botbuilder hands an error thrown inside the logic to adapter.onTurnError instead of rejecting, so a
    // refused send (403, 429) would look like success: catch it in the logic and rethrow it to the caller.
    let failure: unknown;
    try {
      await adapter.continueConversationAsync(appId, toConversationReference(reference), async (context) => {
        try {
          await logic(context);
        } catch (err) {
          failure = err;
        }
      });
    } catch (err) {
      failure = err;
    }
    if (failure !== undefined) throw asSendError(failure);
  };
  return {
    async send(reference, message: BotMessage) {
      let id = '';
      await withConversation(reference, async (context) => {
        id = (await context.sendActivity(toActivity(message)))?.id ?? '';
      });
      return { id };
    },
    async update(reference, activityId, message) {
      await withConversation(reference, async (context) => {
        await context.updateActivity({ ...toActivity(message), id: activityId });
      });
    },
  };
}

/** botbuilder's RestError carries the HTTP status and headers; keep what pacing and dropping need. */
function asSendError(err: unknown): ProactiveSendError {
  const e = err as {
    statusCode?: number;
    status?: number;
    message?: string;
    response?: { headers?: { get?(name: string): string | undefined } };
  };
  const status = e.statusCode ?? e.status ?? 0;
  const retryAfter = Number(e.response?.headers?.get?.('retry-after'));
  return new ProactiveSendError(
    `Teams refused the send (${status || 'no status'}): ${e.message ?? String(err)}`,
    status,
    Number.isFinite(retryAfter) ? retryAfter : undefined,
  );
}
