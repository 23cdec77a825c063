import { VersionConflictError, type StateStore } from '../../adapters/store/stateStore.ts';
import { type LocalAuthorityReturn, returnKey } from '../../rules/index.ts';
import { RETURN_NAMESPACE, returnId, type SicknessReturnRecord } from '../decisions/decisionStore.ts';

/** Attendance returns marked made ("LA notified"), one record per school, pupil and run. */
export const ATTENDANCE_RETURN_NAMESPACE = 'returns.attendance';

export interface ReturnMade {
  by: string;
  byName: string;
  at: string;
}

interface AttendanceReturnRecord extends ReturnMade {
  schoolUrn: string;
  upn: string;
  returnFor: string;
  month: string;
}

/**
 * Where a return made is recorded: a sickness return where the sickness walk-through looks for it (so
 * either way of marking it counts for both), an attendance return under its run.
 */
function recordId(urn: string, r: Pick<LocalAuthorityReturn, 'upn' | 'kind' | 'returnFor'>) {
  return r.kind === 'sickness'
    ? { namespace: RETURN_NAMESPACE, id: returnId(urn, r.upn, r.returnFor) }
    : { namespace: ATTENDANCE_RETURN_NAMESPACE, id: returnKey(urn, r) };
}

/** Who marked this return made, and when; null while it is owed. */
export async function returnMade(
  store: StateStore,
  urn: string,
  r: Pick<LocalAuthorityReturn, 'upn' | 'kind' | 'returnFor'>,
): Promise<ReturnMade | null> {
  const { namespace, id } = recordId(urn, r);
  const record = await store.getRecord<SicknessReturnRecord | AttendanceReturnRecord>(namespace, id);
  if (!record) return null;
  const v = record.value as Partial<AttendanceReturnRecord> & { by: string; at: string };
  return { by: v.by, byName: v.byName ?? v.by, at: v.at };
}

/** Records the return as made; false when it already was (by someone else, perhaps at the same moment). */
export async function markReturnMade(
  store: StateStore,
  urn: string,
  r: Pick<LocalAuthorityReturn, 'upn' | 'kind' | 'returnFor'>,
  month: string,
  made: ReturnMade,
): Promise<boolean> {
  const { namespace, id } = recordId(urn, r);
  if (await store.getRecord(namespace, id)) return false;
  const value =
    r.kind === 'sickness'
      ? ({
          schoolUrn: urn,
          upn: r.upn,
          returnFor: r.returnFor,
          sentOn: made.at.slice(0, 10),
          by: made.by,
          at: made.at,
          walkId: '',
        } satisfies SicknessReturnRecord)
      : ({ schoolUrn: urn, upn: r.upn, returnFor: r.returnFor, month, ...made } satisfies AttendanceReturnRecord);
  try {
    await store.putRecord(namespace, id, value, null);
    return true;
  } catch (err) {
    if (err instanceof VersionConflictError) return false;
    throw err;
  }
}
