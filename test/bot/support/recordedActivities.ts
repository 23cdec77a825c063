import { randomUUID } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

/**
 * Activities as the Microsoft 365 Agents Playground posts them (recorded into test/fixtures/teams by
 * `npm run record:teams`), for the end-to-end tests to post to /api/messages. A test chooses only what a
 * person or Teams would vary: the text, who sent it, the conversation (a channel's id keeps the recorded
 * `;messageid=` thread part), the card pressed and its verb and data, and the connector address. Every
 * other field is as recorded.
 */

export type Scope = 'personal' | 'groupChat' | 'channel';

export type RecordedName =
  | 'personal-installation-update'
  | 'personal-conversation-update'
  | 'personal-message'
  | 'personal-card-action'
  | 'group-installation-update'
  | 'group-conversation-update'
  | 'group-message-mention'
  | 'group-card-action'
  | 'channel-installation-update'
  | 'channel-conversation-update'
  | 'channel-message-mention'
  | 'channel-thread-reply'
  | 'channel-card-action-in-thread'
  | 'channel-card-action-on-post';

export type Activity = Record<string, unknown>;

export interface Person {
  id: string;
  name?: string;
  aadObjectId?: string;
}

const FIXTURES = new URL('../../fixtures/teams/', import.meta.url);

/** One recorded activity, as a fresh copy to change. */
export function recordedActivity(name: RecordedName): Activity {
  return JSON.parse(readFileSync(fileURLToPath(new URL(`${name}.json`, FIXTURES)), 'utf8')) as Activity;
}

/** The recorded conversation id without its thread part: the channel's or chat's own id in the Playground. */
function recordedConversation(activity: Activity): string {
  const id = (activity.conversation as { id: string }).id;
  return id.split(';messageid=')[0];
}

/** Replaces the recorded conversation (and, in a team, the team and channel ids, which are the same there) everywhere it appears. */
function moveTo(activity: Activity, conversationId: string | undefined, thread?: string): Activity {
  const recorded = recordedConversation(activity);
  const target = conversationId ?? recorded;
  const swap = (value: unknown): unknown => {
    if (typeof value === 'string') {
      if (value === recorded) return target;
      if (value.startsWith(`${recorded};messageid=`))
        return `${target};messageid=${thread ?? value.slice(recorded.length + ';messageid='.length)}`;
      return value;
    }
    if (Array.isArray(value)) return value.map(swap);
    if (value && typeof value === 'object')
      return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, swap(v)]));
    return value;
  };
  return swap(activity) as Activity;
}

function as(activity: Activity, serviceUrl: string, from?: Person): Activity {
  const recordedFrom = activity.from as Person;
  return {
    ...activity,
    id: randomUUID(),
    serviceUrl,
    ...(from
      ? {
          from: {
            id: from.id,
            ...(from.name !== undefined && 'name' in recordedFrom ? { name: from.name } : {}),
            ...(from.aadObjectId !== undefined ? { aadObjectId: from.aadObjectId } : {}),
          },
        }
      : {}),
  };
}

/** A new thread's post id, numeric as the Playground's (Teams uses the post's millisecond timestamp). */
export function newPostId(): string {
  return String(Date.now() * 1000 + Math.floor(Math.random() * 1000));
}

export interface MessageOptions {
  serviceUrl: string;
  scope: Scope;
  /** What the person typed after the @mention (in a personal chat, the whole text: Teams sends no mention there). */
  text: string;
  conversationId?: string;
  from?: Person;
  /** In a channel: the post whose thread this replies in. Without it, the message is a new post. */
  thread?: string;
}

/** A message, in a channel or group chat with the bot @mentioned as the Playground (and Teams) sends it. */
export function recordedMessage(options: MessageOptions): Activity {
  const name: RecordedName =
    options.scope === 'personal'
      ? 'personal-message'
      : options.scope === 'groupChat'
        ? 'group-message-mention'
        : options.thread
          ? 'channel-thread-reply'
          : 'channel-message-mention';
  const recorded = recordedActivity(name);
  const activity = as(
    moveTo(recorded, options.conversationId, options.scope === 'channel' ? (options.thread ?? newPostId()) : undefined),
    options.serviceUrl,
    options.from,
  );
  const mention = (recorded.entities as { type: string; text?: string }[]).find((e) => e.type === 'mention');
  activity.text = mention?.text ? `${mention.text} ${options.text}` : options.text;
  return activity;
}

export interface CardActionOptions {
  serviceUrl: string;
  scope: Scope;
  verb: string;
  data: Record<string, unknown>;
  /** The id of the message holding the card. */
  replyToId: string;
  conversationId?: string;
  from?: Person;
  /**
   * In a channel: the post whose thread holds the card (a card the bot replied with). Without it the card
   * is itself a post (a card the bot posted to the channel, as alerts are), and Teams names its thread.
   */
  thread?: string;
  /** `automatic`: a card refresh (Teams sends these for cards naming the user in refresh.userIds). */
  trigger?: 'automatic' | 'manual';
}

/** An Action.Execute press, as the Playground sent it from a card in that scope. */
export function recordedCardAction(options: CardActionOptions): Activity {
  const name: RecordedName =
    options.scope === 'personal'
      ? 'personal-card-action'
      : options.scope === 'groupChat'
        ? 'group-card-action'
        : options.thread
          ? 'channel-card-action-in-thread'
          : 'channel-card-action-on-post';
  const recorded = recordedActivity(name);
  const activity = as(
    moveTo(
      recorded,
      options.conversationId,
      options.scope === 'channel' ? (options.thread ?? options.replyToId) : undefined,
    ),
    options.serviceUrl,
    options.from,
  );
  const value = recorded.value as { action: Record<string, unknown> };
  activity.replyToId = options.replyToId;
  activity.value = {
    ...value,
    action: { ...value.action, verb: options.verb, data: options.data },
    // The Playground sends no trigger for a press; Teams sends "automatic" for a refresh, which it cannot produce.
    ...(options.trigger === 'automatic' ? { trigger: 'automatic' } : {}),
  };
  return activity;
}

export interface InstallOptions {
  serviceUrl: string;
  scope: Scope;
  conversationId?: string;
  from?: Person;
  /** `remove`: the app removed; the Playground only records `add`, Teams sends the same activity with `remove`. */
  action?: 'add' | 'remove';
}

/** The app added to (or removed from) a personal chat, group chat or team. */
export function recordedInstallationUpdate(options: InstallOptions): Activity {
  const name: RecordedName =
    options.scope === 'personal'
      ? 'personal-installation-update'
      : options.scope === 'groupChat'
        ? 'group-installation-update'
        : 'channel-installation-update';
  const activity = as(moveTo(recordedActivity(name), options.conversationId), options.serviceUrl, options.from);
  if (options.action) activity.action = options.action;
  return activity;
}

/** Members (the bot among them) added to a personal chat, group chat or team. */
export function recordedConversationUpdate(options: Omit<InstallOptions, 'action'>): Activity {
  const name: RecordedName =
    options.scope === 'personal'
      ? 'personal-conversation-update'
      : options.scope === 'groupChat'
        ? 'group-conversation-update'
        : 'channel-conversation-update';
  return as(moveTo(recordedActivity(name), options.conversationId), options.serviceUrl, options.from);
}

export interface FileConsentOptions {
  serviceUrl: string;
  /** The personal chat the consent card was sent in. */
  conversationId: string;
  from?: Person;
  action: 'accept' | 'decline';
  /** The card's acceptContext or declineContext, which Teams hands back as it was. */
  context: Record<string, unknown>;
  /** On accept: where the file goes (the fake upload server), replacing the documented example's addresses. */
  uploadInfo?: { uploadUrl: string; contentUrl?: string; name?: string; uniqueId?: string; fileType?: string };
  /** The id of the message holding the consent card. */
  replyToId?: string;
}

/**
 * A person's answer to a file consent card: Microsoft's DOCUMENTED `fileConsent/invoke` (the Playground
 * cannot send one; see personal-file-consent.documented.json) on the recorded envelope of an invoke in a
 * personal chat.
 */
export function documentedFileConsent(options: FileConsentOptions): Activity {
  const documented = JSON.parse(
    readFileSync(fileURLToPath(new URL('personal-file-consent.documented.json', FIXTURES)), 'utf8'),
  ) as Record<'accept' | 'decline', { name: string; value: Record<string, unknown> }>;
  const envelope = as(
    moveTo(recordedActivity('personal-card-action'), options.conversationId),
    options.serviceUrl,
    options.from,
  );
  const { name, value } = documented[options.action];
  const uploadInfo = value.uploadInfo as Record<string, unknown> | undefined;
  const activity: Activity = { ...envelope, name, value: { ...value, context: options.context } };
  if (options.replyToId) activity.replyToId = options.replyToId;
  else delete activity.replyToId;
  if (uploadInfo && options.uploadInfo)
    (activity.value as Record<string, unknown>).uploadInfo = {
      ...uploadInfo,
      ...Object.fromEntries(Object.entries(options.uploadInfo).filter(([, v]) => v !== undefined)),
    };
  return activity;
}
