import restify from 'restify';
import { afterEach, describe, expect, it } from 'vitest';
import { silentLog } from '../../bot/log.ts';
import { mountReloadRoute } from '../../bot/schools/reloadRoute.ts';
import { type ReloadReport } from '../../bot/schools/reloadSchools.ts';
import { post } from './alerts/teamsActivity.ts';

const TOKEN = 'reload-route-token-0123';
const AUTH = { authorization: `Bearer ${TOKEN}` };
const REPORT: ReloadReport = { schools: 1, pupils: 5, asOf: { '100001': '2025-11-28' }, added: [], removed: [], ms: 1 };

describe('POST /api/reload', () => {
  let server: restify.Server | undefined;
  afterEach(() => new Promise<void>((resolve) => (server ? server.close(() => resolve()) : resolve())));

  /** The route on a bare restify server, with a reload that finishes only when the test says. */
  async function serve(): Promise<{
    url: string;
    calls: () => number;
    finish: (outcome: ReloadReport | Error) => void;
  }> {
    let calls = 0;
    let settle: ((outcome: ReloadReport | Error) => void) | undefined;
    server = restify.createServer();
    mountReloadRoute(server, {
      token: TOKEN,
      log: silentLog,
      reload: () => {
        calls++;
        return new Promise(
          (resolve, reject) => (settle = (outcome) => (outcome instanceof Error ? reject(outcome) : resolve(outcome))),
        );
      },
    });
    await new Promise<void>((resolve) => server!.listen(0, '127.0.0.1', resolve));
    const { port } = server.address() as { port: number };
    return { url: `http://127.0.0.1:${port}/api/reload`, calls: () => calls, finish: (outcome) => settle!(outcome) };
  }

  it('runs one reload at a time: a second request while one runs is answered 409, and the next one runs', async () => {
    const route = await serve();
    const first = post(route.url, undefined, AUTH);
    await expect.poll(route.calls).toBe(1);
    const second = await post(route.url, undefined, AUTH);
    expect(second.status).toBe(409);
    expect(second.body).toMatchObject({ error: expect.stringContaining('already running') });
    route.finish(REPORT);
    expect(await first).toEqual({ status: 200, body: REPORT });

    const third = post(route.url, undefined, AUTH);
    await expect.poll(route.calls).toBe(2);
    route.finish(new Error('marks.csv:7: date: "31/02/2025" is not a date'));
    expect(await third).toEqual({
      status: 422,
      body: {
        error: 'marks.csv:7: date: "31/02/2025" is not a date',
        kept: expect.stringContaining('nothing was changed'),
      },
    });
  });
});
