import { type z } from 'zod';
import { backoffDelay, type RetryPolicy } from '../teams/retryBackoff.ts';
import { WondeError, schoolAccessRefused, tokenRefused } from './wondeErrors.ts';
import {
  wondeAttendanceCode,
  wondePage,
  wondeSchool,
  wondeSessionMark,
  wondeSingle,
  wondeStudent,
  type WondeAttendanceCode,
  type WondeSchool,
  type WondeSessionMark,
  type WondeStudent,
} from './wondeSchemas.ts';

/** Wonde's address for schools in the UK (its documentation's "Regional Domains"). */
export const WONDE_UK_BASE_URL = 'https://api.wonde.com/v1.0/';

/** The includes that carry what the rules need about a pupil: UPN and NC year, and the context flags. */
export const STUDENT_INCLUDES = ['education_details', 'extended_details', 'year'] as const;

export interface WondeRetryPolicy extends RetryPolicy {
  /** Attempts per request, the first included, before giving up. */
  maxAttempts: number;
}

export const DEFAULT_WONDE_RETRY: WondeRetryPolicy = {
  baseDelayMs: 1_000,
  maxDelayMs: 60_000,
  // A 429 asking for a longer wait than this is reported rather than slept through.
  giveUpAfterMs: 5 * 60_000,
  maxAttempts: 6,
};

export interface WondeClientOptions {
  token: string;
  /** `WONDE_BASE_URL`; Wonde's UK address by default. Pages are only followed on this origin. */
  baseUrl?: string;
  /** Waits between attempts; injected so tests run in no time. */
  sleep?: (ms: number) => Promise<void>;
  /** Epoch ms, for a Retry-After given as a date. */
  now?: () => number;
  /** 0 <= r < 1, for backoff jitter. */
  random?: () => number;
  retry?: WondeRetryPolicy;
  /** Records a page; Wonde's clients ask for up to 200. */
  perPage?: number;
  /** Called before each wait with why (status) and how long: logs, never pupil data. */
  onRetry?: (event: { status: number | 'network'; waitMs: number; attempt: number }) => void;
}

const MAX_PAGES = 100_000;

/**
 * A client for the parts of Wonde's School Data Sync API an attendance register needs: the school, its
 * students, session attendance over a date range, and the attendance codes. Bearer token; pages followed
 * through `meta.pagination.next` while `more` is true; 429 waits for Retry-After and 5xx (and dropped
 * connections) back off with jitter; 401 and 403 are reported as what they mean. Every response is checked
 * against its zod schema before anything is read from it.
 */
export class WondeClient {
  private readonly base: URL;
  private readonly sleep: (ms: number) => Promise<void>;
  private readonly now: () => number;
  private readonly random: () => number;
  private readonly retry: WondeRetryPolicy;
  private readonly perPage: number;

  constructor(private readonly options: WondeClientOptions) {
    if (!options.token.trim())
      throw new WondeError('WONDE_TOKEN is empty: set it to the API token Wonde gave this app', 'token');
    let base: URL;
    try {
      base = new URL(options.baseUrl ?? WONDE_UK_BASE_URL);
    } catch {
      throw new WondeError(
        `WONDE_BASE_URL=${options.baseUrl} is not an address such as ${WONDE_UK_BASE_URL}`,
        'address',
      );
    }
    if (!base.pathname.endsWith('/')) base.pathname += '/';
    this.base = base;
    this.sleep = options.sleep ?? ((ms) => new Promise((resolve) => setTimeout(resolve, ms)));
    this.now = options.now ?? Date.now;
    this.random = options.random ?? Math.random;
    this.retry = options.retry ?? DEFAULT_WONDE_RETRY;
    this.perPage = options.perPage ?? 200;
  }

  /** `schools/{id}`: the school's name and URN. */
  async school(schoolId: string): Promise<WondeSchool> {
    const url = this.url(`schools/${encodeURIComponent(schoolId)}`);
    const body = await this.getJson(url, wondeSingle(wondeSchool), `school ${schoolId}`, schoolId);
    return body.data;
  }

  /** `schools/{id}/students` with the includes the rules need, every page. */
  students(schoolId: string): Promise<WondeStudent[]> {
    const url = this.url(`schools/${encodeURIComponent(schoolId)}/students`, {
      include: STUDENT_INCLUDES.join(','),
      per_page: String(this.perPage),
    });
    return this.list(url, wondeStudent, `students of school ${schoolId}`, schoolId);
  }

  /**
   * `schools/{id}/attendance/session` from `from` to `to` (ISO dates, inclusive), every page. Marks outside
   * the range are left out here too, so a server that ignored the range would cost time, not correctness.
   */
  async sessionAttendance(schoolId: string, from: string, to: string): Promise<WondeSessionMark[]> {
    const url = this.url(`schools/${encodeURIComponent(schoolId)}/attendance/session`, {
      start_date: from,
      end_date: to,
      per_page: String(this.perPage),
    });
    const marks = await this.list(url, wondeSessionMark, `session attendance of school ${schoolId}`, schoolId);
    return marks.filter((m) => {
      const date = m.date.date.slice(0, 10);
      return date >= from && date <= to;
    });
  }

  /** `attendance-codes`: the codes session marks point to by id. */
  attendanceCodes(): Promise<WondeAttendanceCode[]> {
    return this.list(
      this.url('attendance-codes', { per_page: String(this.perPage) }),
      wondeAttendanceCode,
      'attendance codes',
    );
  }

  private url(path: string, query: Record<string, string> = {}): URL {
    const url = new URL(path, this.base);
    for (const [key, value] of Object.entries(query)) url.searchParams.set(key, value);
    return url;
  }

  private async list<T extends z.ZodType>(first: URL, item: T, what: string, schoolId?: string): Promise<z.infer<T>[]> {
    const schema = wondePage(item);
    const all: z.infer<T>[] = [];
    const seen = new Set<string>();
    let url: URL | undefined = first;
    for (let page = 1; url; page++) {
      if (page > MAX_PAGES || seen.has(url.href))
        throw new WondeError(
          `Wonde's pages of ${what} do not end (page ${page} repeats an earlier address)`,
          'response',
        );
      seen.add(url.href);
      const body = await this.getJson(url, schema, `${what}, page ${page}`, schoolId);
      all.push(...(body.data as z.infer<T>[]));
      const pagination = body.meta?.pagination;
      url = undefined;
      if (pagination?.more) {
        if (!pagination.next)
          throw new WondeError(
            `Wonde says there are more ${what} after page ${page} but gives no next page`,
            'response',
          );
        url = this.nextPage(pagination.next, what);
      }
    }
    return all;
  }

  /** The next page's address, only on Wonde's own origin: the token is never sent anywhere else. */
  private nextPage(next: string, what: string): URL {
    let url: URL;
    try {
      url = new URL(next, this.base);
    } catch {
      throw new WondeError(`Wonde's next page of ${what} is not an address`, 'response');
    }
    if (url.origin !== this.base.origin)
      throw new WondeError(
        `Wonde's next page of ${what} points to ${url.origin}, not ${this.base.origin}; not followed (the token goes only to WONDE_BASE_URL's host)`,
        'response',
      );
    return url;
  }

  private async getJson<T extends z.ZodType>(
    url: URL,
    schema: T,
    what: string,
    schoolId?: string,
  ): Promise<z.infer<T>> {
    const response = await this.fetchWithRetries(url, what);
    if (response.status === 401) throw tokenRefused(401);
    if (response.status === 403) {
      if (schoolId) throw schoolAccessRefused(schoolId, 403);
      throw new WondeError(`Wonde refused ${what} (403): this app's token may not read it`, 'access', 403);
    }
    if (response.status === 404)
      throw new WondeError(
        `Wonde has no ${what} (404)${schoolId ? `: check the school id ${schoolId} (Wonde ids look like A1930499544)` : ''}`,
        'not-found',
        404,
      );
    if (!response.ok)
      throw new WondeError(`Wonde answered ${response.status} for ${what}`, 'response', response.status);
    let json: unknown;
    try {
      json = await response.json();
    } catch {
      throw new WondeError(`Wonde's answer for ${what} is not JSON`, 'response', response.status);
    }
    const parsed = schema.safeParse(json);
    if (!parsed.success) {
      const issues = parsed.error.issues
        .slice(0, 5)
        .map((i) => `${i.path.join('.') || '(body)'}: ${i.message}`)
        .join('; ');
      const more = parsed.error.issues.length > 5 ? ` (and ${parsed.error.issues.length - 5} more)` : '';
      throw new WondeError(
        `Wonde's answer for ${what} is not in the shape its documentation gives: ${issues}${more}`,
        'response',
      );
    }
    return parsed.data;
  }

  private async fetchWithRetries(url: URL, what: string): Promise<Response> {
    for (let attempt = 0; ; attempt++) {
      let response: Response | undefined;
      let waitMs: number;
      let status: number | 'network';
      try {
        response = await fetch(url, {
          headers: { Authorization: `Bearer ${this.options.token}`, Accept: 'application/json' },
        });
      } catch {
        response = undefined;
      }
      if (response && response.status !== 429 && response.status < 500) return response;
      if (response?.status === 429) {
        status = 429;
        const asked = retryAfterMs(response.headers.get('retry-after'), this.now());
        waitMs = asked ?? backoffDelay(attempt, this.retry, this.random);
        if (waitMs > this.retry.giveUpAfterMs)
          throw new WondeError(
            `Wonde is limiting requests for ${what} and asks to wait ${Math.ceil(waitMs / 1000)} s; try the sync again later`,
            'unavailable',
            429,
          );
      } else {
        status = response ? response.status : 'network';
        waitMs = backoffDelay(attempt, this.retry, this.random);
      }
      await response?.body?.cancel().catch(() => {});
      if (attempt + 1 >= this.retry.maxAttempts)
        throw new WondeError(
          `Wonde did not answer ${what} after ${this.retry.maxAttempts} attempts (last: ${status === 'network' ? 'no connection' : status}); try the sync again later`,
          'unavailable',
          typeof status === 'number' ? status : undefined,
        );
      this.options.onRetry?.({ status, waitMs, attempt: attempt + 1 });
      await this.sleep(waitMs);
    }
  }
}

/** Retry-After as seconds or an HTTP date (RFC 9110), in ms from now; undefined when absent or unreadable. */
export function retryAfterMs(header: string | null, now: number): number | undefined {
  if (!header) return undefined;
  const text = header.trim();
  if (/^\d+$/.test(text)) return Number(text) * 1000;
  const at = Date.parse(text);
  return Number.isNaN(at) ? undefined : Math.max(0, at - now);
}
