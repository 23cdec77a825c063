import { monthNumberOf, monthOf } from '../../rules/index.ts';
import { userKey } from '../access/access.ts';
import { RETURN_ROLES } from '../decisions/decisionServices.ts';
import { type ConversationInfo, type UserInfo } from '../host/featureHost.ts';
import { type SchoolData } from '../schools/schoolData.ts';
import { type ReturnsServices } from './returnsServices.ts';

/** The month a message names, read against the school's "today": "November" is the latest November so far. */
export function monthAsked(name: string | undefined, year: string | undefined, today: string): string | undefined {
  if (!name) return monthOf(today);
  const number = monthNumberOf(name);
  if (number === undefined) return undefined;
  const thisYear = Number(today.slice(0, 4));
  const y = year ? Number(year) : number <= Number(today.slice(5, 7)) ? thisYear : thisYear - 1;
  return `${y}-${String(number).padStart(2, '0')}`;
}

/**
 * The schools a conversation's returns question covers: the school a channel or chat is linked to; in a
 * personal chat, the schools an LA officer follows (or the only school loaded). Only schools where the
 * person has a role that may see and mark returns are kept.
 */
export async function returnsSchools(
  services: ReturnsServices,
  conversation: ConversationInfo,
  user: UserInfo,
  only?: readonly string[],
): Promise<{ schools: SchoolData[]; refused: string[] } | string> {
  let urns: readonly string[] | 'all';
  if (only) urns = only;
  else {
    const binding = await services.store.getBinding(conversation.id);
    if (binding) urns = [binding.schoolUrn];
    else if (conversation.type === 'personal') {
      const subscription = await services.store.getSubscription(userKey(user));
      urns = subscription?.schools ?? (services.schools.length === 1 ? [services.schools[0].urn] : []);
    } else urns = [];
  }
  const candidates = urns === 'all' ? [...services.schools] : services.schools.filter((s) => urns.includes(s.urn));
  if (candidates.length === 0)
    return conversation.type === 'personal'
      ? 'Follow a school first ("follow <URN>" or "follow all"), or ask in the school’s linked channel.'
      : 'This conversation is not linked to a school yet: say "link school" and the URN first.';
  const schools: SchoolData[] = [];
  const refused: string[] = [];
  for (const school of candidates) {
    const access = await services.access.access(school.urn, user, conversation);
    if (access.role && RETURN_ROLES.has(access.role)) schools.push(school);
    else refused.push(school.name);
  }
  return { schools, refused };
}
