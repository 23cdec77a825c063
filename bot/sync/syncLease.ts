import { VersionConflictError, type StateStore } from '../../adapters/store/stateStore.ts';

const NAMESPACE = 'register-sync';
const LEASE_ID = 'lease';

interface LeaseRecord {
  owner: string;
  /** Epoch ms after which anyone may take it (its holder died mid-sync). */
  until: number;
}

/**
 * One instance syncs at a time: a lease in the shared store, taken by a versioned write (compare-and-set,
 * atomic in Redis), held until released or until it runs out. A crashed holder's lease runs out, so a
 * later sync on another instance is never blocked for long.
 */
export async function takeSyncLease(store: StateStore, owner: string, now: number, leaseMs: number): Promise<boolean> {
  const current = await store.getRecord<LeaseRecord>(NAMESPACE, LEASE_ID);
  if (current && current.value.owner !== owner && current.value.until > now) return false;
  try {
    await store.putRecord<LeaseRecord>(
      NAMESPACE,
      LEASE_ID,
      { owner, until: now + leaseMs },
      current ? current.version : null,
    );
    return true;
  } catch (err) {
    if (err instanceof VersionConflictError) return false;
    throw err;
  }
}

/** Gives the lease up (if this owner still holds it), so the next sync need not wait for it to run out. */
export async function releaseSyncLease(store: StateStore, owner: string): Promise<void> {
  const current = await store.getRecord<LeaseRecord>(NAMESPACE, LEASE_ID);
  if (!current || current.value.owner !== owner) return;
  try {
    await store.putRecord<LeaseRecord>(NAMESPACE, LEASE_ID, { owner, until: 0 }, current.version);
  } catch (err) {
    if (!(err instanceof VersionConflictError)) throw err;
  }
}
