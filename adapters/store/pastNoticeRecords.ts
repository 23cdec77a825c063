import { type PastNotice } from '../../rules/index.ts';
import { type StateStore } from './stateStore.ts';

/** Where past penalty notices live in the store, one record per pupil, parent and date of issue. */
export const PAST_NOTICE_NAMESPACE = 'decisions.pastNotice';

/** A past notice as recorded: the notice, who recorded it, when, and how (in a chat, or imported from a file). */
export interface PastNoticeRecord extends PastNotice {
  recordedBy: string;
  recordedAt: string;
  /** "chat" or "import <file name>". */
  source: string;
}

export function pastNoticeId(n: Pick<PastNotice, 'upn' | 'parentKey' | 'issuedOn'>): string {
  return `${n.upn}:${n.parentKey}:${n.issuedOn}`;
}

/**
 * Records (or corrects) a notice issued before, with its real date, and writes the audit entry: who
 * recorded it, when, for which pupil. The same pupil, parent and date is one notice, so an import run
 * twice changes nothing but the record of who last recorded it.
 */
export async function recordPastNotice(
  store: StateStore,
  notice: PastNotice,
  by: { who: string; name?: string; at: string; source: string },
): Promise<void> {
  const id = pastNoticeId(notice);
  const existing = await store.getRecord<PastNoticeRecord>(PAST_NOTICE_NAMESPACE, id);
  const value: PastNoticeRecord = { ...notice, recordedBy: by.name ?? by.who, recordedAt: by.at, source: by.source };
  await store.putRecord(PAST_NOTICE_NAMESPACE, id, value, existing ? existing.version : null);
  await store.appendAudit({
    at: by.at,
    who: by.who,
    what: existing ? 'penalty.pastNotice.updated' : 'penalty.pastNotice.recorded',
    upn: notice.upn,
    detail: { issuedOn: notice.issuedOn, amount: notice.amount, outcome: notice.outcome, source: by.source },
  });
}
