import { updateRecord, VersionConflictError, type StateStore } from '../../adapters/store/stateStore.ts';
import {
  applyCaseChange,
  type CaseChange,
  type CaseChangeContext,
  caseId,
  openCase,
  type OpenCaseInput,
  type PupilCase,
} from '../../rules/index.ts';

/** Store namespace of cases: one record per pupil per school, id `<urn>|<upn>`. */
export const CASE_NAMESPACE = 'meetings.case';

export async function getCase(store: StateStore, schoolUrn: string, upn: string): Promise<PupilCase | null> {
  return (await store.getRecord<PupilCase>(CASE_NAMESPACE, caseId(schoolUrn, upn)))?.value ?? null;
}

export async function listCases(store: StateStore, schoolUrn?: string): Promise<PupilCase[]> {
  const records = await store.listRecords<PupilCase>(CASE_NAMESPACE);
  return records.map((r) => r.value).filter((c) => schoolUrn === undefined || c.schoolUrn === schoolUrn);
}

/**
 * Applies a change with optimistic concurrency: when two people press buttons on the same case at once,
 * the second write finds a newer version, re-reads it and re-applies its change, so both land.
 */
export async function changeCase(
  store: StateStore,
  schoolUrn: string,
  upn: string,
  change: CaseChange,
  context: CaseChangeContext,
): Promise<PupilCase> {
  const record = await updateRecord<PupilCase>(store, CASE_NAMESPACE, caseId(schoolUrn, upn), (current) => {
    if (!current) throw new CaseMissingError();
    return applyCaseChange(current, change, context);
  });
  return record.value;
}

/**
 * Opens a case unless the pupil has one; returns the case and whether it was opened now. An existing case
 * is left untouched (no write), and when two people open the same case at once the second gets the first's.
 */
export async function openCaseOnce(
  store: StateStore,
  input: OpenCaseInput,
): Promise<{ case: PupilCase; opened: boolean }> {
  const id = caseId(input.schoolUrn, input.upn);
  const existing = await store.getRecord<PupilCase>(CASE_NAMESPACE, id);
  if (existing) return { case: existing.value, opened: false };
  try {
    return { case: (await store.putRecord<PupilCase>(CASE_NAMESPACE, id, openCase(input), null)).value, opened: true };
  } catch (err) {
    if (!(err instanceof VersionConflictError)) throw err;
    const winner = await store.getRecord<PupilCase>(CASE_NAMESPACE, id);
    if (!winner) throw err;
    return { case: winner.value, opened: false };
  }
}

export class CaseMissingError extends Error {
  constructor() {
    super('There is no case for this pupil any more.');
    this.name = 'CaseMissingError';
  }
}
