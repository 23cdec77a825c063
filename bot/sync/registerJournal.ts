import { VersionConflictError, type StateStore } from '../../adapters/store/stateStore.ts';

const NAMESPACE = 'register-sync';
const HEAD_ID = 'head';
/** Updates kept after newer ones: enough for an instance that missed a few polls to catch up. */
const KEEP = 50;

/** One school's marks as a sync loaded them: UPN, date, AM/PM and the DfE code, as the bundle now holds them. */
export interface SchoolMarksUpdate {
  urn: string;
  marks: [upn: string, date: string, session: 'AM' | 'PM', code: string][];
  /** The roll or a pupil's details changed (a new pupil, a year group, a flag): read the bundle again. */
  pupilsChanged?: boolean;
}

/** What one sync changed, for every instance to apply in the same order. */
export interface RegisterUpdate {
  seq: number;
  at: string;
  by: string;
  schools: SchoolMarksUpdate[];
}

/**
 * The register updates every instance applies, kept in the shared store: a head record whose version is
 * the latest sequence number, and one record per update. Publishing takes the next sequence number by a
 * versioned write of the head, so two publishers can never both take the same one.
 */
export async function publishRegisterUpdate(
  store: StateStore,
  update: Omit<RegisterUpdate, 'seq'>,
): Promise<RegisterUpdate> {
  for (let attempt = 0; ; attempt++) {
    const head = await store.getRecord<{ seq: number }>(NAMESPACE, HEAD_ID);
    const seq = (head?.value.seq ?? 0) + 1;
    const full: RegisterUpdate = { ...update, seq };
    try {
      // The update first, then the head: a reader that sees the new head always finds the update.
      await store.putRecord(NAMESPACE, updateId(seq), full, null);
      await store.putRecord(NAMESPACE, HEAD_ID, { seq }, head ? head.version : null);
    } catch (err) {
      if (err instanceof VersionConflictError && attempt < 5) continue;
      throw err;
    }
    if (seq > KEEP) await store.deleteRecord(NAMESPACE, updateId(seq - KEEP));
    return full;
  }
}

/** The latest sequence number published (0 before any). */
export async function latestRegisterUpdate(store: StateStore): Promise<number> {
  return (await store.getRecord<{ seq: number }>(NAMESPACE, HEAD_ID))?.value.seq ?? 0;
}

/** Updates after `seq`, in order; those already deleted are skipped (the instance re-reads its bundles then). */
export async function registerUpdatesAfter(
  store: StateStore,
  seq: number,
): Promise<{ updates: RegisterUpdate[]; missed: number }> {
  const latest = await latestRegisterUpdate(store);
  const updates: RegisterUpdate[] = [];
  let missed = 0;
  for (let s = seq + 1; s <= latest; s++) {
    const record = await store.getRecord<RegisterUpdate>(NAMESPACE, updateId(s));
    if (record) updates.push(record.value);
    else missed++;
  }
  return { updates, missed };
}

function updateId(seq: number): string {
  return `update-${String(seq).padStart(10, '0')}`;
}
