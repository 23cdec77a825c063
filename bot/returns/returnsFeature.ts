import { z } from 'zod';
import { returnsCard, type ReturnsCardRow } from '../../cards/returns/returnsCard.ts';
import {
  formatMonth,
  formatShortDate,
  isCalendarMonth,
  MONTH_NAMES,
  monthBounds,
  monthlyReturns,
} from '../../rules/index.ts';
import { userKey } from '../access/access.ts';
import { RETURN_ROLES } from '../decisions/decisionServices.ts';
import {
  type ActionResult,
  type ActionTurn,
  type BotMessage,
  type FeatureModule,
  type FileSender,
  type MessageTurn,
} from '../host/featureHost.ts';
import { type SchoolData } from '../schools/schoolData.ts';
import { answerReturnsFile, offerReturnsFile, RETURNS_FILE_PURPOSE } from './returnsFile.ts';
import { markReturnMade, returnMade } from './returnsMade.ts';
import { monthAsked, returnsSchools } from './returnsScope.ts';
import { type ReturnsServices } from './returnsServices.ts';

export const RETURN_NOTIFIED_VERB = 'returns.notified';
/** The card's "Send as a file" button. */
export const RETURNS_FILE_VERB = 'returns.file';
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

const fileData = z.object({ month: z.string().refine(isCalendarMonth), scope: z.string().min(1).max(2000) });

/** A month as people name it before "returns" ("November's returns", "Nov returns"). */
const MONTH_WORD = MONTH_NAMES.map((m) => `${m.slice(0, 3)}(?:${m.slice(3)})?`.toLowerCase()).join('|');
/**
 * "send me November's returns as a file", "returns for November as CSV", "November 2025 returns as a
 * spreadsheet", "returns as a file" (this month). Anchored, and ending in "as a file" or the like, so
 * "returns for November" still reaches the list.
 */
export const FILE_REQUEST = new RegExp(
  `^(?:(?:please\\s+)?(?:send|give|share)\\s+(?:me\\s+|us\\s+)?)?(?:the\\s+)?(?:(${MONTH_WORD})(?:\\s+(\\d{4}))?(?:['’]s)?\\s+)?(?:la\\s+)?returns(?:\\s+(?:for|in)\\s+([a-z]+)(?:\\s+(\\d{4}))?)?\\s+(?:as|in)\\s+(?:an?\\s+)?(?:csv(?:\\s+file)?|file|spreadsheet)(?:,?\\s+please)?\\s*[?.!]*$`,
  'i',
);

export async function returnsAnswer(
  services: ReturnsServices,
  schools: readonly SchoolData[],
  refused: readonly string[],
  month: string,
  owedOnly: boolean,
  problems: string[] = [],
): Promise<BotMessage> {
  const rows: ReturnsCardRow[] = [];
  let inFile = 0;
  const notBegun: string[] = [];
  const scope = schools.map((s) => s.urn).join(',');
  for (const school of schools) {
    if (school.asOf < monthBounds(month).first) {
      notBegun.push(school.name);
      continue;
    }
    const owed = monthlyReturns(school.register, { month, policy: school.policy, asOf: school.asOf });
    inFile += owed.returns.length;
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
    // The month's file has every return for the month, owed or made, as the LA takes it in.
    file: inFile > 0 ? { month, scope } : undefined,
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

async function fileAction(services: ReturnsServices, files: FileSender, turn: ActionTurn): Promise<ActionResult> {
  const parsed = fileData.safeParse(turn.data);
  if (!parsed.success)
    return { message: 'That button is from a card this bot cannot read; ask for the returns again.' };
  const scope = await returnsSchools(services, turn.conversation, turn.user, parsed.data.scope.split(','));
  if (typeof scope === 'string') return { message: scope };
  if (scope.schools.length === 0)
    return { message: 'Returns are for the head, attendance and safeguarding leads and LA officers.' };
  const said = await offerReturnsFile(services, files, turn, scope, parsed.data.month);
  return { message: said ?? 'The file is in this chat: accept it to save it to your OneDrive.' };
}

/**
 * Returns to the local authority as a Teams capability: "returns due" (what is owed this month) and
 * "returns for November" (the month's returns, owed and made), in a school's channel or, for an LA
 * officer, across the schools they follow; and "LA notified" on each row, which records the return as
 * made (who, when; audited) so it stops showing as owed. Anchored routes, registered before the question
 * catch-all; "sickness returns due?" still reaches the question parser. The month's file (the command
 * line's CSV) comes as a Teams file, through a file consent card in the person's personal chat: from the
 * card's "Send as a file", or by asking ("returns for November as a file").
 */
export function returnsFeature(services: ReturnsServices): FeatureModule {
  /** The schools a message covers and the month it names, or undefined once the person has been told why not. */
  const scopeAndMonth = async (
    turn: MessageTurn,
    name: string | undefined,
    year: string | undefined,
    example: string,
  ) => {
    const scope = await returnsSchools(services, turn.conversation, turn.user);
    if (typeof scope === 'string') return void (await turn.reply(scope));
    if (scope.schools.length === 0)
      return void (await turn.reply('Returns are for the head, attendance and safeguarding leads and LA officers.'));
    const today = scope.schools
      .map((s) => s.asOf)
      .sort()
      .at(-1)!;
    const month = monthAsked(name, year, today);
    if (!month) return void (await turn.reply(`I don't know the month "${name}": say, for example, "${example}".`));
    return { scope, month };
  };
  const answer = async (turn: MessageTurn, name: string | undefined, year: string | undefined, owedOnly: boolean) => {
    const asked = await scopeAndMonth(turn, name, year, 'returns for November');
    if (!asked) return;
    await turn.reply(await returnsAnswer(services, asked.scope.schools, asked.scope.refused, asked.month, owedOnly));
    services.log('returns.answered', { schools: asked.scope.schools.length, owedOnly });
  };
  const fileRequest = async (turn: MessageTurn, files: FileSender, match: RegExpMatchArray) => {
    const asked = await scopeAndMonth(
      turn,
      match[1] ?? match[3],
      match[2] ?? match[4],
      'returns for November as a file',
    );
    if (!asked) return;
    const said = await offerReturnsFile(services, files, turn, asked.scope, asked.month);
    if (said) await turn.reply(said);
  };
  return {
    name: 'returns',
    register(host) {
      host.onMessage(FILE_REQUEST, (turn, match) => fileRequest(turn, host.files, match));
      host.onMessage(
        /^(?:which\s+|what\s+|any\s+)?(?:la\s+)?returns\s+(?:are\s+)?(?:due|owed|outstanding)\s*[?.!]*$/i,
        (turn) => answer(turn, undefined, undefined, true),
      );
      host.onMessage(/^(?:la\s+)?returns\s+(?:for|in)\s+([a-z]+)(?:\s+(\d{4}))?\s*[?.!]*$/i, (turn, match) =>
        answer(turn, match[1], match[2], false),
      );
      host.onAction(RETURN_NOTIFIED_VERB, (turn) => notifiedAction(services, turn));
      host.onAction(RETURNS_FILE_VERB, (turn) => fileAction(services, host.files, turn));
      host.onFileConsent(RETURNS_FILE_PURPOSE, (turn) => answerReturnsFile(services, turn));
    },
  };
}
