import { recordedCardAction, recordedMessage, type Scope } from './recordedActivities.ts';

/**
 * Activities for posting to /api/messages in end-to-end tests, built from what the Agents Playground
 * recorded (test/fixtures/teams): a test names the text, the person, the conversation and the card pressed.
 */

export const BOT = { id: '00000000-0000-0000-0000-00000000000011', name: 'Test Bot' };
export const TENANT = '00000000-0000-0000-0000-0000000000001';
export const STAFF_USER = { id: '29:staff-user', name: 'Staff Member', aadObjectId: 'aad-staff-1' };

export interface ChannelMessageOptions {
  serviceUrl: string;
  text: string;
  /** The channel's own id (the activity's conversation id adds the thread's `;messageid=`). */
  conversationId?: string;
  userAadId?: string;
  /** A reply in this post's thread rather than a new post. */
  thread?: string;
  scope?: Scope;
}

/** A new post (or a reply in a thread) in a team channel, with the bot @mentioned. */
export function channelMessage(options: ChannelMessageOptions): Record<string, unknown> {
  return recordedMessage({
    serviceUrl: options.serviceUrl,
    scope: options.scope ?? 'channel',
    text: options.text,
    conversationId: options.conversationId ?? '19:attendance-channel@thread.tacv2',
    from: { ...STAFF_USER, aadObjectId: options.userAadId ?? STAFF_USER.aadObjectId },
    thread: options.thread,
  });
}

/** An Action.Execute invoke from a card the bot sent (`replyToId` is the card's activity id). */
export function actionExecute(options: {
  serviceUrl: string;
  verb: string;
  data: Record<string, unknown>;
  replyToId: string;
  conversationId?: string;
  personal?: boolean;
  userAadId?: string;
  /** In a channel, the post whose thread holds the card; without it the card is a post of its own. */
  thread?: string;
  trigger?: 'automatic' | 'manual';
}): Record<string, unknown> {
  return recordedCardAction({
    serviceUrl: options.serviceUrl,
    scope: options.personal ? 'personal' : 'channel',
    verb: options.verb,
    data: options.data,
    replyToId: options.replyToId,
    conversationId: options.conversationId ?? '19:attendance-channel@thread.tacv2',
    from: { ...STAFF_USER, aadObjectId: options.userAadId ?? STAFF_USER.aadObjectId },
    thread: options.thread,
    trigger: options.trigger,
  });
}

export async function postActivity(
  botUrl: string,
  activity: Record<string, unknown>,
): Promise<{ status: number; body: unknown }> {
  const response = await fetch(`${botUrl}/api/messages`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify(activity),
  });
  const text = await response.text();
  return { status: response.status, body: text === '' ? undefined : JSON.parse(text) };
}
