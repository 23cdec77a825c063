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
  type FileOffer,
  type FileUploadTarget,
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

/**
 * A file consent card (Microsoft's "Send and receive files using bot"): the file's name on the attachment;
 * description, size and the context Teams hands back with the person's answer in its content. The same
 * context goes back on accept and decline, with the purpose that routes the answer to its feature.
 */
export function fileConsentActivity(offer: FileOffer, text: string): Partial<Activity> {
  const context = { ...offer.context, purpose: offer.purpose };
  return {
    type: ActivityTypes.Message,
    text,
    attachments: [
      {
        contentType: 'application/vnd.microsoft.teams.card.file.consent',
        name: offer.name,
        content: {
          description: offer.description,
          sizeInBytes: offer.sizeInBytes,
          acceptContext: context,
          declineContext: context,
        },
      },
    ],
  };
}

/** The file info card Teams shows for a file the bot uploaded: open, preview or download it from the chat. */
export function fileInfoActivity(file: Omit<FileUploadTarget, 'uploadUrl'>, text: string): Partial<Activity> {
  return {
    type: ActivityTypes.Message,
    text,
    attachments: [
      {
        contentType: 'application/vnd.microsoft.teams.card.file.info',
        contentUrl: file.contentUrl,
        name: file.name,
        content: { uniqueId: file.uniqueId, fileType: file.fileType },
      },
    ],
  };
}

/**
 * Teams addresses a channel message, a reply and a card action in a channel by the conversation id of
 * their thread, `<channel id>;messageid=<id of the thread's first post>`, even for a card the bot posted to
 * the bare channel id (recorded from the Agents Playground: test/fixtures/teams). The channel itself is
 * what a school is linked to and alerts are posted to, so the product keys everything on the bare id;
 * replies still go through the turn's own context, into the thread the activity came from.
 */
export function channelConversationId(conversationId: string): string {
  const marker = conversationId.indexOf(';messageid=');
  return marker < 0 ? conversationId : conversationId.slice(0, marker);
}

/** The id of the channel thread an activity belongs to (its first post), when it came from one. */
export function threadPostId(conversationId: string): string | undefined {
  const marker = conversationId.indexOf(';messageid=');
  return marker < 0 ? undefined : conversationId.slice(marker + ';messageid='.length) || undefined;
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
  const id = c?.id ?? '';
  const threadId = threadPostId(id);
  return {
    id: channelConversationId(id),
    ...(threadId ? { threadId } : {}),
    type,
    tenantId: c?.tenantId ?? channelData.tenant?.id,
    teamId: channelData.team?.id,
    name: c?.name,
  };
}

export function userInfo(activity: Partial<Activity>): UserInfo {
  return { id: activity.from?.id ?? '', name: activity.from?.name, aadObjectId: activity.from?.aadObjectId };
}

/**
 * The plain, storable reference for an activity's conversation (no activity id: it is turn-specific). In a
 * channel it names the channel, not the thread: what is sent through it later (alerts, case offers) starts
 * a new post, as a message to a channel should.
 */
export function conversationRef(activity: Partial<Activity>): ConversationRef {
  const r = TurnContext.getConversationReference(activity);
  return {
    serviceUrl: r.serviceUrl ?? '',
    channelId: r.channelId ?? 'msteams',
    conversation: {
      id: channelConversationId(r.conversation?.id ?? ''),
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
