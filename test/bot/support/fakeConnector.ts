import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';

/** One request the bot made to the connector. */
export interface ConnectorCall {
  method: string;
  path: string;
  conversationId: string;
  /** The activity id in the path: the one replied to (POST) or updated (PUT). */
  activityId?: string;
  activity: Record<string, unknown>;
}

/**
 * A stand-in for the Teams Bot Framework connector on loopback: it records what the bot sends to
 * /v3/conversations/{id}/activities[/{activityId}] and answers with an id the way Teams does, so a test can
 * post an activity whose serviceUrl points here and read the bot's reply. POST /v3/conversations (create
 * conversation, how a bot opens a person's personal chat) answers with that person's personal chat id,
 * the same one each time, as Teams gives the existing 1:1 chat; those calls have conversationId ''.
 */
export class FakeConnector {
  readonly calls: ConnectorCall[] = [];
  private readonly refusals = new Map<string, { status: number; retryAfter?: number }>();
  private createRefusal?: number;
  private server?: Server;
  private nextId = 1;
  url = '';

  async start(): Promise<this> {
    this.server = createServer((req, res) => void this.handle(req, res));
    await new Promise<void>((resolve) => this.server!.listen(0, '127.0.0.1', () => resolve()));
    const address = this.server.address();
    if (typeof address !== 'object' || !address) throw new Error('fake connector has no address');
    this.url = `http://127.0.0.1:${address.port}/`;
    return this;
  }

  async stop(): Promise<void> {
    await new Promise<void>((resolve) => (this.server ? this.server.close(() => resolve()) : resolve()));
  }

  /** From now on answer every request for this conversation with `status` (and Retry-After, if given), as Teams does. */
  refuse(conversationId: string, status: number, retryAfter?: number): void {
    this.refusals.set(conversationId, { status, retryAfter });
  }

  /** From now on refuse create-conversation with `status` (403: the app is not installed for the person), or accept it again. */
  refuseNewConversations(status: number | undefined): void {
    this.createRefusal = status;
  }

  /** The create-conversation requests the bot made (its ConversationParameters), oldest first. */
  get createdConversations(): Record<string, unknown>[] {
    return this.calls.filter((c) => c.method === 'POST' && c.path === '/v3/conversations').map((c) => c.activity);
  }

  /** The personal chat id this connector gives for a person (what a create-conversation with them answers). */
  personalChatId(userId: string): string {
    return `a:personal-${userId}`;
  }

  /**
   * Messages the bot sent into a conversation (replies and proactive sends), oldest first; for a channel,
   * those posted to it and those replied in any of its threads (`<channel>;messageid=<post>`).
   */
  sentTo(conversationId: string): ConnectorCall[] {
    return this.calls.filter(
      (c) => inConversation(c.conversationId, conversationId) && c.method === 'POST' && c.activity.type === 'message',
    );
  }

  private async handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const chunks: Buffer[] = [];
    for await (const chunk of req) chunks.push(chunk as Buffer);
    const body = chunks.length > 0 ? JSON.parse(Buffer.concat(chunks).toString('utf8')) : {};
    if (req.method === 'POST' && (req.url ?? '').replace(/\/$/, '') === '/v3/conversations') {
      this.calls.push({ method: 'POST', path: '/v3/conversations', conversationId: '', activity: body });
      if (this.createRefusal !== undefined) {
        reply(res, this.createRefusal, { error: { code: 'Forbidden', message: 'refused by the fake connector' } });
        return;
      }
      const member = (body as { members?: { id?: string }[] }).members?.[0]?.id ?? 'nobody';
      reply(res, 201, { id: this.personalChatId(member) });
      return;
    }
    const match = (req.url ?? '').match(/^\/v3\/conversations\/([^/]+)\/activities(?:\/([^/?]+))?/);
    if (!match) {
      reply(res, 404, { error: { code: 'NotFound', message: req.url } });
      return;
    }
    const conversationId = decodeURIComponent(match[1]);
    this.calls.push({
      method: req.method ?? '',
      path: req.url ?? '',
      conversationId,
      activityId: match[2] && decodeURIComponent(match[2]),
      activity: body,
    });
    const refusal = this.refusals.get(conversationId);
    if (refusal) {
      if (refusal.retryAfter !== undefined) res.setHeader('retry-after', String(refusal.retryAfter));
      reply(res, refusal.status, {
        error: {
          code: refusal.status === 403 ? 'BotNotInConversationRoster' : 'Throttled',
          message: 'refused by the fake connector',
        },
      });
      return;
    }
    const id = req.method === 'PUT' ? (match[2] ?? '') : `activity-${this.nextId++}`;
    reply(res, 200, { id });
  }
}

/** True when `called` is `conversationId` itself or one of its channel threads. */
export function inConversation(called: string, conversationId: string): boolean {
  return called === conversationId || called.startsWith(`${conversationId};messageid=`);
}

/** restify patches http.ServerResponse in the whole process (writeHead stops returning `this`), so no chaining. */
function reply(res: ServerResponse, status: number, body: unknown): void {
  res.statusCode = status;
  res.setHeader('content-type', 'application/json');
  res.end(JSON.stringify(body));
}
