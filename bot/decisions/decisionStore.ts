import { type StateStore, type VersionedRecord } from '../../adapters/store/stateStore.ts';
import { PAST_NOTICE_NAMESPACE, pastNoticeId, type PastNoticeRecord } from '../../adapters/store/pastNoticeRecords.ts';
import { previousNoticeOf } from '../../rules/index.ts';
import { currentState, noticeOf, type CaseState, type PenaltyCase } from './penaltyCase.ts';

/** Case states from which a notice relies on the case's sessions: requested from the LA, issued, paid. */
const RELYING_STATES: ReadonlySet<CaseState> = new Set(['penalty-requested', 'issued', 'paid']);
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
 * parent for this child (UPNs follow a child between schools, so any school's cases count, and notices
 * recorded or imported with their real dates), the absence those notices relied on, the notices to
 * improve still running, and the sickness returns made for them at this school.
 */
export async function recordedFacts(
  store: StateStore,
  schoolUrn: string,
  upn: string | undefined,
  exceptCase?: string,
): Promise<RecordedFacts> {
  if (!upn) return { previousNotices: [], noticesToImprove: [], sicknessReturns: [], reliedOn: [], pastNotices: [] };
  const cases = await store.listRecords<PenaltyCase>(CASE_NAMESPACE);
  const previousNotices = cases.flatMap(({ value: c }) => {
    const notice = c.upn === upn && c.id !== exceptCase ? noticeOf(c) : undefined;
    return notice ? [{ parentKey: c.parentKey, caseId: c.id, notice }] : [];
  });
  const past = (await store.listRecords<PastNoticeRecord>(PAST_NOTICE_NAMESPACE))
    .map((r) => r.value)
    .filter((n) => n.upn === upn);
  previousNotices.push(
    ...past.map((n) => ({ parentKey: n.parentKey, caseId: pastNoticeId(n), notice: previousNoticeOf(n) })),
  );
  // A notice requested or issued relies on its case's sessions; withdrawn ones rely on nothing.
  const reliedOn: RecordedFacts['reliedOn'] = [
    ...cases.flatMap(({ value: c }) =>
      c.upn === upn &&
      c.id !== exceptCase &&
      c.steps.some((s) => RELYING_STATES.has(s.state)) &&
      currentState(c) !== 'withdrawn'
        ? [{ parentKey: c.parentKey, sessions: c.sessions }]
        : [],
    ),
    ...past.filter((n) => n.outcome !== 'withdrawn').map((n) => ({ parentKey: n.parentKey, issuedOn: n.issuedOn })),
  ];
  const pastNotices = past.map(({ parentKey, issuedOn, amount, outcome, recordedBy }) => ({
    parentKey,
    issuedOn,
    amount,
    outcome,
    recordedBy,
  }));
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
  return { previousNotices, noticesToImprove, sicknessReturns, reliedOn, pastNotices };
}
