import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import { type AddressInfo } from 'node:net';

/*
 * A stand-in for Wonde's School Data Sync API on loopback, serving fixtures in the shapes Wonde's
 * documentation and clients give (adapters/wonde/README.md says which are documented and which inferred):
 * `{ data, meta: { pagination: { next, previous, more, per_page, current_page } } }` lists, PHP-style date
 * objects, bearer tokens. Faults are scripted per path (a 429 with Retry-After, a 503), and a school can
 * be revoked (403 on everything of it).
 */

export interface FakeWondeSchool {
  id: string;
  name: string;
  urn: string | null;
  revoked?: boolean;
}

export interface FakeWondeStudent {
  id: string;
  upn: string | null;
  forename: string;
  surname: string;
  dateOfBirth: string;
  ncYear: string;
  sen?: string;
  fsm?: boolean;
  lookedAfter?: boolean;
}

export interface FakeWondeMark {
  student: string;
  date: string;
  session: 'AM' | 'PM';
  /** The code as Wonde lists it (looked up to its id when served). */
  code: string;
}

export interface FakeWondeFault {
  /** Path (no query) the fault applies to, e.g. `/v1.0/schools/A1/students`. */
  path: string;
  status: number;
  retryAfter?: string;
  /** How many requests it answers (default 1). */
  times?: number;
}

export interface FakeWondeRequest {
  path: string;
  query: Record<string, string>;
  authorised: boolean;
  status: number;
}

/** Wonde's code list: the national codes, and one local code no DfE code matches. */
export const FAKE_WONDE_CODES = [
  ...[
    '/',
    '\\',
    'L',
    'B',
    'C',
    'C1',
    'C2',
    'D',
    'E',
    'G',
    'I',
    'J1',
    'K',
    'M',
    'N',
    'O',
    'P',
    'Q',
    'R',
    'S',
    'T',
    'U',
    'V',
    'W',
    'X',
    'Y1',
    'Z',
    '#',
  ].map((code, i) => ({ id: `C${1000 + i}`, code, description: `DfE code ${code}` })),
  { id: 'C9001', code: 'ZZ', description: 'Local code: at the school farm' },
];

const phpDate = (date: string, time = '00:00:00') => ({
  date: `${date} ${time}.000000`,
  timezone_type: 3,
  timezone: 'Europe/London',
});

export class FakeWonde {
  readonly requests: FakeWondeRequest[] = [];
  readonly faults: FakeWondeFault[] = [];
  schools: FakeWondeSchool[] = [];
  students = new Map<string, FakeWondeStudent[]>();
  marks = new Map<string, FakeWondeMark[]>();
  perPage = 3;
  private server: Server | undefined;
  private origin = '';

  constructor(readonly token: string) {}

  get baseUrl(): string {
    return `${this.origin}/v1.0/`;
  }

  async start(): Promise<this> {
    this.server = createServer((req, res) => this.handle(req, res));
    await new Promise<void>((resolve) => this.server!.listen(0, '127.0.0.1', resolve));
    this.origin = `http://127.0.0.1:${(this.server.address() as AddressInfo).port}`;
    return this;
  }

  async stop(): Promise<void> {
    await new Promise<void>((resolve) => (this.server ? this.server.close(() => resolve()) : resolve()));
  }

  private handle(req: IncomingMessage, res: ServerResponse): void {
    const url = new URL(req.url ?? '/', this.origin);
    const authorised = req.headers.authorization === `Bearer ${this.token}`;
    const query = Object.fromEntries(url.searchParams);
    const send = (status: number, body: unknown, headers: Record<string, string> = {}) => {
      this.requests.push({ path: url.pathname, query, authorised, status });
      res.writeHead(status, { 'content-type': 'application/json', ...headers });
      res.end(JSON.stringify(body));
    };
    const fault = this.faults.find((f) => f.path === url.pathname && (f.times ?? 1) > 0);
    if (fault) {
      fault.times = (fault.times ?? 1) - 1;
      send(fault.status, { error: 'scripted fault' }, fault.retryAfter ? { 'retry-after': fault.retryAfter } : {});
      return;
    }
    if (!authorised) {
      send(401, { error: 'Unauthenticated.' });
      return;
    }
    const path = url.pathname.replace(/^\/v1\.0\//, '');
    if (path === 'attendance-codes') {
      this.page(url, FAKE_WONDE_CODES, send);
      return;
    }
    const match = /^schools\/([^/]+)(?:\/(students|attendance\/session))?$/.exec(path);
    const school = match && this.schools.find((s) => s.id === match[1]);
    if (!match || !school) {
      send(404, { error: 'Not found.' });
      return;
    }
    if (school.revoked) {
      send(403, { error: 'Access to this school has been revoked.' });
      return;
    }
    if (!match[2]) {
      send(200, {
        data: { id: school.id, name: school.name, urn: school.urn, la_code: '999', establishment_number: '2001' },
      });
      return;
    }
    if (match[2] === 'students') {
      const includes = new Set((url.searchParams.get('include') ?? '').split(','));
      const students = (this.students.get(school.id) ?? []).map((s) => ({
        id: s.id,
        upi: `upi-${s.id}`,
        mis_id: s.id.slice(1),
        forename: s.forename,
        surname: s.surname,
        legal_forename: s.forename,
        legal_surname: s.surname,
        date_of_birth: phpDate(s.dateOfBirth),
        ...(includes.has('education_details')
          ? { education_details: { data: { upn: s.upn, current_nc_year: s.ncYear } } }
          : {}),
        ...(includes.has('extended_details')
          ? {
              extended_details: {
                data: {
                  sen_status: s.sen ?? 'N',
                  free_school_meals: s.fsm ?? false,
                  in_lea_care: s.lookedAfter ?? false,
                },
              },
            }
          : {}),
        ...(includes.has('year') ? { year: { data: { code: s.ncYear, name: `Year ${s.ncYear}` } } } : {}),
      }));
      this.page(url, students, send);
      return;
    }
    const from = url.searchParams.get('start_date') ?? '0000-00-00';
    const to = url.searchParams.get('end_date') ?? '9999-99-99';
    const marks = (this.marks.get(school.id) ?? [])
      .filter((m) => m.date >= from && m.date <= to)
      .map((m, i) => ({
        id: `M${i}`,
        student: m.student,
        attendance_code: FAKE_WONDE_CODES.find((c) => c.code === m.code)!.id,
        session: m.session,
        date: phpDate(m.date),
        minutes_late: null,
        comment: null,
      }));
    this.page(url, marks, send);
  }

  private page(url: URL, items: unknown[], send: (status: number, body: unknown) => void): void {
    const page = Number(url.searchParams.get('page') ?? '1');
    const perPage = this.perPage;
    const data = items.slice((page - 1) * perPage, page * perPage);
    const more = page * perPage < items.length;
    const next = new URL(url);
    next.searchParams.set('page', String(page + 1));
    send(200, {
      data,
      meta: {
        pagination: {
          next: more ? next.href : null,
          previous: page > 1 ? url.href : null,
          more,
          per_page: perPage,
          current_page: page,
        },
      },
    });
  }
}
