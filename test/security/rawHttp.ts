import { request } from 'node:http';

export interface RawAnswer {
  /** The HTTP status, or undefined when the server closed the connection without answering. */
  status?: number;
  body: string;
  /** The socket error, when the server cut the upload short (the expected end of an oversized body). */
  error?: string;
}

export interface RawRequest {
  port: number;
  method?: string;
  path: string;
  headers?: Record<string, string | number>;
  /** Sent as is; an iterable is sent chunk by chunk (chunked, no Content-Length unless given). */
  body?: Buffer | string | Iterable<Buffer>;
}

/**
 * One request over a fresh socket to 127.0.0.1, as an attacker would send it: any headers (a false
 * Content-Encoding, no Content-Length), any bytes. Resolves with whatever came back, never rejects.
 */
export function rawRequest(options: RawRequest): Promise<RawAnswer> {
  return new Promise((resolve) => {
    let settled = false;
    const settle = (answer: RawAnswer) => {
      if (!settled) {
        settled = true;
        resolve(answer);
      }
    };
    const req = request(
      {
        host: '127.0.0.1',
        port: options.port,
        method: options.method ?? 'POST',
        path: options.path,
        headers: options.headers,
        agent: false,
      },
      (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (c: Buffer) => chunks.push(c));
        res.on('end', () => settle({ status: res.statusCode, body: Buffer.concat(chunks).toString('utf8') }));
        res.on('error', () => settle({ status: res.statusCode, body: Buffer.concat(chunks).toString('utf8') }));
      },
    );
    req.on('error', (err: NodeJS.ErrnoException) => settle({ body: '', error: err.code ?? err.message }));
    const body = options.body;
    if (body === undefined) req.end();
    else if (typeof body === 'string' || Buffer.isBuffer(body)) req.end(body);
    else {
      void (async () => {
        for (const chunk of body) {
          if (settled || req.destroyed) return;
          if (!req.write(chunk))
            await new Promise<void>((r) => {
              const go = () => {
                req.off('drain', go);
                req.off('close', go);
                r();
              };
              req.on('drain', go);
              req.on('close', go);
            });
        }
        req.end();
      })();
    }
  });
}

/** `count` chunks of `size` bytes of a JSON-looking string, made as they are sent (never held at once). */
export function* bigBody(count: number, size = 64 * 1024): Iterable<Buffer> {
  const chunk = Buffer.alloc(size, 'a');
  yield Buffer.from('{"type":"message","text":"');
  for (let i = 0; i < count; i++) yield chunk;
  yield Buffer.from('"}');
}
