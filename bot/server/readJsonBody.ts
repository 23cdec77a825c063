import { type IncomingMessage } from 'node:http';

/** Teams caps a message at about 28 KB and an activity with a card at a few times that; 256 KB leaves room. */
export const MESSAGE_BODY_LIMIT = 256 * 1024;
/** Operator routes (scan, reload, sync) take a small JSON object at most. */
export const OPERATOR_BODY_LIMIT = 16 * 1024;

/** A refusal with the HTTP status and a message that names nothing internal. */
export class HttpRefusal extends Error {
  constructor(
    readonly status: number,
    message: string,
  ) {
    super(message);
    this.name = 'HttpRefusal';
  }
}

/**
 * Reads a request's JSON body ourselves, instead of restify's bodyParser, because that one inflates gzip
 * with no error handler (a body that is not gzip ends the process), has no size limit and runs before the
 * token check. Here:
 * - any Content-Encoding other than identity is refused (415) before a byte is read;
 * - a declared Content-Length over `limit` is refused (413) at once, and a body sent without one is counted
 *   as it streams and refused (413) as soon as it passes the limit, so it is never buffered whole;
 * - the bytes must be UTF-8 and JSON (400 otherwise).
 * An empty body reads as undefined (operator routes whose body is optional).
 */
export async function readJsonBody(req: IncomingMessage, limit: number): Promise<unknown> {
  const encoding = (req.headers['content-encoding'] ?? 'identity').trim().toLowerCase();
  if (encoding !== '' && encoding !== 'identity')
    throw new HttpRefusal(415, 'Content-Encoding is not accepted: send the body uncompressed');
  const declared = req.headers['content-length'];
  if (declared !== undefined && Number(declared) > limit)
    throw new HttpRefusal(413, `the body is larger than this endpoint accepts (${limit} bytes)`);
  const bytes = await readLimited(req, limit);
  if (bytes.length === 0) return undefined;
  let text: string;
  try {
    text = new TextDecoder('utf-8', { fatal: true }).decode(bytes);
  } catch {
    throw new HttpRefusal(400, 'the body is not UTF-8 text');
  }
  try {
    return JSON.parse(text) as unknown;
  } catch {
    throw new HttpRefusal(400, 'the body is not valid JSON');
  }
}

/** Collects the body, stopping (and refusing) as soon as more than `limit` bytes have arrived. */
function readLimited(req: IncomingMessage, limit: number): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let received = 0;
    const done = (outcome: () => void) => {
      req.off('data', onData);
      req.off('end', onEnd);
      req.off('error', onError);
      req.off('aborted', onAborted);
      outcome();
    };
    const onData = (chunk: Buffer) => {
      received += chunk.length;
      if (received > limit) {
        // Stop taking bytes: what has arrived is dropped and the rest is never read. The caller answers
        // 413 and the connection is closed after it (see refuse in guarded.ts).
        req.pause();
        chunks.length = 0;
        done(() => reject(new HttpRefusal(413, `the body is larger than this endpoint accepts (${limit} bytes)`)));
        return;
      }
      chunks.push(chunk);
    };
    const onEnd = () => done(() => resolve(Buffer.concat(chunks, received)));
    const onError = () => done(() => reject(new HttpRefusal(400, 'the body could not be read')));
    const onAborted = () => done(() => reject(new HttpRefusal(400, 'the request was aborted')));
    req.on('data', onData);
    req.on('end', onEnd);
    req.on('error', onError);
    req.on('aborted', onAborted);
  });
}
