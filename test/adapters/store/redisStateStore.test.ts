import { describe } from 'vitest';
import { RedisStateStore } from '../../../adapters/store/redisStateStore.ts';
import { deleteKeysWithPrefix, REDIS_SKIP_NOTE, redisUrlForTests, uniqueTestPrefix } from './redisTestConnection.ts';
import { describeStateStoreContract } from './stateStoreContract.ts';

const url = redisUrlForTests();

// Without REDIS_URL this is reported as skipped, saying why; REQUIRE_REDIS (set by .ci/run) makes a
// missing REDIS_URL fail instead (redisUrlForTests).
describe.skipIf(!url)(`redis${url ? '' : ` (${REDIS_SKIP_NOTE})`}`, () => {
  describeStateStoreContract('redis', () => {
    const keyPrefix = uniqueTestPrefix('store');
    return {
      open: () => RedisStateStore.connect(url!, { keyPrefix }),
      reopen: async (store) => {
        await store.close();
        return RedisStateStore.connect(url!, { keyPrefix });
      },
      cleanup: async () => void (await deleteKeysWithPrefix(url!, keyPrefix)),
    };
  });
});
