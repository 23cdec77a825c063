import { CardTooLargeError } from '../../cards/fillCard.ts';
import { type BotMessage, type ConversationInfo, type UserInfo } from '../host/featureHost.ts';
import { type QueryToken } from './queryToken.ts';
import { type ScopedSchool } from './schoolScope.ts';

/**
 * A question about what the school itself records (part-time timetables, where pupils live) rather than
 * what the register's marks show: the same scope, filters, paging and refresh as a rule's list.
 */
export interface RecordListRequest {
  token: QueryToken;
  /** 0-based index of the first row to show. */
  start: number;
  schools: ScopedSchool[];
  acrossSchools: boolean;
  conversation: ConversationInfo;
  user: UserInfo;
  /** The answer goes to the asker alone (a card refresh): label the view as theirs. */
  forViewerOnly?: boolean;
}

/** Rows per card, as the rules' lists page; a page too long for Teams' 28 KB is halved until it fits. */
export const RECORD_PAGE_SIZE = 20;
const MIN_PAGE_SIZE = 5;

/** The card for rows [start, start + size), at the largest page size that fits. */
export function fitPage(build: (size: number) => BotMessage): BotMessage {
  for (let size = RECORD_PAGE_SIZE; ; size = Math.max(MIN_PAGE_SIZE, Math.floor(size / 2))) {
    try {
      return build(size);
    } catch (err) {
      if (!(err instanceof CardTooLargeError) || size === MIN_PAGE_SIZE) throw err;
    }
  }
}

/** Where the page starts: the row asked for, kept inside the list. */
export function pageStart(requested: number, rows: number): number {
  return rows === 0 ? 0 : Math.min(Math.max(0, requested), rows - 1);
}
