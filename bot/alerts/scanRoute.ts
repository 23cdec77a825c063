import { type Request, type Response, type Server } from 'restify';
import { type Log } from '../log.ts';
import { guarded } from '../server/guarded.ts';
import { OPERATOR_BODY_LIMIT, readJsonBody } from '../server/readJsonBody.ts';
import { type AlertScanner, type ScanReport } from './alertScanner.ts';
import { checkScanRequest } from './scanRequest.ts';

export interface ScanRouteOptions {
  scanner: AlertScanner;
  /** SCAN_TOKEN; without it the route answers 503 and says what to set. */
  token: string | undefined;
  /** Starts delivering what the scan queued (the paced sender's drain); not awaited by the request. */
  deliver: () => void;
  log: Log;
}

/**
 * `POST /api/scan` for operators and tests: runs a scan now and answers with what it queued (ids and
 * counts only). Delivery then goes on through the paced sender, after the answer.
 */
export function mountScanRoute(server: Server, options: ScanRouteOptions): void {
  server.post(
    '/api/scan',
    guarded(async (req: Request, res: Response) => {
      // The token is checked before a byte of the body is read.
      const authorization = req.header('authorization');
      const allowed = checkScanRequest(authorization, undefined, options.token);
      const check = allowed.ok
        ? checkScanRequest(authorization, await readJsonBody(req, OPERATOR_BODY_LIMIT), options.token)
        : allowed;
      if (!check.ok) {
        options.log('alerts.scan-refused', { status: check.status });
        res.send(check.status, { error: check.error });
        return;
      }
      let report: ScanReport;
      try {
        report = await options.scanner.scan(check.request);
      } catch (err) {
        options.log('alerts.scan-failed', { error: (err as Error).name });
        res.send(500, { error: 'the scan failed; see the bot log' });
        return;
      }
      options.deliver();
      res.send(200, report);
    }, options.log),
  );
}
