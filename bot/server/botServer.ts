import restify from 'restify';
import { type TeamsBot } from '../wiring/teamsBot.ts';
import { type Log } from '../log.ts';

export interface BotServer {
  /** The port actually listened on (useful when started on port 0). */
  port: number;
  /** For runtimes that add their own HTTP routes (alerts' POST /api/scan); mount before traffic matters. */
  restify: restify.Server;
  close(): Promise<void>;
}

export interface BotServerOptions {
  bot: TeamsBot;
  port: number;
  log: Log;
  /** Extra facts for GET /healthz (counts only). */
  health: () => Record<string, string | number | boolean>;
}

/** restify with POST /api/messages (the Bot Framework endpoint) and GET /healthz. */
export async function createBotServer(options: BotServerOptions): Promise<BotServer> {
  const server = restify.createServer({ name: 'attendance-bot' });
  server.use(restify.plugins.bodyParser());
  server.post('/api/messages', async (req, res) => {
    const started = performance.now();
    await options.bot.adapter.process(req, res, (context) => options.bot.run(context));
    const body = req.body as { type?: string; conversation?: { id?: string } } | undefined;
    options.log('activity.processed', {
      type: body?.type,
      conversation: body?.conversation?.id,
      status: res.statusCode,
      ms: Math.round(performance.now() - started),
    });
  });
  server.get('/healthz', async (_req, res) => {
    res.send(200, { status: 'ok', ...options.health() });
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port, () => resolve());
  });
  const address = server.address();
  return {
    port: typeof address === 'object' && address ? address.port : options.port,
    restify: server,
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}
