import { channelConversationId } from './teamsActivity.ts';
import { Application, TeamsAdapter, type TurnState } from '@microsoft/teams-ai';
import {
  ActivityTypes,
  CallerIdConstants,
  MemoryStorage,
  type Activity,
  type InvokeResponse,
  type TurnContext,
} from 'botbuilder';
import { z } from 'zod';
import { StoreUnavailableError } from '../../adapters/store/storeUnavailableError.ts';
import { type BotConfig } from '../config.ts';
import {
  type ActionTurn,
  type BotMessage,
  type InstallEvent,
  type MessageTurn,
  type ProactiveSender,
} from '../host/featureHost.ts';
import { type FeatureRegistry } from '../host/featureRegistry.ts';
import { type Log } from '../log.ts';
import { errorKind } from '../server/guarded.ts';
import { tenantAllowed } from '../server/tenantCheck.ts';
import { installFileConsentRoute } from './fileConsentRoute.ts';
import { fileSender } from './fileSender.ts';
import { withConversation } from './proactiveTurn.ts';
import { conversationInfo, conversationRef, messageText, toActivity, userInfo } from './teamsActivity.ts';

/**
 * The one module that knows botbuilder and teams-ai. It builds the adapter (teams-ai's TeamsAdapter: a
 * CloudAdapter over ConfigurationBotFrameworkAuthentication) and the teams-ai Application, then hands
 * every route the feature registry collected to the Application in order, catch-all last. Swapping to
 * the Microsoft 365 Agents SDK means rewriting this file and teamsActivity.ts, not the features.
 */
export interface TeamsBot {
  adapter: TeamsAdapter;
  app: Application<TurnState>;
  /** Runs one incoming activity through the app. */
  run(context: TurnContext): Promise<void>;
  /**
   * What POST /api/messages calls with the request's Authorization header and parsed body: checks the
   * activity's shape, the token and the tenant, runs the turn, and says what to answer. Never throws.
   */
  receive(authorization: string, body: unknown): Promise<ReceiveOutcome>;
}

/** The HTTP answer to one incoming activity, with what the log line needs (ids only). */
export interface ReceiveOutcome {
  status: number;
  body?: unknown;
  type?: string;
  conversation?: string;
  /** Set when the activity was refused before any handler saw it. */
  refused?: 'shape' | 'authentication' | 'tenant';
}

/** Test seams for the inbound token check; production passes none and botbuilder uses Microsoft's endpoints. */
export interface ChannelAuthenticationOptions {
  /** The OpenID metadata document channel tokens are checked against (a test's own signing keys). */
  openIdMetadataUrl?: string;
}

/** The least an activity must be before botbuilder sees it: an object with a type. */
const activityShape = z.looseObject({ type: z.string().min(1).max(64) });

/** What a refused caller is told: nothing about why, which key, or where the bot looked. */
const UNAUTHORIZED = { error: 'unauthorized' };

export function createTeamsBot(
  config: BotConfig,
  registry: FeatureRegistry,
  log: Log,
  channelAuthentication: ChannelAuthenticationOptions = {},
): TeamsBot {
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
          // botbuilder takes every public-cloud setting as given once any one is set, so the seam sets them
          // all: Microsoft's documented public-cloud values, with only the key document replaced.
          ...(channelAuthentication.openIdMetadataUrl
            ? {
                ValidateAuthority: true,
                ToChannelFromBotLoginUrl: 'https://login.microsoftonline.com/botframework.com',
                ToChannelFromBotOAuthScope: 'https://api.botframework.com',
                ToBotFromChannelTokenIssuer: 'https://api.botframework.com',
                OAuthUrl: 'https://api.botframework.com',
                CallerId: CallerIdConstants.PublicAzureChannel,
                ToBotFromChannelOpenIdMetadataUrl: channelAuthentication.openIdMetadataUrl,
                ToBotFromEmulatorOpenIdMetadataUrl: channelAuthentication.openIdMetadataUrl,
              }
            : {}),
        },
  );
  adapter.onTurnError = async (context, error) => {
    // Ids and the error's kind only: the message text, and an error's message, may hold a pupil's name.
    log('turn.error', {
      // The conversation as the features know it: a channel's bare id, whichever post the message came from.
      conversation: context.activity.conversation?.id && channelConversationId(context.activity.conversation.id),
      activity: context.activity.id,
      type: context.activity.type,
      error: errorKind(error),
      storeOperation: error instanceof StoreUnavailableError ? error.operation : undefined,
    });
    if (context.activity.type !== ActivityTypes.Message) return;
    await context.sendActivity(
      error instanceof StoreUnavailableError
        ? error.message
        : 'Sorry, something went wrong answering that. It has been logged; please try again.',
    );
  };
  const app = createTeamsApplication(registry, { adapter, botAppId: config.appId });
  registry.bindProactiveSender(proactiveSender(adapter, config.appId));
  registry.bindFileSender(fileSender(adapter, config.appId));
  const run = (context: TurnContext) => app.run(context).then(() => undefined);
  return { adapter, app, run, receive: (authorization, body) => receive(authorization, body) };

  async function receive(authorization: string, body: unknown): Promise<ReceiveOutcome> {
    if (!activityShape.safeParse(body).success)
      return { status: 400, body: { error: 'the body is not a Bot Framework activity' }, refused: 'shape' };
    const activity = body as Partial<Activity>;
    const conversationId = activity.conversation?.id;
    const ids = {
      type: activity.type,
      conversation: typeof conversationId === 'string' ? conversationId.slice(0, 300) : undefined,
    };
    // The logic below runs only once botbuilder has checked the token, so anything thrown before it
    // starts is an authentication failure, however botbuilder words it (a bad algorithm or signature
    // comes out of jsonwebtoken as a plain error, which botbuilder's own process() answers 500).
    let authenticated = false;
    let wrongTenant: string | undefined;
    try {
      const invoke: InvokeResponse | undefined = await (
        adapter as unknown as {
          processActivity(
            auth: string,
            activity: Partial<Activity>,
            logic: (context: TurnContext) => Promise<void>,
          ): Promise<InvokeResponse | undefined>;
        }
      ).processActivity(authorization, activity, async (context) => {
        authenticated = true;
        const conversationTenant = context.activity.conversation?.tenantId;
        const channelTenant = (context.activity.channelData as { tenant?: { id?: string } } | undefined)?.tenant?.id;
        if (!tenantAllowed(config.allowedTenants, [conversationTenant, channelTenant])) {
          wrongTenant = String(channelTenant ?? conversationTenant ?? 'none').slice(0, 100);
          return;
        }
        await run(context);
      });
      if (wrongTenant !== undefined) {
        // Recorded with ids only: never the text of an activity from a tenant we do not serve.
        log('tenant.refused', { tenant: wrongTenant, ...ids });
        return { status: 403, body: { error: 'this bot does not serve your tenant' }, refused: 'tenant', ...ids };
      }
      return { status: invoke?.status ?? 200, body: invoke?.body, ...ids };
    } catch (err) {
      if (!authenticated) {
        log('auth.refused', { error: errorKind(err), ...ids });
        return { status: 401, body: UNAUTHORIZED, refused: 'authentication', ...ids };
      }
      // onTurnError itself failed (it could not even say sorry): logged, and the server goes on.
      log('turn.failed', { error: errorKind(err), ...ids });
      return { status: 500, body: { error: 'something went wrong; it has been logged' }, ...ids };
    }
  }
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
  installFileConsentRoute(app, registry);
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
  return {
    async send(reference, message: BotMessage) {
      let id = '';
      await withConversation(adapter, appId, reference, async (context) => {
        id = (await context.sendActivity(toActivity(message)))?.id ?? '';
      });
      return { id };
    },
    async update(reference, activityId, message) {
      await withConversation(adapter, appId, reference, async (context) => {
        await context.updateActivity({ ...toActivity(message), id: activityId });
      });
    },
  };
}
