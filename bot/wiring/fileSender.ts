import { type TeamsAdapter } from '@microsoft/teams-ai';
import { type ConversationParameters } from 'botbuilder';
import { type FileSender } from '../host/featureHost.ts';
import { asSendError, withConversation } from './proactiveTurn.ts';
import { fileConsentActivity } from './teamsActivity.ts';

/**
 * Personal chats and file consent cards through botbuilder. Teams lets a bot send a file only in a
 * personal chat, so a file asked for in a channel or group chat goes to the asker's personal chat with
 * the bot: the connector's create-conversation with the person and the tenant opens it, or gives the one
 * already there. Teams refuses (403 or 404) when the app is not installed for that person.
 */
export function fileSender(adapter: TeamsAdapter, appId: string): FileSender {
  return {
    async openPersonalChat(user, via) {
      const tenantId = via.conversation.tenantId;
      const parameters: ConversationParameters = {
        isGroup: false,
        bot: { id: via.bot.id, name: via.bot.name ?? '' },
        members: [{ id: user.id, name: user.name ?? '' }],
        tenantId,
        channelData: { tenant: { id: tenantId } },
      };
      let conversationId = '';
      try {
        await adapter.createConversationAsync(
          appId,
          via.channelId,
          via.serviceUrl,
          // No audience: botbuilder then uses the public cloud's bot-to-channel scope, as for every other send.
          undefined as unknown as string,
          parameters,
          async (context) => {
            conversationId = context.activity.conversation?.id ?? '';
          },
        );
      } catch (err) {
        throw asSendError(err);
      }
      if (!conversationId) throw asSendError({ statusCode: 502, message: 'Teams gave no conversation id' });
      return {
        serviceUrl: via.serviceUrl,
        channelId: via.channelId,
        conversation: { id: conversationId, conversationType: 'personal', tenantId, isGroup: false },
        bot: via.bot,
        user: { id: user.id, name: user.name, aadObjectId: user.aadObjectId },
        locale: via.locale,
      };
    },
    async offerFile(reference, offer, text) {
      let id = '';
      await withConversation(adapter, appId, reference, async (context) => {
        id = (await context.sendActivity(fileConsentActivity(offer, text)))?.id ?? '';
      });
      return { id };
    },
  };
}
