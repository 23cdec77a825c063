import {
  ActivityTypes,
  CardFactory,
  MessageFactory,
  TurnContext,
  type Activity,
  type ConversationReference,
} from 'botbuilder';
import { stripMentions } from '../questions/stripMentions.ts';
import {
  type BotMessage,
  type ConversationInfo,
  type ConversationRef,
  type ConversationType,
  type UserInfo,
} from '../host/featureHost.ts';

/** Teams' notification preview is short; a longer summary is cut by the client anyway. */
const SUMMARY_CHARS = 200;

/** A BotMessage as a Bot Framework activity: the card as an attachment, the text as its summary and fallback. */
export function toActivity(message: BotMessage | string): Partial<Activity> {
  const m = typeof message === 'string' ? { text: message } : message;
  if (!m.card) return MessageFactory.text(m.text);
  const activity = MessageFactory.attachment(CardFactory.adaptiveCard(m.card));
  activity.summary = m.text.length > SUMMARY_CHARS ? `${m.text.slice(0, SUMMARY_CHARS - 1)}…` : m.text;
  return activity;
}

export function conversationInfo(activity: Partial<Activity>): ConversationInfo {
  const c = activity.conversation;
  const declared = c?.conversationType;
  // The emulator and some test clients leave conversationType out; isGroup still tells a group from a 1:1.
  const type: ConversationType =
    declared === 'channel' || declared === 'groupChat' || declared === 'personal'
      ? declared
      : c?.isGroup
        ? 'groupChat'
        : 'personal';
  const channelData = (activity.channelData ?? {}) as { tenant?: { id?: string }; team?: { id?: string } };
  return {
    id: c?.id ?? '',
    type,
    tenantId: c?.tenantId ?? channelData.tenant?.id,
    teamId: channelData.team?.id,
    name: c?.name,
  };
}

export function userInfo(activity: Partial<Activity>): UserInfo {
  return { id: activity.from?.id ?? '', name: activity.from?.name, aadObjectId: activity.from?.aadObjectId };
}

/** The plain, storable reference for an activity's conversation (no activity id: it is turn-specific). */
export function conversationRef(activity: Partial<Activity>): ConversationRef {
  const r = TurnContext.getConversationReference(activity);
  return {
    serviceUrl: r.serviceUrl ?? '',
    channelId: r.channelId ?? 'msteams',
    conversation: {
      id: r.conversation?.id ?? '',
      conversationType: r.conversation?.conversationType,
      tenantId: r.conversation?.tenantId,
      isGroup: r.conversation?.isGroup,
      name: r.conversation?.name,
    },
    bot: { id: r.bot?.id ?? '', name: r.bot?.name },
    user: r.user ? { id: r.user.id, name: r.user.name, aadObjectId: r.user.aadObjectId } : undefined,
    locale: r.locale,
  };
}

/** Back to botbuilder's shape for continueConversationAsync. */
export function toConversationReference(ref: ConversationRef): Partial<ConversationReference> {
  return {
    serviceUrl: ref.serviceUrl,
    channelId: ref.channelId,
    conversation: {
      id: ref.conversation.id,
      conversationType: ref.conversation.conversationType ?? '',
      tenantId: ref.conversation.tenantId,
      isGroup: ref.conversation.isGroup ?? false,
      name: ref.conversation.name ?? '',
    },
    bot: { id: ref.bot.id, name: ref.bot.name ?? '' },
    user: ref.user ? { id: ref.user.id, name: ref.user.name ?? '', aadObjectId: ref.user.aadObjectId } : undefined,
    locale: ref.locale,
  };
}

/** The message text with the bot's `<at>` mention (and any other markup) removed. */
export function messageText(activity: Partial<Activity>): string {
  return activity.type === ActivityTypes.Message ? stripMentions(activity.text ?? '') : '';
}
