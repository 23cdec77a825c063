/** Activities shaped as Teams sends them, for posting to /api/messages in end-to-end tests. */

export const BOT = { id: '28:attendance-bot', name: 'Attendance' };
export const TENANT = 'tenant-1';

export interface ChannelMessageOptions {
  serviceUrl: string;
  text: string;
  conversationId?: string;
  userAadId?: string;
  id?: string;
}

/** A message in a team channel, with the bot @mentioned as Teams does it. */
export function channelMessage(options: ChannelMessageOptions): Record<string, unknown> {
  const mention = `<at>${BOT.name}</at>`;
  const conversationId = options.conversationId ?? '19:attendance-channel@thread.tacv2';
  return {
    type: 'message',
    id: options.id ?? `msg-${Math.random().toString(36).slice(2)}`,
    timestamp: new Date().toISOString(),
    serviceUrl: options.serviceUrl,
    channelId: 'msteams',
    from: { id: '29:staff-user', name: 'Staff Member', aadObjectId: options.userAadId ?? 'aad-staff-1' },
    conversation: { id: conversationId, conversationType: 'channel', tenantId: TENANT, isGroup: true },
    recipient: BOT,
    text: `${mention} ${options.text}`,
    textFormat: 'xml',
    entities: [{ type: 'mention', text: mention, mentioned: BOT }],
    channelData: { tenant: { id: TENANT }, team: { id: '19:team@thread.tacv2' }, channel: { id: conversationId } },
  };
}

/** An Action.Execute invoke from a card the bot sent (`replyToId` is the card's activity id). */
export function actionExecute(options: {
  serviceUrl: string;
  verb: string;
  data: Record<string, unknown>;
  replyToId: string;
  conversationId?: string;
  personal?: boolean;
}): Record<string, unknown> {
  const conversationId = options.conversationId ?? '19:attendance-channel@thread.tacv2';
  return {
    type: 'invoke',
    name: 'adaptiveCard/action',
    id: `invoke-${Math.random().toString(36).slice(2)}`,
    timestamp: new Date().toISOString(),
    serviceUrl: options.serviceUrl,
    channelId: 'msteams',
    from: { id: '29:staff-user', name: 'Staff Member', aadObjectId: 'aad-staff-1' },
    conversation: {
      id: conversationId,
      conversationType: options.personal ? 'personal' : 'channel',
      tenantId: TENANT,
      isGroup: !options.personal,
    },
    recipient: BOT,
    replyToId: options.replyToId,
    value: { action: { type: 'Action.Execute', verb: options.verb, data: options.data }, trigger: 'manual' },
    channelData: { tenant: { id: TENANT } },
  };
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
