import { type Request, type Response, type Server } from 'restify';
import { type Log } from '../log.ts';
import { bearerTokenMatches } from '../server/bearerToken.ts';
import { type ReloadReport } from './reloadSchools.ts';

export interface ReloadRouteOptions {
  /** SCAN_TOKEN, the operator's token; without it the route answers 503 and says what to set. */
  token: string | undefined;
  reload: () => ReloadReport;
  log: Log;
}

/**
 * `POST /api/reload` for operators: reads the register bundles again, for example after the nightly
 * import, and answers with what is now loaded. A bundle that fails to read is answered 422 with the
 * reader's message (file, line, field), and the bot keeps the registers it had.
 */
export function mountReloadRoute(server: Server, options: ReloadRouteOptions): void {
  // async only because restify insists a handler without `next` be one; the reload itself is synchronous.
  server.post('/api/reload', async (req: Request, res: Response) => {
    if (!options.token) {
      res.send(503, { error: 'reloading over HTTP is off: set SCAN_TOKEN to turn it on' });
      return;
    }
    if (!bearerTokenMatches(req.header('authorization'), options.token)) {
      options.log('schools.reload-refused', { status: 401 });
      res.send(401, { error: 'send Authorization: Bearer <SCAN_TOKEN>' });
      return;
    }
    try {
      res.send(200, options.reload());
    } catch (err) {
      // The reader's message can quote a cell (a date of birth, a mark): it goes to the operator who asked,
      // and the log keeps only what kind of failure it was.
      options.log('schools.reload-failed', { error: (err as Error).name });
      res.send(422, { error: (err as Error).message, kept: 'the registers loaded before; nothing was changed' });
    }
  });
}
