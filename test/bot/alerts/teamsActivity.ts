import {
  recordedCardAction,
  recordedInstallationUpdate,
  recordedMessage,
  type Scope,
} from '../support/recordedActivities.ts';

/** Activities for the alert tests, built from what the Agents Playground recorded (test/fixtures/teams). */

export const LEAD_USER = { id: '29:lead', name: 'Lena Lead', aadObjectId: 'aad-lead' };

/** The app added to (or removed from) a team channel, group chat or personal scope. */
export function installationUpdate(
  serviceUrl: string,
  conversationId: string,
  action: 'add' | 'remove' = 'add',
  type: Scope = 'channel',
) {
  return recordedInstallationUpdate({ serviceUrl, scope: type, conversationId, action, from: LEAD_USER });
}

/** A message (a new post, in a channel) from the attendance lead, @mentioning the bot outside a personal chat. */
export function message(serviceUrl: string, conversationId: string, text: string, type: Scope = 'channel') {
  return recordedMessage({ serviceUrl, scope: type, text, conversationId, from: LEAD_USER });
}

/**
 * Pressing an Action.Execute button on a card the bot posted to a channel (`replyToId` is that card's
 * activity id); Teams names the card's own thread in the conversation id, as recorded.
 */
export function actionExecute(
  serviceUrl: string,
  conversationId: string,
  replyToId: string,
  verb: string,
  data: Record<string, unknown>,
) {
  return recordedCardAction({ serviceUrl, scope: 'channel', verb, data, replyToId, conversationId, from: LEAD_USER });
}

export async function post(
  url: string,
  body: unknown,
  headers: Record<string, string> = {},
): Promise<{ status: number; body: unknown }> {
  const response = await fetch(url, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...headers },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  const text = await response.text();
  return { status: response.status, body: text === '' ? undefined : JSON.parse(text) };
}
