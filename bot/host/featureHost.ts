/**
 * The seam between the Teams SDK and the product. Feature modules (queries, alerts, decisions, meetings)
 * register message routes, card actions, install/uninstall handlers and use proactive sends through the
 * plain types below; only `bot/wiring/` knows botbuilder and teams-ai. Moving to the Microsoft 365 Agents
 * SDK (whose AgentApplication mirrors teams-ai's routes) then means rewriting the wiring, not the features.
 */

/** Teams' three conversation scopes; `personal` is a one-to-one chat with the bot. */
export type ConversationType = 'personal' | 'groupChat' | 'channel';

export interface ConversationInfo {
  /**
   * Teams conversation id; for a channel, the channel's own id, without the `;messageid=` of the thread
   * the activity came from. Stable across every post, reply and card in the conversation: bindings,
   * alerts, walk-throughs and meetings are keyed on it.
   */
  id: string;
  /** In a channel, the id of the thread's first post the activity came from (replies go into that thread). */
  threadId?: string;
  type: ConversationType;
  tenantId?: string;
  /** The team's id when the conversation is a channel. */
  teamId?: string;
  name?: string;
}

export interface UserInfo {
  /** The Bot Framework user id (29:...). */
  id: string;
  name?: string;
  /** The Entra ID object id: what role assignments and audit records key on, as it is stable across apps. */
  aadObjectId?: string;
}

/**
 * Everything needed to reach a conversation later without an incoming activity, as plain JSON so a store
 * can keep it. It is botbuilder's ConversationReference in shape, minus anything turn-specific.
 */
export interface ConversationRef {
  serviceUrl: string;
  channelId: string;
  conversation: { id: string; conversationType?: string; tenantId?: string; isGroup?: boolean; name?: string };
  bot: { id: string; name?: string };
  user?: { id: string; name?: string; aadObjectId?: string };
  locale?: string;
}

export type { AdaptiveCardJson, BotMessage } from '../../cards/cardTypes.ts';
import type { AdaptiveCardJson, BotMessage } from '../../cards/cardTypes.ts';

/** One incoming message, already stripped of the bot's `<at>` mention. */
export interface MessageTurn {
  text: string;
  /** Id of the incoming activity, for threading and audit. */
  activityId?: string;
  conversation: ConversationInfo;
  user: UserInfo;
  reference: ConversationRef;
  /** Replies in the same conversation; returns the id of the sent activity (to update it later). */
  reply(message: BotMessage | string): Promise<{ id?: string }>;
  /** Shows "typing..." while a longer answer is worked out. */
  typing(): Promise<void>;
}

export type MessageHandler = (turn: MessageTurn, match: RegExpMatchArray) => Promise<void>;

/** A Universal Action (Action.Execute) invoke. */
export interface ActionTurn {
  verb: string;
  /**
   * `manual` (or absent): someone pressed a button. `automatic`: Teams is refreshing a card that names this user in
   * its `refresh.userIds`, to show them their own view of it; answer with `audience: 'invoker'`.
   */
  trigger?: 'manual' | 'automatic';
  /** The action's `data`, minus `verb`; validate it with zod in the handler, it comes from a client. */
  data: Record<string, unknown>;
  /** Id of the message holding the card, so a feature can find its own record of it. */
  cardActivityId?: string;
  conversation: ConversationInfo;
  user: UserInfo;
  reference: ConversationRef;
}

/**
 * What an action answers. `card` replaces the card for everyone in the conversation (Universal Actions'
 * shared update) unless `audience` is `invoker`: then only the person who pressed it (or whose client
 * refreshed it) sees the new card, which is how a card shows an authorised viewer more than the channel.
 * `message` shows a short text to the person who pressed it and leaves the card as it was (use it for
 * refusals: "only the attendance lead can ..."). Teams waits about 5 seconds for this: do slow work
 * afterwards and send the outcome proactively.
 */
export type ActionResult =
  { card: AdaptiveCardJson; text?: string; audience?: 'everyone' | 'invoker' } | { message: string };

export type ActionHandler = (turn: ActionTurn) => Promise<ActionResult>;

/** The app was added to, or removed from, a conversation (installationUpdate / conversationUpdate). */
export interface InstallEvent {
  kind: 'installed' | 'uninstalled';
  conversation: ConversationInfo;
  /** Who added or removed it, when Teams says. */
  user?: UserInfo;
  reference: ConversationRef;
  /** Only meaningful for `installed` (a welcome message); after removal Teams refuses sends. */
  reply(message: BotMessage | string): Promise<{ id?: string }>;
}

export type InstallHandler = (event: InstallEvent) => Promise<void>;

/** A proactive send was refused; `status` is Teams' HTTP status so callers can pace or drop. */
export class ProactiveSendError extends Error {
  readonly status: number;
  /** Seconds Teams asked us to wait (Retry-After), on 429. */
  readonly retryAfterSeconds?: number;
  constructor(message: string, status: number, retryAfterSeconds?: number) {
    super(message);
    this.name = 'ProactiveSendError';
    this.status = status;
    this.retryAfterSeconds = retryAfterSeconds;
  }
  /** 403/404: the bot was removed or the conversation is gone; drop the stored reference. */
  get conversationGone(): boolean {
    return this.status === 403 || this.status === 404;
  }
}

/**
 * Sends and updates outside a turn, by stored reference. No pacing here: one call is one HTTP request;
 * the outbound sender in adapters/ paces and retries. Failures throw ProactiveSendError.
 */
export interface ProactiveSender {
  send(reference: ConversationRef, message: BotMessage): Promise<{ id: string }>;
  /** Replaces a message the bot sent earlier (e.g. an alert card after someone acted on it). */
  update(reference: ConversationRef, activityId: string, message: BotMessage): Promise<void>;
}

/**
 * A file offered to one person. Teams sends files from a bot only into a personal chat, and only after
 * the person accepts a file consent card: this is what that card says and carries (Microsoft's "Send and
 * receive files using bot").
 */
export interface FileOffer {
  /** The file's name, as Teams shows it and saves it in the person's OneDrive. */
  name: string;
  /** What the file is, shown on the consent card. */
  description: string;
  sizeInBytes: number;
  /** The feature that answers the person's accept or decline (the purpose it gave `onFileConsent`). */
  purpose: string;
  /** Returned with the answer, as the card's accept and decline context; a client sends it back, so check it. */
  context: Record<string, string>;
}

/** Where Teams says to put an accepted file (an upload session in the person's OneDrive), and its name there. */
export interface FileUploadTarget {
  uploadUrl: string;
  contentUrl: string;
  name: string;
  uniqueId: string;
  fileType: string;
}

/** The person accepted or declined a file consent card (a `fileConsent/invoke`). */
export interface FileConsentTurn {
  action: 'accept' | 'decline';
  /** The offer's context as it came back: validate it with zod in the handler. */
  context: Record<string, unknown>;
  /** Set when accepted. */
  upload?: FileUploadTarget;
  conversation: ConversationInfo;
  user: UserInfo;
  reference: ConversationRef;
  reply(message: BotMessage | string): Promise<{ id?: string }>;
  /** After the bytes are uploaded: shows the file in the chat (Teams' file info card) with a line of text. */
  replyWithFile(file: Omit<FileUploadTarget, 'uploadUrl'>, text: string): Promise<{ id?: string }>;
}

/**
 * `answered`: the handler told the person how it went (whatever the outcome); `unreadable`: the offer's
 * context is not one this feature made, and the invoke is refused (400).
 */
export type FileConsentHandler = (turn: FileConsentTurn) => Promise<'answered' | 'unreadable'>;

/** Personal chats and file offers, outside a turn. Failures throw ProactiveSendError. */
export interface FileSender {
  /**
   * The person's personal chat with the bot, opened through the connector `via` came from (Teams gives the
   * existing one when there is one). 403 or 404: the app is not installed for them.
   */
  openPersonalChat(user: UserInfo, via: ConversationRef): Promise<ConversationRef>;
  /** Sends a file consent card (with `text` above it) into a personal chat. */
  offerFile(reference: ConversationRef, offer: FileOffer, text: string): Promise<{ id: string }>;
}

/** What a feature module sees: registration, plus proactive sending once the app is running. */
export interface FeatureHost {
  /**
   * Adds a message route. The pattern is tested against the whole stripped text, so anchor it (`^...$`,
   * flag `i`): an unanchored pattern would steal messages meant for other features. Routes are tried in
   * the order they are registered, across modules in the order modules are registered, and the first
   * match wins; put specific commands ("link school 123") before looser phrasings of questions.
   */
  onMessage(pattern: RegExp, handler: MessageHandler): void;
  /**
   * The catch-all for messages no route matched (the question parser and its help card). Exactly one
   * module may set it, and it always runs after every route whatever order modules were registered in.
   */
  onUnmatchedMessage(handler: (turn: MessageTurn) => Promise<void>): void;
  /** Adds an Action.Execute verb. Verbs are exact strings and unique across modules: prefix with the feature ("alerts.ack"). */
  onAction(verb: string, handler: ActionHandler): void;
  onInstall(handler: InstallHandler): void;
  onUninstall(handler: InstallHandler): void;
  /** Answers file consent cards offered with this purpose (unique across modules: prefix with the feature). */
  onFileConsent(purpose: string, handler: FileConsentHandler): void;
  readonly proactive: ProactiveSender;
  readonly files: FileSender;
}

/** A Teams capability, registered on the host at start-up. */
export interface FeatureModule {
  /** Short id used in logs ("queries", "alerts"). */
  readonly name: string;
  register(host: FeatureHost): void;
}
