import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { WondeClient, retryAfterMs } from '../../../adapters/wonde/wondeClient.ts';
import { WondeError } from '../../../adapters/wonde/wondeErrors.ts';
import { type FakeWonde } from '../../support/fakeWonde.ts';
import { REVOKED_ID, SCHOOL_ID, SCHOOL_URN, TOKEN, startFakeWonde } from './wondeFixture.ts';

let fake: FakeWonde;
let waits: number[];

function client(token = TOKEN, baseUrl?: string) {
  waits = [];
  return new WondeClient({
    token,
    baseUrl: baseUrl ?? fake.baseUrl,
    sleep: async (ms) => {
      waits.push(ms);
    },
    random: () => 0.5,
    now: () => Date.parse('2025-10-17T16:00:00Z'),
  });
}

beforeEach(async () => {
  fake = await startFakeWonde();
});
afterEach(async () => {
  await fake.stop();
});

describe('the Wonde client', () => {
  it('reads the school with its URN, sending the token as a bearer token', async () => {
    const school = await client().school(SCHOOL_ID);
    expect(school).toMatchObject({ id: SCHOOL_ID, name: 'Castle Hill Academy', urn: SCHOOL_URN });
    expect(fake.requests.every((r) => r.authorised)).toBe(true);
  });

  it('follows meta.pagination.next while more is true, asking for the includes the rules need', async () => {
    const students = await client().students(SCHOOL_ID);
    expect(students.map((s) => s.id)).toEqual(['A2000', 'A2001', 'A2002', 'A2003', 'A2004', 'A2005', 'A2006']);
    const pages = fake.requests.filter((r) => r.path.endsWith('/students'));
    expect(pages.map((r) => r.query.page ?? '1')).toEqual(['1', '2', '3']);
    expect(pages[0].query.include).toBe('education_details,extended_details,year');
    expect(students[2].extended_details?.data?.sen_status).toBe('K');
    expect(students[0].education_details?.data?.upn).toMatch(/^[A-Z]\d{12}$/);
  });

  it('reads session attendance for a date range only', async () => {
    const marks = await client().sessionAttendance(SCHOOL_ID, '2025-10-13', '2025-10-13');
    expect(marks).toHaveLength(14);
    expect(new Set(marks.map((m) => m.date.date.slice(0, 10)))).toEqual(new Set(['2025-10-13']));
  });

  it('waits as long as a 429 Retry-After asks, then carries on', async () => {
    fake.faults.push({ path: `/v1.0/schools/${SCHOOL_ID}/students`, status: 429, retryAfter: '7' });
    const students = await client().students(SCHOOL_ID);
    expect(students).toHaveLength(7);
    expect(waits).toEqual([7000]);
  });

  it('reads a Retry-After given as a date', () => {
    expect(retryAfterMs('Fri, 17 Oct 2025 16:00:30 GMT', Date.parse('2025-10-17T16:00:00Z'))).toBe(30_000);
    expect(retryAfterMs('soon', 0)).toBeUndefined();
  });

  it('backs off and retries after a 503, with growing waits', async () => {
    fake.faults.push({ path: `/v1.0/schools/${SCHOOL_ID}`, status: 503, times: 2 });
    const school = await client().school(SCHOOL_ID);
    expect(school.urn).toBe(SCHOOL_URN);
    expect(waits).toHaveLength(2);
    expect(waits[1]).toBeGreaterThan(waits[0]);
  });

  it('gives up plainly when Wonde stays unavailable', async () => {
    fake.faults.push({ path: `/v1.0/schools/${SCHOOL_ID}`, status: 503, times: 50 });
    await expect(client().school(SCHOOL_ID)).rejects.toThrow(
      /did not answer school A1930499544 after 6 attempts \(last: 503\)/,
    );
  });

  it('reports a 429 asking for a longer wait than it will sleep through', async () => {
    fake.faults.push({ path: `/v1.0/schools/${SCHOOL_ID}`, status: 429, retryAfter: '3600' });
    await expect(client().school(SCHOOL_ID)).rejects.toThrow(/asks to wait 3600 s/);
  });

  it('says the token was refused on a 401', async () => {
    const error = await client('not-the-token')
      .school(SCHOOL_ID)
      .catch((e: unknown) => e);
    expect(error).toBeInstanceOf(WondeError);
    expect((error as WondeError).kind).toBe('token');
    expect((error as Error).message).toMatch(/refused the token \(401\): check WONDE_TOKEN/);
  });

  it('says a school has not approved or has revoked access on a 403', async () => {
    const error = await client()
      .students(REVOKED_ID)
      .catch((e: unknown) => e);
    expect((error as WondeError).kind).toBe('access');
    expect((error as Error).message).toMatch(
      /school A1000000002 \(403\): the school has not approved this app or has revoked/,
    );
  });

  it('refuses an answer that is not in the documented shape, naming the field', async () => {
    fake.schools[0] = { ...fake.schools[0], urn: 'not-a-urn' };
    await expect(client().school(SCHOOL_ID)).rejects.toThrow(/not in the shape its documentation gives: data\.urn/);
  });

  it('never follows a next page to another host with the token', async () => {
    const other = await startFakeWonde();
    try {
      // A base on one fake while the pages point to the same paths: an origin the client was not given.
      const c = client(TOKEN, other.baseUrl.replace('127.0.0.1', 'localhost'));
      await expect(c.students(SCHOOL_ID)).rejects.toThrow(
        /points to http:\/\/127\.0\.0\.1:\d+, not http:\/\/localhost/,
      );
    } finally {
      await other.stop();
    }
  });
});
