import { guarded } from '../server/guarded.ts';
import { OPERATOR_BODY_LIMIT, readJsonBody } from '../server/readJsonBody.ts';
import { type Request, type Response, type Server } from 'restify';
import { z } from 'zod';
import { isIsoDate } from '../../rules/index.ts';
import { type Log } from '../log.ts';
import { bearerTokenMatches } from '../server/bearerToken.ts';
import { type SyncRequest, type WondeSyncRuntime } from './wondeSyncRuntime.ts';

const syncBody = z
  .object({
    schools: z
      .array(z.string().regex(/^A\d{6,12}$/, 'each school is a Wonde id such as A1930499544'))
      .min(1)
      .optional(),
    from: z.string().refine(isIsoDate, 'from is a date written YYYY-MM-DD').optional(),
    to: z.string().refine(isIsoDate, 'to is a date written YYYY-MM-DD').optional(),
  })
  .strict()
  .refine((b) => !b.from || !b.to || b.from <= b.to, 'from must not be after to');

export interface SyncRouteOptions {
  /** SCAN_TOKEN, the operator's token. */
  token: string | undefined;
  /** The sync runtime, or undefined when WONDE_TOKEN is not set. */
  runtime: WondeSyncRuntime | undefined;
  log: Log;
}

/**
 * The request body of `POST /api/sync`, as JSON (or nothing). Kept in this one function so the server's
 * body reading can change (a size-capped reader in place of restify's bodyParser) without touching the route.
 */
/** The body of a sync request: read as every operator route reads it (identity only, 16 KB at most, JSON). */
export async function readSyncBody(req: Request): Promise<unknown> {
  const body = await readJsonBody(req, OPERATOR_BODY_LIMIT);
  return body === undefined || body === null ? {} : body;
}

/**
 * `POST /api/sync` for operators: syncs the followed schools from Wonde now (or those named in
 * `{"schools": ["A1930499544"], "from": "2025-10-13", "to": "2025-10-17"}`) and answers with what each
 * school gave and how every instance will apply it. 409 when a sync is already running on any instance.
 */
export function mountSyncRoute(server: Server, options: SyncRouteOptions): void {
  server.post(
    '/api/sync',
    guarded(async (req: Request, res: Response) => {
      if (!options.token) {
        res.send(503, { error: 'syncing over HTTP is off: set SCAN_TOKEN to turn it on' });
        return;
      }
      if (!bearerTokenMatches(req.header('authorization'), options.token)) {
        options.log('sync.refused', { status: 401 });
        res.send(401, { error: 'send Authorization: Bearer <SCAN_TOKEN>' });
        return;
      }
      if (!options.runtime) {
        res.send(503, { error: 'the Wonde feed is off: set WONDE_TOKEN and WONDE_SCHOOLS to turn it on' });
        return;
      }
      // Refusals (415, 413, 400 for bad JSON) are answered by guarded().
      const json = await readSyncBody(req);
      const parsed = syncBody.safeParse(json);
      if (!parsed.success) {
        res.send(400, {
          error: parsed.error.issues.map((i) => `${i.path.join('.') || 'body'}: ${i.message}`).join('; '),
        });
        return;
      }
      const request: SyncRequest = parsed.data;
      try {
        const report = await options.runtime.syncNow(request);
        if (report.status === 'busy') {
          res.send(409, {
            error: 'a sync is already running (on this or another instance); ask again when it has answered',
          });
          return;
        }
        res.send(200, report);
      } catch (err) {
        options.log('sync.failed', { error: (err as Error).name });
        res.send(500, { error: 'the sync failed; see the bot log' });
      }
    }, options.log),
  );
}
