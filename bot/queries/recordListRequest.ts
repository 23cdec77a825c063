import { type ConversationInfo, type UserInfo } from '../host/featureHost.ts';
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
