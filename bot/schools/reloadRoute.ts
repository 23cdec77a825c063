import { type Request, type Response, type Server } from 'restify';
import { type Log } from '../log.ts';
import { bearerTokenMatches } from '../server/bearerToken.ts';
import { guarded } from '../server/guarded.ts';
import { OPERATOR_BODY_LIMIT, readJsonBody } from '../server/readJsonBody.ts';
import { type ReloadReport } from './reloadSchools.ts';

export interface ReloadRouteOptions {
  /** SCAN_TOKEN, the operator's token; without it the route answers 503 and says what to set. */
  token: string | undefined;
  reload: () => Promise<ReloadReport>;
  log: Log;
}

/**
 * `POST /api/reload` for operators: reads the register bundles again, for example after the nightly
 * import, and answers with what is now loaded. A bundle that fails to read is answered 422 with the
 * reader's message (file, line, field), and the bot keeps the registers it had. One reload at a time: a
 * second request while one runs is answered 409.
 */
export function mountReloadRoute(server: Server, options: ReloadRouteOptions): void {
  let running = false;
  server.post(
    '/api/reload',
    guarded(async (req: Request, res: Response) => {
      if (!options.token) {
        res.send(503, { error: 'reloading over HTTP is off: set SCAN_TOKEN to turn it on' });
        return;
      }
      if (!bearerTokenMatches(req.header('authorization'), options.token)) {
        options.log('schools.reload-refused', { status: 401 });
        res.send(401, { error: 'send Authorization: Bearer <SCAN_TOKEN>' });
        return;
      }
      // No body is needed; one that is sent is still read within the operator limit (and refused past it).
      await readJsonBody(req, OPERATOR_BODY_LIMIT);
      if (running) {
        res.send(409, { error: 'a reload is already running; ask again when it has answered' });
        return;
      }
      running = true;
      try {
        res.send(200, await options.reload());
      } catch (err) {
        // The reader's message can quote a cell (a date of birth, a mark): it goes to the operator who asked,
        // and the log keeps only what kind of failure it was.
        options.log('schools.reload-failed', { error: (err as Error).name });
        res.send(422, { error: (err as Error).message, kept: 'the registers loaded before; nothing was changed' });
      } finally {
        running = false;
      }
    }, options.log),
  );
}
