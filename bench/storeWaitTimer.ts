import { type StateStore } from '../adapters/store/stateStore.ts';

/**
 * A state store that measures how long its caller spent waiting on it: wall-clock milliseconds during
 * which at least one call was unfinished (calls made together, like a scan's card records, count once).
 * What is left of a scan's time is the scanner's own work: planning, rendering cards.
 */
export function storeWaitTimer(store: StateStore): { store: StateStore; waitedMs: () => number } {
  let pending = 0;
  let since = 0;
  let waited = 0;
  const timed = new Proxy(store, {
    get(target, property) {
      const value: unknown = Reflect.get(target, property);
      if (typeof value !== 'function') return value;
      return (...args: unknown[]) => {
        if (pending++ === 0) since = performance.now();
        const done = () => {
          if (--pending === 0) waited += performance.now() - since;
        };
        try {
          return (value.apply(target, args) as Promise<unknown>).finally(done);
        } catch (err) {
          done();
          throw err;
        }
      };
    },
  });
  return { store: timed, waitedMs: () => waited };
}
