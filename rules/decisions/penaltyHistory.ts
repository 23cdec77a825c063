import { type IsoDate } from '../dates/isoDate.ts';
import { type SessionMark } from '../findings/finding.ts';
import { type PreviousNotice } from './penaltyNotice.ts';

/** How a penalty notice issued before the bot's record began ended. */
export const PAST_NOTICE_OUTCOMES = ['issued', 'paid', 'unpaid', 'withdrawn'] as const;
export type PastNoticeOutcome = (typeof PAST_NOTICE_OUTCOMES)[number];

/**
 * A penalty notice issued to one parent for one child before this record began (or outside it), with its
 * real date: what a school or LA already holds, so the 3-year rule can count it.
 */
export interface PastNotice {
  upn: string;
  /** The parent as written; `parentKey` is what notices are matched on. */
  parentName: string;
  parentKey: string;
  issuedOn: IsoDate;
  amount: number;
  outcome: PastNoticeOutcome;
}

/** The parent as notices are matched on, so "Mrs J Smith" typed twice is one parent. */
export function normaliseParent(name: string): string {
  return name
    .toLowerCase()
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '')
    .replace(/[^a-z0-9]+/g, ' ')
    .trim();
}

/** A past notice as the 3-year count takes it; "unpaid" counts like "issued" (prosecution may follow). */
export function previousNoticeOf(notice: Pick<PastNotice, 'issuedOn' | 'outcome'>): PreviousNotice {
  return { issuedOn: notice.issuedOn, status: notice.outcome };
}

/**
 * Absence an earlier notice (or request) to the same parent relied on: the sessions its case named, or,
 * for a notice known only by its date, every session up to the day it was issued.
 */
export interface ReliedOnAbsence {
  sessions?: readonly Pick<SessionMark, 'date' | 'session'>[];
  issuedOn?: IsoDate;
}

/**
 * The sessions behind a threshold that no earlier notice to this parent relied on: a parent is not
 * penalised twice for the same absence, so a second notice needs fresh sessions of its own.
 */
export function sessionsNotYetPenalised<T extends Pick<SessionMark, 'date' | 'session'>>(
  sessions: readonly T[],
  reliedOn: readonly ReliedOnAbsence[],
): T[] {
  const named = new Set<string>();
  let upTo = '';
  for (const r of reliedOn) {
    if (r.sessions) for (const s of r.sessions) named.add(`${s.date} ${s.session}`);
    else if (r.issuedOn && r.issuedOn > upTo) upTo = r.issuedOn;
  }
  return sessions.filter((s) => s.date > upTo && !named.has(`${s.date} ${s.session}`));
}
