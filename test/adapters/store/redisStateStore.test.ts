import { describe, it } from 'vitest';
import { RedisStateStore } from '../../../adapters/store/redisStateStore.ts';
import { deleteKeysWithPrefix, REDIS_SKIP_NOTE, redisUrlForTests, uniqueTestPrefix } from './redisTestConnection.ts';
import { describeStateStoreContract } from './stateStoreContract.ts';

const url = redisUrlForTests();

if (url) {
  describeStateStoreContract('redis', () => {
    const keyPrefix = uniqueTestPrefix('store');
    return {
      open: () => RedisStateStore.connect(url, { keyPrefix }),
      reopen: async (store) => {
        await store.close();
        return RedisStateStore.connect(url, { keyPrefix });
      },
      cleanup: async () => void (await deleteKeysWithPrefix(url, keyPrefix)),
    };
  });
} else {
  describe.skip(`redis state store (${REDIS_SKIP_NOTE})`, () => {
    it('runs the state store contract against Redis', () => undefined);
  });
}
