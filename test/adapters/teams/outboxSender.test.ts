import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { EmbeddedStateStore } from '../../../adapters/store/embeddedStateStore.ts';
import { type StateStore } from '../../../adapters/store/stateStore.ts';
import { OutboxSender, type SenderLog } from '../../../adapters/teams/outboxSender.ts';
import { TEAMS_PACING_LIMITS } from '../../../adapters/teams/pacingLimits.ts';
import { FakeSendError, FakeTeamsEndpoint, paceViolations, activityIdFor, channelId } from './fakeTeamsEndpoint.ts';
import { VirtualClock } from './virtualClock.ts';

async function install(store: StateStore, conversationId: string, tenantId = 'tenant-1'): Promise<void> {
  await store.putConversation({
    conversationId,
    scope: 'channel',
    tenantId,
    reference: { serviceUrl: 'https://smba.example/', conversation: { id: conversationId } },
    installedAt: '2025-11-10T08:00:00Z',
  });
}

async function queue(store: StateStore, conversationId: string, n: number, tenantId = 'tenant-1'): Promise<void> {
  for (let i = 0; i < n; i++) {
    const id = `${conversationId}-alert-${String(i).padStart(3, '0')}`;
    await store.enqueue(
      {
        id,
        conversationId,
        tenantId,
        kind: 'alert:test',
        createdAt: new Date(Date.UTC(2025, 10, 10, 9, 30, 0, i)).toISOString(),
        message: { text: id },
      },
      [id],
    );
  }
}

describe('outbox sender', () => {
  let dir: string;
  let store: StateStore;
  let clock: VirtualClock;
  let teams: FakeTeamsEndpoint;
  let logs: { level: string; event: string; fields: Record<string, unknown> }[];
  const log: SenderLog = (level, event, fields) => void logs.push({ level, event, fields });

  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'sender-'));
    store = EmbeddedStateStore.open(dir);
    clock = new VirtualClock();
    teams = new FakeTeamsEndpoint(clock);
    logs = [];
  });

  afterEach(async () => {
    await store.close();
    rmSync(dir, { recursive: true, force: true });
  });

  function sender(owner = 'instance-a', send = teams.send) {
    return new OutboxSender({ store, send, owner, clock, log, random: () => 0.5 });
  }

  it('sends every queued message once and marks it sent with the activity id Teams gave', async () => {
    await install(store, 'c1');
    await queue(store, 'c1', 3);
    const report = await sender().drain();
    expect(report).toMatchObject({ sent: 3, failed: 0 });
    expect(teams.deliveredTexts()).toEqual(['c1|c1-alert-000', 'c1|c1-alert-001', 'c1|c1-alert-002']);
    expect((await store.listOutbox('sent')).map((i) => i.activityId).sort()).toEqual([
      activityIdFor(1),
      activityIdFor(2),
      activityIdFor(3),
    ]);
    expect(await sender().drain()).toMatchObject({ sent: 0 });
    expect(teams.deliveries).toHaveLength(3);
  });

  it('delivers a burst of 200 alerts across 20 conversations within the pacing limits while Teams answers 429 with Retry-After', async () => {
    for (let c = 0; c < 20; c++) {
      await install(store, channelId(`conv-${c}`));
      await queue(store, channelId(`conv-${c}`), 10);
    }
    // Teams throttles every 9th request on its first attempt, asking for 2 seconds.
    let requests = 0;
    teams.answer = (_request, attempt) =>
      ++requests % 9 === 0 && attempt === 1 ? new FakeSendError(429, 2) : undefined;
    const start = clock.now();
    const report = await sender().drain();
    expect(report.sent).toBe(200);
    expect(report.retried).toBeGreaterThan(10);
    const delivered = teams.deliveredTexts();
    expect(delivered).toHaveLength(200);
    expect(new Set(delivered).size).toBe(200);
    expect(
      paceViolations(
        teams.attempts.map((a) => a.at),
        TEAMS_PACING_LIMITS.perTenant,
      ),
    ).toEqual([]);
    for (let c = 0; c < 20; c++) {
      const times = teams.attempts.filter((a) => a.conversationId === channelId(`conv-${c}`)).map((a) => a.at);
      expect(paceViolations(times, TEAMS_PACING_LIMITS.perConversation)).toEqual([]);
    }
    // A throttled conversation waited at least what Teams asked before trying again.
    const throttled = teams.attempts.filter((a) => teams.deliveries.indexOf(a) < 0);
    for (const refused of throttled) {
      const retry = teams.deliveries.find(
        (d) => d.conversationId === refused.conversationId && d.text === refused.text,
      )!;
      expect(retry.at - refused.at).toBeGreaterThanOrEqual(2000);
    }
    // 200 requests at 50 a second cannot take less than 3 seconds.
    expect(clock.now() - start).toBeGreaterThanOrEqual(3000);
  });

  it('keeps one busy conversation to 60 sends in 30 seconds', async () => {
    await install(store, 'busy');
    await queue(store, 'busy', 130);
    const start = clock.now();
    await sender().drain();
    expect(teams.deliveries).toHaveLength(130);
    expect(
      paceViolations(
        teams.attempts.map((a) => a.at),
        TEAMS_PACING_LIMITS.perConversation,
      ),
    ).toEqual([]);
    expect(clock.now() - start).toBeGreaterThanOrEqual(60_000);
  });

  it('retries 412, 502, 503 and 504 with growing backoff, then delivers', async () => {
    await install(store, 'c1');
    await queue(store, 'c1', 1);
    const statuses = [412, 502, 503, 504];
    teams.answer = (_r, attempt) => (attempt <= statuses.length ? new FakeSendError(statuses[attempt - 1]) : undefined);
    const report = await sender().drain();
    expect(report).toMatchObject({ sent: 1, retried: 4 });
    const gaps = teams.attempts.slice(1).map((a, i) => a.at - teams.attempts[i].at);
    expect(gaps.every((g, i) => i === 0 || g > gaps[i - 1])).toBe(true);
    expect((await store.listOutbox('sent'))[0].attempts).toBe(5);
  });

  it('gives up after the bounded time, reports it in the audit log and the log with ids only', async () => {
    await install(store, 'c1');
    await queue(store, 'c1', 1);
    teams.answer = () => new FakeSendError(503);
    const start = clock.now();
    const report = await sender().drain();
    expect(report).toMatchObject({ sent: 0, failed: 1 });
    expect(clock.now() - start).toBeLessThanOrEqual(15 * 60_000);
    const [failed] = await store.listOutbox('failed');
    expect(failed.lastError).toMatch(/^gave up after \d+ attempts: HTTP 503/);
    const audit = await store.listAudit();
    expect(audit).toEqual([
      expect.objectContaining({
        what: 'send.gave-up',
        detail: expect.objectContaining({ outboxId: 'c1-alert-000', conversationId: 'c1' }),
      }),
    ]);
    const gaveUp = logs.find((l) => l.event === 'send-gave-up');
    expect(gaveUp?.fields).toMatchObject({ outboxId: 'c1-alert-000', conversationId: 'c1' });
  });

  it('drops the conversation on 403 and sends nothing more to it', async () => {
    await install(store, channelId('removed'));
    await install(store, 'kept');
    await queue(store, channelId('removed'), 3);
    await queue(store, 'kept', 2);
    teams.answer = (request) => (request.conversationId === channelId('removed') ? new FakeSendError(403) : undefined);
    const report = await sender().drain();
    expect(report).toMatchObject({ sent: 2, failed: 3, droppedConversations: 1 });
    expect(teams.attempts.filter((a) => a.conversationId === channelId('removed'))).toHaveLength(1);
    expect(await store.getConversation(channelId('removed'))).toBeNull();
    expect((await store.listAudit()).map((e) => e.what)).toEqual(['send.conversation-dropped']);
  });

  it('does not retry a request Teams rejects as malformed', async () => {
    await install(store, 'c1');
    await queue(store, 'c1', 1);
    teams.answer = () => new FakeSendError(400);
    expect(await sender().drain()).toMatchObject({ failed: 1, retried: 0 });
    expect(teams.attempts).toHaveLength(1);
  });

  it('sends nothing to a conversation uninstalled after the message was queued', async () => {
    await install(store, 'c1');
    await queue(store, 'c1', 2);
    await store.removeConversation('c1');
    expect(await sender().drain()).toMatchObject({ sent: 0, failed: 2 });
    expect(teams.attempts).toHaveLength(0);
  });

  it('after being killed mid-outbox, a restarted sender delivers every remaining alert once', async () => {
    for (const c of ['c1', 'c2', 'c3']) {
      await install(store, c);
      await queue(store, c, 8);
    }
    // The first process dies during its 10th request: Teams never answers it and nothing more happens.
    let calls = 0;
    const dying = (reference: unknown, message: { text: string }) =>
      ++calls >= 10 ? new Promise<{ id: string }>(() => undefined) : teams.send(reference, message);
    void sender('doomed', dying)
      .drain()
      .catch(() => undefined);
    while (calls < 10) await clock.sleep(10);
    expect(teams.deliveries).toHaveLength(9);
    // Restart: a new process on the same data directory once the old lease has run out.
    await store.close();
    store = EmbeddedStateStore.open(dir);
    clock.advance(121_000);
    await sender('restarted').drain();
    const delivered = teams.deliveredTexts();
    expect(delivered).toHaveLength(24);
    expect(new Set(delivered).size).toBe(24);
  });
});
