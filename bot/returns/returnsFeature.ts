import { z } from 'zod';
import { type StateStore } from '../../adapters/store/stateStore.ts';
import { returnsCard, type ReturnsCardRow } from '../../cards/returns/returnsCard.ts';
import { formatMonth, isCalendarMonth, monthBounds, monthNumberOf, monthOf } from '../../rules/dates/calendarMonth.ts';
import { formatShortDate } from '../../rules/dates/isoDate.ts';
import { monthlyReturns } from '../../rules/returns/monthlyReturns.ts';
import { userKey, type AccessControl } from '../access/access.ts';
import { RETURN_ROLES } from '../decisions/decisionServices.ts';
import {
  type ActionResult,
  type ActionTurn,
  type BotMessage,
  type ConversationInfo,
  type FeatureModule,
  type MessageTurn,
  type UserInfo,
} from '../host/featureHost.ts';
import { type Log } from '../log.ts';
import { type SchoolData } from '../schools/schoolData.ts';
import { markReturnMade, returnMade } from './returnsMade.ts';

export interface ReturnsServices {
  schools: readonly SchoolData[];
  store: StateStore;
  access: AccessControl;
  log: Log;
  now?: () => Date;
}

export const RETURN_NOTIFIED_VERB = 'returns.notified';
/** A card holds at most this many rows, to stay under Teams' 28 KB; the CLI's --csv has them all. */
const MAX_ROWS = 20;
const KIND_TITLES = { attendance: 'Attendance return', sickness: 'Sickness return' } as const;

const notifiedData = z.object({
  urn: z.string().regex(/^\d{6,7}$/),
  upn: z.string().regex(/^[A-Z0-9]{13}$/),
  kind: z.enum(['attendance', 'sickness']),
  returnFor: z.string().min(1).max(20),
  month: z.string().refine(isCalendarMonth),
  scope: z.string().max(2000),
});

/** The month a message names, read against the school's "today": "November" is the latest November so far. */
function monthAsked(name: string | undefined, year: string | undefined, today: string): string | undefined {
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
async function returnsSchools(
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

async function returnsAnswer(
  services: ReturnsServices,
  schools: readonly SchoolData[],
  refused: readonly string[],
  month: string,
  owedOnly: boolean,
  problems: string[] = [],
): Promise<BotMessage> {
  const rows: ReturnsCardRow[] = [];
  const notBegun: string[] = [];
  const scope = schools.map((s) => s.urn).join(',');
  for (const school of schools) {
    if (school.asOf < monthBounds(month).first) {
      notBegun.push(school.name);
      continue;
    }
    const owed = monthlyReturns(school.register, { month, policy: school.policy, asOf: school.asOf });
    for (const r of owed.returns) {
      const made = await returnMade(services.store, school.urn, r);
      if (owedOnly && made) continue;
      rows.push({
        heading: `${r.pupilName}, Year ${r.yearGroup}: ${KIND_TITLES[r.kind].toLowerCase()}${schools.length > 1 ? ` (${school.name})` : ''}`,
        dates: `${r.kind === 'attendance' ? `${r.schoolDays} school days` : `${r.schoolDays} days of illness`}, ${formatShortDate(r.from)} to ${formatShortDate(r.to)}`,
        reason: r.reason,
        citation: `${r.citation.source}, ${r.citation.where}`,
        made: made ? `LA notified: recorded by ${made.byName}, ${formatShortDate(made.at.slice(0, 10))}` : '',
        urn: school.urn,
        upn: r.upn,
        kind: r.kind,
        returnFor: r.returnFor,
        month,
        scope,
      });
    }
  }
  const shown = rows.slice(0, MAX_ROWS);
  const notes = [
    ...problems,
    ...(rows.length > MAX_ROWS ? [`${rows.length - MAX_ROWS} more not shown: the month's file has them all.`] : []),
    ...(notBegun.length > 0 ? [`${formatMonth(month)} has not begun in the register of ${notBegun.join(', ')}.`] : []),
    ...(refused.length > 0 ? [`Not shown (your role there does not cover returns): ${refused.join(', ')}.`] : []),
  ];
  const owedCount = rows.filter((r) => r.made === '').length;
  return returnsCard({
    title: `Returns to the local authority: ${formatMonth(month)}`,
    subtitle: `${schools.map((s) => s.name).join(', ')}: ${owedCount} owed${owedOnly ? '' : `, ${rows.length - owedCount} made`}`,
    emptyText: owedOnly ? 'No return is owed for this month.' : 'No return falls due in this month.',
    problems: notes,
    rows: shown,
  });
}

async function notifiedAction(services: ReturnsServices, turn: ActionTurn): Promise<ActionResult> {
  const parsed = notifiedData.safeParse(turn.data);
  if (!parsed.success)
    return { message: 'That button is from a card this bot cannot read; ask for the returns again.' };
  const data = parsed.data;
  const school = services.schools.find((s) => s.urn === data.urn);
  if (!school) return { message: `I no longer hold the school with URN ${data.urn}.` };
  const access = await services.access.access(school.urn, turn.user, turn.conversation);
  if (!access.role || !RETURN_ROLES.has(access.role))
    return {
      message: `Only the head, attendance or safeguarding lead, or an LA officer can mark ${school.name}'s returns made.`,
    };
  // The return must still be one the register owes, so a forged press cannot record anything else.
  const owed = monthlyReturns(school.register, { month: data.month, policy: school.policy, asOf: school.asOf });
  const r = owed.returns.find((x) => x.upn === data.upn && x.kind === data.kind && x.returnFor === data.returnFor);
  if (!r) return { message: 'That return is no longer owed on the register I hold; ask for the returns again.' };
  const at = (services.now ?? (() => new Date()))().toISOString();
  const who = userKey(turn.user);
  const recorded = await markReturnMade(services.store, school.urn, r, data.month, {
    by: who,
    byName: turn.user.name ?? 'A member of staff',
    at,
  });
  if (recorded) {
    await services.store.appendAudit({
      at,
      who,
      what: 'return.notified',
      schoolUrn: school.urn,
      upn: r.upn,
      detail: { kind: r.kind, returnFor: r.returnFor, month: data.month, conversation: turn.conversation.id },
    });
    services.log('returns.notified', { school: school.urn, kind: r.kind });
  }
  const scope = await returnsSchools(services, turn.conversation, turn.user, data.scope.split(',').filter(Boolean));
  if (typeof scope === 'string') return { message: scope };
  const card = await returnsAnswer(
    services,
    scope.schools,
    scope.refused,
    data.month,
    false,
    recorded ? [] : ['That return was already marked made.'],
  );
  return { card: card.card!, text: card.text };
}

/**
 * Returns to the local authority as a Teams capability: "returns due" (what is owed this month) and
 * "returns for November" (the month's returns, owed and made), in a school's channel or, for an LA
 * officer, across the schools they follow; and "LA notified" on each row, which records the return as
 * made (who, when; audited) so it stops showing as owed. Anchored routes, registered before the question
 * catch-all; "sickness returns due?" still reaches the question parser.
 */
export function returnsFeature(services: ReturnsServices): FeatureModule {
  const answer = async (turn: MessageTurn, name: string | undefined, year: string | undefined, owedOnly: boolean) => {
    const scope = await returnsSchools(services, turn.conversation, turn.user);
    if (typeof scope === 'string') return void (await turn.reply(scope));
    if (scope.schools.length === 0)
      return void (await turn.reply('Returns are for the head, attendance and safeguarding leads and LA officers.'));
    const today = scope.schools
      .map((s) => s.asOf)
      .sort()
      .at(-1)!;
    const month = monthAsked(name, year, today);
    if (!month)
      return void (await turn.reply(`I don't know the month "${name}": say, for example, "returns for November".`));
    await turn.reply(await returnsAnswer(services, scope.schools, scope.refused, month, owedOnly));
    services.log('returns.answered', { schools: scope.schools.length, owedOnly });
  };
  return {
    name: 'returns',
    register(host) {
      host.onMessage(
        /^(?:which\s+|what\s+|any\s+)?(?:la\s+)?returns\s+(?:are\s+)?(?:due|owed|outstanding)\s*[?.!]*$/i,
        (turn) => answer(turn, undefined, undefined, true),
      );
      host.onMessage(/^(?:la\s+)?returns\s+(?:for|in)\s+([a-z]+)(?:\s+(\d{4}))?\s*[?.!]*$/i, (turn, match) =>
        answer(turn, match[1], match[2], false),
      );
      host.onAction(RETURN_NOTIFIED_VERB, (turn) => notifiedAction(services, turn));
    },
  };
}
