/** Activities as Teams posts them to /api/messages, for the alert tests. */

export const BOT = { id: '28:attendance-bot', name: 'Attendance' };
export const TENANT = 'tenant-1';
export const LEAD_USER = { id: '29:lead', name: 'Lena Lead', aadObjectId: 'aad-lead' };

function base(serviceUrl: string, conversationId: string, type: 'channel' | 'personal' | 'groupChat') {
  return {
    id: `act-${Math.random().toString(36).slice(2)}`,
    timestamp: new Date().toISOString(),
    serviceUrl,
    channelId: 'msteams',
    from: LEAD_USER,
    recipient: BOT,
    conversation: { id: conversationId, conversationType: type, tenantId: TENANT, isGroup: type !== 'personal' },
    channelData: {
      tenant: { id: TENANT },
      ...(type === 'channel' ? { team: { id: '19:team@thread.tacv2' }, channel: { id: conversationId } } : {}),
    },
  };
}

/** The app added to (or removed from) a team channel, group chat or personal scope. */
export function installationUpdate(
  serviceUrl: string,
  conversationId: string,
  action: 'add' | 'remove' = 'add',
  type: 'channel' | 'personal' | 'groupChat' = 'channel',
) {
  return { ...base(serviceUrl, conversationId, type), type: 'installationUpdate', action };
}

export function message(
  serviceUrl: string,
  conversationId: string,
  text: string,
  type: 'channel' | 'personal' | 'groupChat' = 'channel',
) {
  const mention = `<at>${BOT.name}</at>`;
  return {
    ...base(serviceUrl, conversationId, type),
    type: 'message',
    text: type === 'personal' ? text : `${mention} ${text}`,
    entities: type === 'personal' ? [] : [{ type: 'mention', text: mention, mentioned: BOT }],
  };
}

/** Pressing an Action.Execute button on a card the bot sent (`replyToId` is that card's activity id). */
export function actionExecute(
  serviceUrl: string,
  conversationId: string,
  replyToId: string,
  verb: string,
  data: Record<string, unknown>,
) {
  return {
    ...base(serviceUrl, conversationId, 'channel'),
    type: 'invoke',
    name: 'adaptiveCard/action',
    replyToId,
    value: { action: { type: 'Action.Execute', verb, data }, trigger: 'manual' },
  };
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
