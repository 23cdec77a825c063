import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { EmbeddedStateStore } from '../../../adapters/store/embeddedStateStore.ts';
import { ResilientStateStore } from '../../../adapters/store/resilientStateStore.ts';
import { VersionConflictError, type StateStore } from '../../../adapters/store/stateStore.ts';
import { StoreUnavailableError } from '../../../adapters/store/storeUnavailableError.ts';
import { describeStateStoreContract } from './stateStoreContract.ts';

// While the store is up, the wrapper must keep every promise of the interface, batches included.
describeStateStoreContract('resilient over embedded', () => {
  const dir = mkdtempSync(join(tmpdir(), 'resilient-contract-'));
  const wrap = () =>
    new ResilientStateStore(EmbeddedStateStore.open(dir), { storeName: 'embedded store', log: () => undefined });
  return {
    open: async () => wrap(),
    reopen: async (store) => {
      await store.close();
      return wrap();
    },
    cleanup: async () => rmSync(dir, { recursive: true, force: true }),
  };
});

/** A real embedded store behind a switch: `down` makes every call fail as a refused connection would, `hang` never answer. */
function switchable(inner: StateStore) {
  const state = { mode: 'up' as 'up' | 'down' | 'hang' };
  const store = new Proxy(inner, {
    get(target, key, receiver) {
      const value = Reflect.get(target, key, receiver) as unknown;
      if (typeof value !== 'function' || key === 'close') return value;
      return (...args: unknown[]) => {
        if (state.mode === 'down')
          return Promise.reject(Object.assign(new Error('connect ECONNREFUSED'), { code: 'ECONNREFUSED' }));
        if (state.mode === 'hang') return new Promise(() => {});
        return (value as (...a: unknown[]) => unknown).apply(target, args);
      };
    },
  });
  return { store, state };
}

const binding = (conversationId: string, schoolUrn = '100001') => ({
  conversationId,
  schoolUrn,
  privacy: 'limited' as const,
  alertsOff: [],
  boundAt: '2025-11-21T09:00:00Z',
});

describe('the store outage wrapper', () => {
  let dir: string;
  let inner: EmbeddedStateStore;
  let logs: { event: string; fields: Record<string, unknown> }[];
  let clock: number;
  let resilient: ResilientStateStore;
  let state: { mode: 'up' | 'down' | 'hang' };

  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'resilient-'));
    inner = EmbeddedStateStore.open(dir);
    const sw = switchable(inner);
    state = sw.state;
    logs = [];
    clock = 1_000_000;
    resilient = new ResilientStateStore(sw.store, {
      storeName: 'redis',
      log: (event, fields) => logs.push({ event, fields }),
      now: () => clock,
      lastKnownMs: 60_000,
      callTimeoutMs: 100,
      probeEveryMs: 20,
    });
  });

  afterEach(async () => {
    state.mode = 'up';
    await resilient.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it('answers bindings and roles it has seen from memory while the store is down, for a bounded time', async () => {
    await resilient.putBinding(binding('19:known'));
    await resilient.setRole('100001', 'aad-lead', 'attendance-lead');
    expect(await resilient.getRole('*', 'aad-lead')).toBeNull();
    state.mode = 'down';
    expect(await resilient.getBinding('19:known')).toMatchObject({ schoolUrn: '100001' });
    expect(await resilient.getRole('100001', 'aad-lead')).toBe('attendance-lead');
    expect(await resilient.getRole('*', 'aad-lead')).toBeNull();
    await expect(resilient.getBinding('19:never-seen')).rejects.toBeInstanceOf(StoreUnavailableError);
    clock += 60_001;
    await expect(resilient.getBinding('19:known')).rejects.toBeInstanceOf(StoreUnavailableError);
    expect(resilient.isAvailable()).toBe(false);
  });

  it('refuses writes while down with a message that says nothing was recorded', async () => {
    state.mode = 'down';
    const refused = resilient.putBinding(binding('19:new'));
    await expect(refused).rejects.toBeInstanceOf(StoreUnavailableError);
    await expect(refused).rejects.toThrow(/can't record that right now.*nothing was changed/);
    await expect(
      resilient.enqueue({ id: 'x', conversationId: 'c', kind: 'k', createdAt: '', message: { text: 't' } }, []),
    ).rejects.toBeInstanceOf(StoreUnavailableError);
  });

  it('passes a version conflict through without taking it for an outage', async () => {
    await resilient.putRecord('cases', 'c1', { n: 1 }, null);
    await expect(resilient.putRecord('cases', 'c1', { n: 2 }, null)).rejects.toBeInstanceOf(VersionConflictError);
    expect(resilient.isAvailable()).toBe(true);
    expect(logs).toEqual([]);
  });

  it('logs each change of state once, however many calls fail, and tells its listeners', async () => {
    const heard: boolean[] = [];
    resilient.onAvailabilityChange((available) => heard.push(available));
    state.mode = 'down';
    for (let i = 0; i < 20; i++) await resilient.listBindings().catch(() => undefined);
    expect(logs.map((l) => l.event)).toEqual(['store.unavailable']);
    expect(logs[0].fields).toMatchObject({ store: 'redis', operation: 'listBindings', error: 'ECONNREFUSED' });
    state.mode = 'up';
    await expect.poll(() => resilient.isAvailable()).toBe(true);
    expect(logs.map((l) => l.event)).toEqual(['store.unavailable', 'store.available']);
    expect(heard).toEqual([false, true]);
  });

  it('gives up on a store that does not answer after the call timeout, then fails at once', async () => {
    state.mode = 'hang';
    const started = performance.now();
    await expect(resilient.listConversations()).rejects.toBeInstanceOf(StoreUnavailableError);
    await expect(resilient.listConversations()).rejects.toBeInstanceOf(StoreUnavailableError);
    expect(performance.now() - started).toBeLessThan(1_000);
    expect(logs[0].fields).toMatchObject({ error: 'StoreTimeoutError' });
  });

  it('holds audit entries made during an outage and writes them, in order, when the store returns', async () => {
    await resilient.appendAudit({ at: '1', who: 'u', what: 'before' });
    state.mode = 'down';
    await resilient.appendAudit({ at: '2', who: 'u', what: 'pupil.viewed', upn: 'A1' });
    await resilient.appendAudit({ at: '3', who: 'u', what: 'pupil.viewed', upn: 'B2' });
    state.mode = 'up';
    await expect.poll(() => resilient.isAvailable()).toBe(true);
    await resilient.appendAudit({ at: '4', who: 'u', what: 'after' });
    await expect.poll(async () => (await inner.listAudit()).map((e) => e.at)).toEqual(['1', '2', '3', '4']);
  });
});
