import { inConversation } from '../support/fakeConnector.ts';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';

export interface ConnectorRequest {
  method: string;
  conversationId: string;
  /** The activity id in the path: the one replied to (POST) or updated (PUT). */
  activityId?: string;
  activity: Record<string, unknown>;
  /** The time on the test's clock when it arrived (virtual time in pacing tests). */
  at: number;
  /** Whether the connector accepted it (answered 200). */
  ok: boolean;
}

/**
 * How the connector answers a request: accept it, refuse it with a status and an optional Retry-After, or
 * never answer (`hang`: the request reached Teams but the sender's process dies before any reply).
 */
export type ConnectorAnswer = { status: 200 } | { status: number; retryAfterSeconds?: number } | 'hang';

/** restify patches Node's ServerResponse so writeHead no longer returns it: write and end separately. */
function respond(res: ServerResponse, status: number, headers: Record<string, string>, body: unknown): void {
  res.writeHead(status, headers);
  res.end(JSON.stringify(body));
}

/**
 * A stand-in for the Teams connector on loopback that a test can script: it records every request to
 * /v3/conversations/{id}/activities[/{id}] with the test clock's time, and answers each as `answer` says
 * (e.g. 429 with Retry-After to the first attempt of some sends), as Teams does when throttling.
 */
export class ScriptedConnector {
  readonly requests: ConnectorRequest[] = [];
  /** May answer later (a promise), as a slow Teams does. */
  answer: (request: ConnectorRequest) => ConnectorAnswer | Promise<ConnectorAnswer> = () => ({ status: 200 });
  url = '';
  private server?: Server;
  private nextId = 1;

  constructor(private readonly now: () => number = () => Date.now()) {}

  async start(): Promise<this> {
    this.server = createServer((req, res) => void this.handle(req, res));
    await new Promise<void>((resolve) => this.server!.listen(0, '127.0.0.1', () => resolve()));
    const address = this.server.address();
    if (typeof address !== 'object' || !address) throw new Error('connector has no address');
    this.url = `http://127.0.0.1:${address.port}/`;
    return this;
  }

  async stop(): Promise<void> {
    this.server?.closeAllConnections();
    await new Promise<void>((resolve) => (this.server ? this.server.close(() => resolve()) : resolve()));
  }

  /**
   * Messages Teams accepted into a conversation (replies and proactive sends), oldest first; for a channel,
   * those posted to it and those replied in its threads (`<channel>;messageid=<post>`).
   */
  accepted(conversationId?: string): ConnectorRequest[] {
    return this.requests.filter(
      (r) => r.ok && r.method === 'POST' && (!conversationId || inConversation(r.conversationId, conversationId)),
    );
  }

  private async handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const chunks: Buffer[] = [];
    for await (const chunk of req) chunks.push(chunk as Buffer);
    const body = chunks.length > 0 ? JSON.parse(Buffer.concat(chunks).toString('utf8')) : {};
    const match = (req.url ?? '').match(/^\/v3\/conversations\/([^/]+)\/activities(?:\/([^/?]+))?/);
    if (!match) {
      respond(res, 404, { 'content-type': 'application/json' }, { error: { code: 'NotFound', message: req.url } });
      return;
    }
    const request: ConnectorRequest = {
      method: req.method ?? '',
      conversationId: decodeURIComponent(match[1]),
      activityId: match[2] && decodeURIComponent(match[2]),
      activity: body,
      at: this.now(),
      ok: false,
    };
    this.requests.push(request);
    const answer = await this.answer(request);
    if (answer === 'hang') return;
    if (answer.status !== 200) {
      const headers: Record<string, string> = { 'content-type': 'application/json' };
      if ('retryAfterSeconds' in answer && answer.retryAfterSeconds !== undefined)
        headers['retry-after'] = String(answer.retryAfterSeconds);
      respond(res, answer.status, headers, {
        error: { code: answer.status === 429 ? 'TooManyRequests' : 'Refused', message: 'scripted' },
      });
      return;
    }
    request.ok = true;
    const id = req.method === 'PUT' ? (match[2] ?? '') : `activity-${this.nextId++}`;
    respond(res, 200, { 'content-type': 'application/json' }, { id });
  }
}
