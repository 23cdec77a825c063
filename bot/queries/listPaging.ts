import { CardTooLargeError } from '../../cards/fillCard.ts';
import { formatLongDate } from '../../rules/index.ts';
import { userKey } from '../access/access.ts';
import { type BotMessage, type ConversationInfo, type UserInfo } from '../host/featureHost.ts';
import { type QueryServices } from './queryServices.ts';
import { type QueryToken } from './queryToken.ts';
import { schoolLabel } from '../schools/schoolData.ts';
import { type ScopedSchool } from './schoolScope.ts';

/**
 * What every list answer shares, whether its rows are a rule's findings or what the school records: pages
 * of 20 rows, halved until the card fits Teams' 28 KB, a first row kept inside the list, and one audit
 * entry per list shown.
 */
export const PAGE_SIZE = 20;
const MIN_PAGE_SIZE = 5;

/** The card for rows [start, start + size), at the largest page size that fits. */
export function fitPage(build: (size: number) => BotMessage): BotMessage {
  for (let size = PAGE_SIZE; ; size = Math.max(MIN_PAGE_SIZE, Math.floor(size / 2))) {
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

/** Who saw which list, how long it was and from which row: the school named when there was one. */
export async function auditListShown(
  services: Pick<QueryServices, 'store'>,
  request: { user: UserInfo; conversation: ConversationInfo; schools: readonly ScopedSchool[] },
  shown: { kind: string; pupils: number; start: number },
): Promise<void> {
  const { user, conversation, schools } = request;
  const { kind, pupils, start } = shown;
  await services.store.appendAudit({
    at: new Date().toISOString(),
    who: userKey(user),
    what: 'query.list',
    schoolUrn: schools.length === 1 ? schools[0].school.urn : undefined,
    detail: { kind, pupils, start, conversation: conversation.id },
  });
}

/**
 * The heading every list card shares: the school (or how many), the day asked about (the question's own
 * words when it named one) and the policy profiles the answer was worked out under.
 */
export function listHeading(
  token: Pick<QueryToken, 'label'>,
  schools: readonly ScopedSchool[],
  asOfDates: ReadonlySet<string>,
): { school: string; asOfLabel: string; policyName: string } {
  return {
    school: schools.length === 1 ? schoolLabel(schools[0].school) : `${schools.length} schools`,
    asOfLabel:
      token.label ?? (asOfDates.size === 1 ? formatLongDate([...asOfDates][0]) : "each school's latest register day"),
    policyName: [...new Set(schools.map((s) => s.school.policy.name))].join('; '),
  };
}

/** "Pupils 21-40 of 57." and the "Next 17" button's fields, for rows [start, start + shown) of `total`. */
export function pageFields(
  noun: string,
  page: { total: number; start: number; shown: number; size: number },
): { pageText: string; hasMore: boolean; nextTitle: string; nextStart: number } {
  const { total, start, shown, size } = page;
  const remaining = total - start - shown;
  return {
    pageText: shown < total ? `${noun} ${start + 1}-${start + shown} of ${total}.` : '',
    hasMore: remaining > 0,
    nextTitle: `Next ${Math.min(size, remaining)}`,
    nextStart: start + shown,
  };
}
