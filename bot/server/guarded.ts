import { type Request, type Response } from 'restify';
import { type Log } from '../log.ts';
import { HttpRefusal } from './readJsonBody.ts';

export type RouteHandler = (req: Request, res: Response) => Promise<void>;

/**
 * Wraps a restify route so that nothing it throws can reach restify's default error answer (which puts the
 * error's message, possibly an internal address, in the body) or end the process: an `HttpRefusal` is
 * answered with its status and message; anything else is logged with the route and the error's kind only
 * and answered 500 with a body that names nothing internal. Every route of ours is mounted through it.
 */
export function guarded(handler: RouteHandler, log?: Log): RouteHandler {
  return async (req, res) => {
    try {
      await handler(req, res);
    } catch (err) {
      if (res.headersSent) {
        log?.('http.error-after-answer', { route: routeOf(req), error: errorKind(err) });
        return;
      }
      if (err instanceof HttpRefusal) {
        log?.('http.refused', { route: routeOf(req), status: err.status });
        refuse(res, err.status, err.message);
        return;
      }
      log?.('http.error', { route: routeOf(req), error: errorKind(err) });
      refuse(res, 500, 'something went wrong; it has been logged');
    }
  };
}

/**
 * Answers a refusal and closes the connection after it: the body may be half read (a 413 stops reading),
 * and a client that sent a bad request has no claim on a kept-alive socket.
 */
export function refuse(res: Response, status: number, error: string): void {
  res.setHeader('Connection', 'close');
  res.send(status, { error });
}

/** The error's class name (never its message, which may quote input). */
export function errorKind(err: unknown): string {
  return err instanceof Error ? err.name : typeof err;
}

function routeOf(req: Request): string {
  return req.getRoute?.()?.path?.toString() ?? req.path?.() ?? '';
}
