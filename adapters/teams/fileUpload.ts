/**
 * Puts a file's bytes where Teams said to, after the person accepted a file consent card: one HTTP PUT of
 * the whole file to the upload session's address (Microsoft's "Send and receive files using bot": the bot
 * transfers the file to the location it was given; OneDrive's upload-session rules want Content-Range
 * `bytes 0-{n-1}/{n}` and Content-Length). The address comes from an invoke, so it is checked before any
 * byte leaves: https to SharePoint only, no credentials in it, no redirects followed. The request is bounded in size
 * and time, because the invoke that carried the address has to be answered within about 5 seconds.
 */

export interface FileUploadPolicy {
  /** Give up after this long (default 4 s, inside the 5 s Teams waits for the invoke's answer). */
  timeoutMs?: number;
  /** Refuse a file larger than this (default 10 MiB: far more than a month's returns for a whole LA). */
  maxBytes?: number;
  /**
   * Tests only: also accept plain http to a loopback address (the fake upload server). Never set from the
   * environment: the bot's start-up options are the only way in, so production always insists on https.
   */
  allowLoopbackHttpForTests?: boolean;
}

export const DEFAULT_UPLOAD_TIMEOUT_MS = 4_000;
export const DEFAULT_UPLOAD_MAX_BYTES = 10 * 1024 * 1024;

export type FileUploadFailure =
  | { kind: 'bad-address'; detail: string }
  | { kind: 'too-large'; bytes: number; maxBytes: number }
  | { kind: 'empty' }
  | { kind: 'timeout'; timeoutMs: number }
  | { kind: 'refused'; status: number }
  | { kind: 'unreachable'; detail: string };

export type FileUploadOutcome = { ok: true; status: number } | ({ ok: false } & FileUploadFailure);

const LOOPBACK_HOSTS = new Set(['127.0.0.1', 'localhost', '[::1]']);

/**
 * Where a file consent card's upload session can live: the person's OneDrive for work, which is SharePoint
 * (`contoso-my.sharepoint.com`, and the government and national clouds' own domains). Pupils' data is
 * sent nowhere else, whatever address an invoke names.
 */
const UPLOAD_HOST_SUFFIXES = ['.sharepoint.com', '.sharepoint.us', '.sharepoint-mil.us', '.sharepoint.cn'];

/** Why an upload address is not one to send pupils' data to, or undefined when it is. */
export function uploadAddressProblem(address: string, policy: FileUploadPolicy = {}): string | undefined {
  let url: URL;
  try {
    url = new URL(address);
  } catch {
    return 'it is not a web address';
  }
  if (url.username || url.password) return 'it carries a user name or password';
  if (url.protocol === 'https:')
    return UPLOAD_HOST_SUFFIXES.some((suffix) => url.hostname.toLowerCase().endsWith(suffix))
      ? undefined
      : `it is not in SharePoint or OneDrive for work (${url.hostname})`;
  if (url.protocol === 'http:' && policy.allowLoopbackHttpForTests && LOOPBACK_HOSTS.has(url.hostname))
    return undefined;
  return `it is not https (${url.protocol.replace(':', '')})`;
}

/** PUTs `bytes` to `uploadUrl` in one request; never throws. */
export async function uploadFileBytes(
  uploadUrl: string,
  bytes: Uint8Array,
  policy: FileUploadPolicy = {},
): Promise<FileUploadOutcome> {
  const timeoutMs = policy.timeoutMs ?? DEFAULT_UPLOAD_TIMEOUT_MS;
  const maxBytes = policy.maxBytes ?? DEFAULT_UPLOAD_MAX_BYTES;
  const problem = uploadAddressProblem(uploadUrl, policy);
  if (problem) return { ok: false, kind: 'bad-address', detail: problem };
  if (bytes.byteLength > maxBytes) return { ok: false, kind: 'too-large', bytes: bytes.byteLength, maxBytes };
  if (bytes.byteLength === 0) return { ok: false, kind: 'empty' };
  const signal = AbortSignal.timeout(timeoutMs);
  try {
    const response = await fetch(uploadUrl, {
      method: 'PUT',
      body: bytes,
      headers: {
        'content-type': 'application/octet-stream',
        'content-range': `bytes 0-${bytes.byteLength - 1}/${bytes.byteLength}`,
      },
      redirect: 'error',
      signal,
    });
    // The body (the drive item, when it is OneDrive) is not needed: drop it rather than read an unknown size.
    await response.body?.cancel().catch(() => undefined);
    // 200 or 201: the last byte range arrived and the file exists. 202 would mean more ranges were expected.
    if (response.status === 200 || response.status === 201) return { ok: true, status: response.status };
    return { ok: false, kind: 'refused', status: response.status };
  } catch (err) {
    if (signal.aborted) return { ok: false, kind: 'timeout', timeoutMs };
    const cause = (err as { cause?: { code?: string } }).cause?.code;
    return { ok: false, kind: 'unreachable', detail: cause ?? (err as Error).name };
  }
}
