import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import {
  updateRecord,
  VersionConflictError,
  type NewOutboxItem,
  type StateStore,
} from '../../../adapters/store/stateStore.ts';

/** How a contract run gets a store: a fresh one per test, and the same state opened again (a restart). */
export interface StoreHarness {
  open(): Promise<StateStore>;
  /** Closes `store` and opens the same state again, as a restarted process would. */
  reopen(store: StateStore): Promise<StateStore>;
  cleanup(): Promise<void>;
}

function item(id: string, conversationId = 'conv-1', createdAt = '2025-11-10T09:30:00.000Z'): NewOutboxItem {
  return {
    id,
    conversationId,
    tenantId: 'tenant-1',
    kind: 'alert:unexplained',
    createdAt,
    message: { text: `message ${id}`, card: { type: 'AdaptiveCard', version: '1.5', body: [], actions: [] } },
  };
}

/**
 * The behaviour every StateStore must have, run against each implementation. Anything the bot relies on
 * (exactly-once enqueue, exclusive leases, optimistic versions, surviving a restart) is pinned here.
 */
export function describeStateStoreContract(name: string, makeHarness: () => StoreHarness): void {
  describe(`${name} state store`, () => {
    let harness: StoreHarness;
    let store: StateStore;

    beforeEach(async () => {
      harness = makeHarness();
      store = await harness.open();
    });

    afterEach(async () => {
      await store.close();
      await harness.cleanup();
    });

    it('keeps conversation references and forgets them with their binding on removal', async () => {
      const reference = { serviceUrl: 'https://smba.example/', conversation: { id: 'conv-1' } };
      await store.putConversation({
        conversationId: 'conv-1',
        scope: 'channel',
        tenantId: 't',
        reference,
        installedAt: '2025-11-10T08:00:00Z',
      });
      await store.putBinding({
        conversationId: 'conv-1',
        schoolUrn: '100001',
        privacy: 'limited',
        alertsOff: [],
        boundAt: '2025-11-10T08:00:00Z',
      });
      expect((await store.getConversation('conv-1'))?.reference).toEqual(reference);
      expect(await store.listConversations()).toHaveLength(1);
      expect(await store.removeConversation('conv-1')).toBe(true);
      expect(await store.getConversation('conv-1')).toBeNull();
      expect(await store.getBinding('conv-1')).toBeNull();
      expect(await store.removeConversation('conv-1')).toBe(false);
    });

    it('replaces a binding and lists every bound conversation', async () => {
      await store.putBinding({ conversationId: 'a', schoolUrn: '1', privacy: 'limited', alertsOff: [], boundAt: 'x' });
      await store.putBinding({
        conversationId: 'a',
        schoolUrn: '1',
        privacy: 'full',
        alertsOff: ['penalty-threshold'],
        boundAt: 'y',
      });
      await store.putBinding({ conversationId: 'b', schoolUrn: '2', privacy: 'limited', alertsOff: [], boundAt: 'x' });
      expect((await store.getBinding('a'))?.alertsOff).toEqual(['penalty-threshold']);
      expect((await store.listBindings()).map((b) => b.conversationId).sort()).toEqual(['a', 'b']);
    });

    it('keeps one subscription per officer', async () => {
      await store.putSubscription({ userId: 'u1', conversationId: 'p1', schools: ['100001'], updatedAt: 'x' });
      await store.putSubscription({ userId: 'u1', conversationId: 'p1', schools: 'all', updatedAt: 'y' });
      expect((await store.getSubscription('u1'))?.schools).toBe('all');
      expect(await store.listSubscriptions()).toHaveLength(1);
      expect(await store.getSubscription('nobody')).toBeNull();
    });

    it('sets, reads and clears roles per school', async () => {
      await store.setRole('100001', 'u1', 'attendance-lead');
      await store.setRole('100002', 'u1', 'staff');
      expect(await store.getRole('100001', 'u1')).toBe('attendance-lead');
      expect(await store.listRoles('100002')).toEqual([{ userId: 'u1', role: 'staff' }]);
      await store.setRole('100001', 'u1', null);
      expect(await store.getRole('100001', 'u1')).toBeNull();
    });

    it('enqueues an item with its alert keys once, and writes nothing for a duplicate', async () => {
      expect(await store.enqueue(item('i1'), ['k1', 'k2'])).toBe('enqueued');
      expect(await store.sentAlertKeys(['k1', 'k2', 'k3'])).toEqual(new Set(['k1', 'k2']));
      expect(await store.enqueue(item('i2'), ['k3', 'k2'])).toBe('duplicate');
      expect(await store.sentAlertKeys(['k3'])).toEqual(new Set());
      expect(await store.getOutboxItem('i2')).toBeNull();
      expect(await store.enqueue(item('i1'), ['k9'])).toBe('duplicate');
      const stored = await store.getOutboxItem('i1');
      expect(stored).toMatchObject({ state: 'pending', attempts: 0, conversationId: 'conv-1' });
      // An empty array in a card must survive the trip (a JSON round trip in Lua would make it {}).
      expect(stored?.message.card).toEqual({ type: 'AdaptiveCard', version: '1.5', body: [], actions: [] });
    });

    it('enqueues a batch in one step, refusing a duplicate inside it and one recorded before, and writing the rest', async () => {
      expect(await store.enqueueMany([])).toEqual([]);
      expect(await store.enqueue(item('earlier'), ['k-earlier'])).toBe('enqueued');
      const results = await store.enqueueMany([
        { item: item('a'), alertKeys: ['k1', 'k2'] },
        { item: item('b'), alertKeys: ['k3'] },
        // Same key as `a`, earlier in the same batch.
        { item: item('c'), alertKeys: ['k4', 'k2'] },
        // Same id as `b`.
        { item: item('b'), alertKeys: ['k5'] },
        // A key recorded by an earlier enqueue.
        { item: item('d'), alertKeys: ['k-earlier'] },
        { item: item('e'), alertKeys: [] },
      ]);
      expect(results).toEqual(['enqueued', 'enqueued', 'duplicate', 'duplicate', 'duplicate', 'enqueued']);
      // A refused entry records none of its keys, not even those nobody had.
      expect(await store.sentAlertKeys(['k1', 'k2', 'k3', 'k4', 'k5'])).toEqual(new Set(['k1', 'k2', 'k3']));
      expect(await store.getOutboxItem('c')).toBeNull();
      expect(await store.getOutboxItem('d')).toBeNull();
      expect((await store.getOutboxItem('b'))?.message.text).toBe('message b');
      store = await harness.reopen(store);
      expect((await store.listOutbox('pending')).map((i) => i.id).sort()).toEqual(['a', 'b', 'e', 'earlier']);
      expect(await store.enqueueMany([{ item: item('f'), alertKeys: ['k3'] }])).toEqual(['duplicate']);
    });

    it('leases an item to one claimer until the lease runs out', async () => {
      await store.enqueue(item('i1'), []);
      const first = await store.claim('a', 1000, 5000, 10);
      expect(first.map((i) => i.id)).toEqual(['i1']);
      expect(first[0].leaseOwner).toBe('a');
      expect(await store.claim('b', 2000, 5000, 10)).toEqual([]);
      const after = await store.claim('b', 6001, 5000, 10);
      expect(after.map((i) => i.id)).toEqual(['i1']);
      // The first holder lost the lease: its late report changes nothing.
      expect(await store.markSent('i1', 'a', 6002)).toBe(false);
      expect(await store.markSent('i1', 'b', 6003, 'activity-9')).toBe(true);
      expect(await store.getOutboxItem('i1')).toMatchObject({ state: 'sent', activityId: 'activity-9', attempts: 1 });
      expect(await store.claim('c', 99_999, 5000, 10)).toEqual([]);
    });

    it('claims oldest first and no more than asked', async () => {
      await store.enqueue(item('late', 'c', '2025-11-10T09:31:00Z'), []);
      await store.enqueue(item('early', 'c', '2025-11-10T09:30:00Z'), []);
      await store.enqueue(item('middle', 'c', '2025-11-10T09:30:30Z'), []);
      const claimed = await store.claim('a', 1, 1000, 2);
      expect(claimed).toHaveLength(2);
      expect((await store.claim('b', 1, 1000, 5)).length).toBe(1);
    });

    it('puts a released item back after its retry time and counts the attempt', async () => {
      await store.enqueue(item('i1'), []);
      await store.claim('a', 0, 60_000, 1);
      expect(await store.release('i1', 'a', 10_000, 'HTTP 503', 0)).toBe(true);
      expect(await store.nextPendingAt()).toBe(10_000);
      expect(await store.claim('a', 9_999, 60_000, 1)).toEqual([]);
      const [again] = await store.claim('a', 10_000, 60_000, 1);
      expect(again).toMatchObject({ attempts: 1, lastError: 'HTTP 503', firstAttemptAt: 0 });
      expect(await store.markFailed('i1', 'a', 11_000, 'gave up')).toBe(true);
      expect(await store.listOutbox('failed')).toHaveLength(1);
      expect(await store.nextPendingAt()).toBeNull();
    });

    it('tells a drain when the next unleased item is due, ignoring items another instance holds', async () => {
      await store.enqueue(item('held'), []);
      await store.enqueue(item('waiting', 'conv-2'), []);
      await store.claim('other', 0, 60_000, 1);
      expect(await store.nextPendingAt()).toBe(0);
      await store.claim('other', 0, 60_000, 1);
      expect(await store.nextPendingAt()).toBeNull();
      await store.release('waiting', 'other', 5_000, 'HTTP 503', 0);
      expect(await store.nextPendingAt()).toBe(5_000);
      // A lease that ran out (its holder died) is claimable again.
      expect((await store.claim('me', 60_000, 60_000, 5)).map((i) => i.id).sort()).toEqual(['held', 'waiting']);
    });

    it('gives back only its own leases on unsent items, keeping those named, so they can be claimed at once', async () => {
      for (const id of ['mine-1', 'mine-2', 'in-flight', 'theirs']) await store.enqueue(item(id, `conv-${id}`), []);
      await store.claim('me', 0, 120_000, 3);
      await store.claim('other', 0, 120_000, 1);
      await store.markSent('mine-2', 'me', 10);
      const held = (await store.listOutbox('pending')).filter((i) => i.leaseOwner === 'me').map((i) => i.id);
      const keep = held.filter((id) => id !== 'mine-1');
      expect(await store.releaseLeases('me', 1_000, keep)).toBe(held.length - keep.length);
      // Released items are due now, not when the 120 s lease would have run out; kept and others' are not.
      const claimed = await store.claim('me', 1_000, 120_000, 10);
      expect(claimed.map((i) => i.id)).toEqual(held.filter((id) => !keep.includes(id)));
      expect(await store.getOutboxItem('mine-2')).toMatchObject({ state: 'sent' });
      expect(await store.releaseLeases('nobody', 1_000, [])).toBe(0);
    });

    it('never gives the same item to two claimers racing for it', async () => {
      for (let i = 0; i < 40; i++) await store.enqueue(item(`i${i}`, `c${i % 4}`), [`k${i}`]);
      const batches = await Promise.all(Array.from({ length: 8 }, (_, n) => store.claim(`owner-${n}`, 100, 60_000, 7)));
      const ids = batches.flat().map((i) => i.id);
      expect(ids).toHaveLength(40);
      expect(new Set(ids).size).toBe(40);
    });

    it('records acknowledgements per alert key', async () => {
      await store.addAcknowledgement({
        alertKey: 'k1',
        action: 'parents-called',
        by: 'u1',
        at: '2025-11-10T10:00:00Z',
      });
      await store.addAcknowledgement({
        alertKey: 'k1',
        action: 'reason-received',
        code: 'I',
        by: 'u2',
        at: '2025-11-10T10:05:00Z',
      });
      expect((await store.listAcknowledgements('k1')).map((a) => a.action)).toEqual([
        'parents-called',
        'reason-received',
      ]);
      expect(await store.acknowledgedKeys(['k1', 'k2'])).toEqual(new Set(['k1']));
    });

    it('appends to the audit log in order and filters by school and pupil', async () => {
      await store.appendAudit({ at: '1', who: 'u1', what: 'alert.parents-called', schoolUrn: '1', upn: 'A1' });
      await store.appendAudit({ at: '2', who: 'u2', what: 'alert.escalate', schoolUrn: '1', upn: 'B2' });
      await store.appendAudit({
        at: '3',
        who: 'system:sender',
        what: 'send.gave-up',
        schoolUrn: '2',
        detail: { attempts: 7 },
      });
      expect((await store.listAudit()).map((e) => e.at)).toEqual(['1', '2', '3']);
      expect((await store.listAudit({ schoolUrn: '1', upn: 'B2' })).map((e) => e.who)).toEqual(['u2']);
      expect((await store.listAudit({ limit: 2 })).map((e) => e.at)).toEqual(['2', '3']);
    });

    it('versions records and refuses a write based on a stale read', async () => {
      const created = await store.putRecord('cases', 'c1', { stage: 1, notes: [] as string[] }, null);
      expect(created.version).toBe(1);
      await expect(store.putRecord('cases', 'c1', { stage: 9, notes: [] }, null)).rejects.toBeInstanceOf(
        VersionConflictError,
      );
      await store.putRecord('cases', 'c1', { stage: 2, notes: ['x'] }, 1);
      await expect(store.putRecord('cases', 'c1', { stage: 3, notes: [] }, 1)).rejects.toThrow(/version 2, not 1/);
      expect(await store.getRecord('cases', 'c1')).toEqual({ id: 'c1', value: { stage: 2, notes: ['x'] }, version: 2 });
      expect(await store.listRecords('cases')).toHaveLength(1);
      expect(await store.listRecords('meetings')).toEqual([]);
      expect(await store.deleteRecord('cases', 'c1')).toBe(true);
      expect(await store.getRecord('cases', 'c1')).toBeNull();
    });

    it('lets concurrent read-modify-write updates all land', async () => {
      await Promise.all(
        Array.from({ length: 5 }, (_, n) =>
          updateRecord<string[]>(store, 'cards', 'card-1', (cur) => [...(cur ?? []), `press-${n}`], 10),
        ),
      );
      const card = await store.getRecord<string[]>('cards', 'card-1');
      expect(card?.value.slice().sort()).toEqual(['press-0', 'press-1', 'press-2', 'press-3', 'press-4']);
      expect(card?.version).toBe(5);
    });

    it('keeps everything across a restart', async () => {
      await store.putConversation({
        conversationId: 'conv-1',
        scope: 'groupChat',
        reference: { x: 1 },
        installedAt: 'now',
      });
      await store.enqueue(item('i1'), ['k1']);
      await store.claim('a', 0, 1000, 1);
      await store.putRecord('decisions', 'd1', { outcome: 'refuse' }, null);
      await store.appendAudit({ at: 'now', who: 'u1', what: 'decision.recorded' });
      store = await harness.reopen(store);
      expect(await store.getConversation('conv-1')).toMatchObject({ scope: 'groupChat' });
      expect(await store.sentAlertKeys(['k1'])).toEqual(new Set(['k1']));
      expect(await store.getRecord('decisions', 'd1')).toMatchObject({ version: 1 });
      expect(await store.listAudit()).toHaveLength(1);
      // The item leased before the restart comes back by the time the lease has run out at the latest.
      expect((await store.claim('b', 1000, 1000, 1)).map((i) => i.id)).toEqual(['i1']);
    });
  });
}
