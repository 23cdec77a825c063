import { describe, expect, it } from 'vitest';
import { RedisStateStore } from '../../../adapters/store/redisStateStore.ts';
import { type StateStore } from '../../../adapters/store/stateStore.ts';
import { OutboxSender } from '../../../adapters/teams/outboxSender.ts';
import {
  deleteKeysWithPrefix,
  REDIS_SKIP_NOTE,
  redisUrlForTests,
  uniqueTestPrefix,
} from '../store/redisTestConnection.ts';
import { FakeTeamsEndpoint, channelId } from './fakeTeamsEndpoint.ts';
import { VirtualClock } from './virtualClock.ts';

const url = redisUrlForTests();

async function seed(store: StateStore, conversations: number, perConversation: number): Promise<void> {
  for (let c = 0; c < conversations; c++) {
    const conversationId = channelId(`conv-${c}`);
    await store.putConversation({
      conversationId,
      scope: 'channel',
      tenantId: 't',
      reference: { conversation: { id: conversationId } },
      installedAt: 'x',
    });
    for (let i = 0; i < perConversation; i++) {
      const id = `${conversationId}-${i}`;
      await store.enqueue(
        {
          id,
          conversationId,
          tenantId: 't',
          kind: 'alert:test',
          createdAt: new Date(i).toISOString(),
          message: { text: id },
        },
        [id],
      );
    }
  }
}

describe.skipIf(!url)(`two bot instances sharing one Redis${url ? '' : ` (${REDIS_SKIP_NOTE})`}`, () => {
  it('deliver every alert exactly once between them', async () => {
    const keyPrefix = uniqueTestPrefix('two-senders');
    const first = await RedisStateStore.connect(url!, { keyPrefix });
    const second = await RedisStateStore.connect(url!, { keyPrefix });
    try {
      await seed(first, 6, 15);
      const clock = new VirtualClock();
      const teams = new FakeTeamsEndpoint(clock);
      const quiet = () => undefined;
      // Small batches so the two instances interleave claims many times over the drain.
      const a = new OutboxSender({
        store: first,
        send: teams.send,
        owner: 'instance-a',
        clock,
        batchSize: 4,
        log: quiet,
      });
      const b = new OutboxSender({
        store: second,
        send: teams.send,
        owner: 'instance-b',
        clock,
        batchSize: 4,
        log: quiet,
      });
      const [ra, rb] = await Promise.all([a.drain(), b.drain()]);
      const delivered = teams.deliveredTexts();
      expect(delivered).toHaveLength(90);
      expect(new Set(delivered).size).toBe(90);
      expect(ra.sent + rb.sent).toBe(90);
      expect(ra.sent).toBeGreaterThan(0);
      expect(rb.sent).toBeGreaterThan(0);
      expect(await first.listOutbox('pending')).toEqual([]);
    } finally {
      await first.close();
      await second.close();
      await deleteKeysWithPrefix(url!, keyPrefix);
    }
  });
});
