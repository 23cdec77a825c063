import restify from 'restify';
import { type TeamsBot } from '../wiring/teamsBot.ts';
import { type Log } from '../log.ts';
import { guarded } from './guarded.ts';
import { MESSAGE_BODY_LIMIT, readJsonBody } from './readJsonBody.ts';

export interface BotServer {
  /** The port actually listened on (useful when started on port 0). */
  port: number;
  /** The address listened on. */
  host: string;
  /** For runtimes that add their own HTTP routes (alerts' POST /api/scan); mount through `guarded`. */
  restify: restify.Server;
  close(): Promise<void>;
}

/** What GET /healthz reports: 503 when `ok` is false (the store is unavailable), naming what is wrong. */
export interface HealthReport {
  ok: boolean;
  facts: Record<string, string | number | boolean>;
}

export interface BotServerOptions {
  bot: TeamsBot;
  port: number;
  /** The address to listen on; every interface when undefined. */
  host?: string;
  log: Log;
  health: () => HealthReport;
}

/** A request body that has not finished arriving after this long is dropped (a slow-body attack). */
const REQUEST_TIMEOUT_MS = 30_000;

/**
 * restify with POST /api/messages (the Bot Framework endpoint) and GET /healthz. No body parser runs for
 * every route: each route that takes a body reads it with `readJsonBody` and its own limit, and
 * /api/messages does so before botbuilder checks the token.
 */
export async function createBotServer(options: BotServerOptions): Promise<BotServer> {
  const { log } = options;
  const server = restify.createServer({ name: 'attendance-bot' });
  server.server.requestTimeout = REQUEST_TIMEOUT_MS;
  server.post(
    '/api/messages',
    guarded(async (req, res) => {
      const started = performance.now();
      const body = await readJsonBody(req, MESSAGE_BODY_LIMIT);
      const outcome = await options.bot.receive(req.header('authorization') ?? '', body);
      if (outcome.body === undefined) {
        res.status(outcome.status);
        res.end();
      } else res.send(outcome.status, outcome.body);
      log('activity.processed', {
        type: outcome.type,
        conversation: outcome.conversation,
        status: outcome.status,
        refused: outcome.refused,
        ms: Math.round(performance.now() - started),
      });
    }, log),
  );
  server.get(
    '/healthz',
    guarded(async (_req, res) => {
      const report = options.health();
      res.send(report.ok ? 200 : 503, { status: report.ok ? 'ok' : 'unavailable', ...report.facts });
    }, log),
  );
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    if (options.host) server.listen(options.port, options.host, () => resolve());
    else server.listen(options.port, () => resolve());
  });
  const address = server.address();
  return {
    port: typeof address === 'object' && address ? address.port : options.port,
    host: typeof address === 'object' && address ? address.address : (options.host ?? ''),
    restify: server,
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}
