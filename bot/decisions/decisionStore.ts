import { type StateStore, type VersionedRecord } from '../../adapters/store/stateStore.ts';
import { currentState, noticeOf, type PenaltyCase } from './penaltyCase.ts';
import { type RecordedFacts, type WalkState } from './walkthrough.ts';

/** Namespaces in the store; each record is versioned so two people pressing at once cannot corrupt it. */
export const WALK_NAMESPACE = 'decisions.walk';
export const CASE_NAMESPACE = 'decisions.case';
export const RETURN_NAMESPACE = 'decisions.sicknessReturn';

/** A sickness return marked sent, keyed by school, pupil and what it was for (episode start or year). */
export interface SicknessReturnRecord {
  schoolUrn: string;
  upn: string;
  returnFor: string;
  sentOn: string;
  by: string;
  at: string;
  walkId: string;
}

export function returnId(schoolUrn: string, upn: string, returnFor: string): string {
  return `${schoolUrn}:${upn}:${returnFor}`;
}

export async function loadWalk(store: StateStore, id: string): Promise<VersionedRecord<WalkState> | null> {
  return store.getRecord<WalkState>(WALK_NAMESPACE, id);
}

/** Walk-throughs about one pupil that reached a conclusion, newest first. */
export async function completedWalksFor(store: StateStore, schoolUrn: string, upn: string): Promise<WalkState[]> {
  const all = await store.listRecords<WalkState>(WALK_NAMESPACE);
  return all
    .map((r) => r.value)
    .filter(
      (w) => w.schoolUrn === schoolUrn && w.pupil?.upn === upn && (w.status === 'concluded' || w.status === 'decided'),
    )
    .sort((a, b) => (b.concludedAt ?? '').localeCompare(a.concludedAt ?? ''));
}

/**
 * What the record says about a pupil before a conclusion is drawn: every penalty notice issued to any
 * parent for this child (UPNs follow a child between schools, so any school's cases count), and the
 * notices to improve still running, and the sickness returns made for them at this school.
 */
export async function recordedFacts(
  store: StateStore,
  schoolUrn: string,
  upn: string | undefined,
  exceptCase?: string,
): Promise<RecordedFacts> {
  if (!upn) return { previousNotices: [], noticesToImprove: [], sicknessReturns: [] };
  const cases = await store.listRecords<PenaltyCase>(CASE_NAMESPACE);
  const previousNotices = cases.flatMap(({ value: c }) => {
    const notice = c.upn === upn && c.id !== exceptCase ? noticeOf(c) : undefined;
    return notice ? [{ parentKey: c.parentKey, caseId: c.id, notice }] : [];
  });
  const noticesToImprove = cases.flatMap(({ value: c }) => {
    const last = c.steps[c.steps.length - 1];
    return c.upn === upn && c.id !== exceptCase && currentState(c) === 'nti-issued' && last.periodEnds
      ? [{ parentKey: c.parentKey, caseId: c.id, issuedOn: last.on, periodEnds: last.periodEnds }]
      : [];
  });
  const returns = await store.listRecords<SicknessReturnRecord>(RETURN_NAMESPACE);
  const sicknessReturns = returns
    .map((r) => r.value)
    .filter((r) => r.schoolUrn === schoolUrn && r.upn === upn)
    .map((r) => ({ returnFor: r.returnFor, sentOn: r.sentOn }));
  return { previousNotices, noticesToImprove, sicknessReturns };
}
