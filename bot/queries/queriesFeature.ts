import { z } from 'zod';
import { formatLongDate, lastSchoolDayOnOrBefore } from '../../rules/index.ts';
import {
  type ActionResult,
  type ActionTurn,
  type BotMessage,
  type FeatureModule,
  type MessageTurn,
} from '../host/featureHost.ts';
import { type ParsedQuestion } from '../questions/question.ts';
import { answerCohort } from './answerCohort.ts';
import { answerList } from './answerList.ts';
import { answerPupilFindings } from './answerFindings.ts';
import { answerPupil, answerPupilByName, answerPupilByUpn, type PupilAnswer } from './answerPupil.ts';
import { helpAnswer, notUnderstoodAnswer, tooLongAnswer, type HelpAudience } from './helpAnswer.ts';
import { LISTED_RULES } from './listedRules.ts';
import { recordListFor } from './recordLists.ts';
import { type QueryServices } from './queryServices.ts';
import { decodeQueryToken, type QueryToken } from './queryToken.ts';
import { REFRESH_VERB } from './refreshViews.ts';
import { resolveSchoolScope, viewerOwnScope } from './schoolScope.ts';
import { rememberTeamsUser } from '../access/teamsUsers.ts';
import { ALL_SCHOOLS } from '../access/access.ts';
import { type ConversationInfo, type UserInfo } from '../host/featureHost.ts';

export const PAGE_VERB = 'queries.page';
export const PUPIL_VERB = 'queries.pupil';
/** A button on the not-understood card that asks one of its suggested questions. */
export const ASK_VERB = 'queries.ask';

const pageData = z.object({ query: z.string(), start: z.coerce.number().int().min(0).max(100_000) });
const pupilKey = z.string().regex(/^\d{6,7}\|[A-Z0-9]{13}$/);
const pupilData = z.object({ query: z.string(), upn: pupilKey });
const askData = z.object({ question: z.string().min(1).max(200) });
const refreshData = z.object({
  query: z.string(),
  start: z.coerce.number().int().min(0).max(100_000).optional(),
  pupil: pupilKey.optional(),
});

/**
 * Answers staff questions: it is the catch-all for messages, so any text no other feature claims is parsed
 * as a question (and a question it cannot parse gets the help card, never silence). Card buttons page
 * through lists and pick a pupil when a name matched several.
 */
export function queriesFeature(services: QueryServices): FeatureModule {
  return {
    name: 'queries',
    register(host) {
      host.onUnmatchedMessage(async (turn) => {
        const started = performance.now();
        await rememberTeamsUser(services.store, turn.user);
        const { message, kind } = await answerMessage(services, turn);
        await turn.reply(message);
        services.log('query.answered', {
          kind,
          conversation: turn.conversation.id,
          ms: Math.round(performance.now() - started),
        });
      });
      host.onAction(PAGE_VERB, (turn) => pageAction(services, turn));
      host.onAction(PUPIL_VERB, (turn) => pupilAction(services, turn));
      host.onAction(REFRESH_VERB, (turn) => refreshAction(services, turn));
      host.onAction(ASK_VERB, (turn) => askAction(services, turn));
    },
  };
}

/** The conversation's school: the one it is bound to, else the only school the bot holds. */
async function boundSchool(services: QueryServices, turn: Pick<MessageTurn, 'conversation'>) {
  const binding = await services.store.getBinding(turn.conversation.id);
  return (
    services.schools.find((s) => s.urn === binding?.schoolUrn) ??
    (services.schools.length === 1 ? services.schools[0] : undefined)
  );
}

/**
 * What the parser needs to resolve dates: the school's day and terms, else (before a school is settled)
 * the latest day any school has and no terms.
 */
function parseContextFor(services: QueryServices, school: QueryServices['schools'][number] | undefined) {
  const today =
    school?.asOf ??
    services.schools
      .map((s) => s.asOf)
      .sort()
      .at(-1)!;
  return {
    today,
    terms: school?.register.calendar.terms,
    schoolNames: services.schools.map((s) => ({ urn: s.urn, name: s.name })),
  };
}

/**
 * Who is asking, for the help card: their role at the conversation's school (or the only school), else
 * across schools. Checked afresh each time, like every role.
 */
async function helpAudience(
  services: QueryServices,
  conversation: ConversationInfo,
  user: UserInfo,
): Promise<HelpAudience> {
  const binding = await services.store.getBinding(conversation.id);
  const urn = binding?.schoolUrn ?? (services.schools.length === 1 ? services.schools[0].urn : ALL_SCHOOLS);
  return { role: await services.access.roleOf(urn, user), conversationType: conversation.type };
}

async function answerMessage(
  services: QueryServices,
  turn: Pick<MessageTurn, 'text' | 'conversation' | 'user'>,
): Promise<{ message: BotMessage | string; kind: string }> {
  const help = async () => helpAnswer(await helpAudience(services, turn.conversation, turn.user));
  if (turn.text.trim() === '') return { message: await help(), kind: 'help' };
  const bound = await boundSchool(services, turn);
  const parsed = services.parse(turn.text, parseContextFor(services, bound));
  if (!parsed.understood) {
    if ('tooLong' in parsed) return { message: tooLongAnswer(parsed.tooLong), kind: 'too-long' };
    return { message: notUnderstoodAnswer(parsed), kind: 'not-understood' };
  }
  let question = parsed.question;
  if (question.kind === 'help') return { message: await help(), kind: 'help' };
  const scope = await resolveSchoolScope(services, turn.conversation, turn.user, question.filters.school);
  if (!scope.ok) return { message: scope.reply, kind: question.kind };
  // A question naming a school the conversation is not bound to ("at Oakfield, this half term") takes its
  // dates from that school's day and terms, not from the guesses made before the school was known.
  const named = !scope.acrossSchools && scope.schools.length === 1 ? scope.schools[0].school : undefined;
  if (question.dates && named && named !== bound) {
    const again = services.parse(turn.text, parseContextFor(services, named));
    if (again.understood) question = again.question;
  }
  const token = tokenFor(question, scope.acrossSchools ? '*' : scope.schools[0].school.urn);
  const asOf = token.asOf;
  if (
    asOf !== undefined &&
    scope.schools.every(({ school }) => lastSchoolDayOnOrBefore(school.register.calendar, asOf) < 0)
  ) {
    const first = scope.schools[0].school.register.calendar.dayDate[0];
    return {
      message: `The register I hold starts on ${formatLongDate(first)}, so I can't answer as of ${formatLongDate(asOf)}.`,
      kind: question.kind,
    };
  }
  const request = { token, schools: scope.schools, conversation: turn.conversation, user: turn.user };
  if (question.kind === 'pupil-summary' || question.kind === 'pupil-findings') {
    const show = pupilAnswerFor(question.kind);
    if (question.upn)
      return { message: await answerPupilByUpn(services, request, question.upn, show), kind: question.kind };
    if (!question.pupilName)
      return { message: 'Which pupil? Ask, for example, "how is Amy Smith doing?"', kind: question.kind };
    return { message: await answerPupilByName(services, request, question.pupilName, show), kind: question.kind };
  }
  if (question.kind === 'cohort-summary')
    return { message: await answerCohort(services, request), kind: question.kind };
  const recordList = recordListFor(question.kind);
  if (recordList)
    return {
      message: await recordList(services, { ...request, start: 0, acrossSchools: scope.acrossSchools }),
      kind: question.kind,
    };
  const rule = LISTED_RULES[question.kind];
  if (!rule) return { message: await help(), kind: question.kind };
  return {
    message: await answerList(services, { ...request, rule, start: 0, acrossSchools: scope.acrossSchools }),
    kind: question.kind,
  };
}

/** "Why is … on the list?" shows the pupil's findings with their evidence; other pupil questions, the card. */
function pupilAnswerFor(kind: string): PupilAnswer {
  return kind === 'pupil-findings' ? answerPupilFindings : answerPupil;
}

function tokenFor(question: ParsedQuestion, urn: string): QueryToken {
  const { school: _school, ...filters } = question.filters;
  return {
    v: 1,
    kind: question.kind,
    urn,
    filters,
    asOf: question.dates?.asOf,
    from: question.dates?.from,
    label: question.dates?.label,
  };
}

/** Runs the token's question again for the person who pressed the button, with their own access. */
async function scopeForToken(services: QueryServices, turn: ActionTurn, token: QueryToken) {
  return resolveSchoolScope(services, turn.conversation, turn.user, token.urn === '*' ? undefined : token.urn);
}

function asCard(message: BotMessage | string): ActionResult {
  if (typeof message === 'string' || !message.card)
    return { message: typeof message === 'string' ? message : message.text };
  return { card: message.card, text: message.text };
}

async function pageAction(services: QueryServices, turn: ActionTurn): Promise<ActionResult> {
  const data = pageData.safeParse(turn.data);
  const token = data.success ? decodeQueryToken(data.data.query) : null;
  const rule = token ? LISTED_RULES[token.kind as keyof typeof LISTED_RULES] : undefined;
  const recordList = token ? recordListFor(token.kind) : undefined;
  if (!data.success || !token || !(rule || recordList))
    return { message: 'That button is from an older version of this card: ask the question again.' };
  const scope = await scopeForToken(services, turn, token);
  if (!scope.ok) return { message: scope.reply };
  const request = {
    token,
    start: data.data.start,
    schools: scope.schools,
    acrossSchools: scope.acrossSchools,
    conversation: turn.conversation,
    user: turn.user,
  };
  return asCard(
    recordList ? await recordList(services, request) : await answerList(services, { ...request, rule: rule! }),
  );
}

async function pupilAction(services: QueryServices, turn: ActionTurn): Promise<ActionResult> {
  const data = pupilData.safeParse(turn.data);
  const token = data.success ? decodeQueryToken(data.data.query) : null;
  if (!data.success || !token) return { message: 'Choose a pupil first, then press "Show this pupil".' };
  const [urn, upn] = data.data.upn.split('|');
  const scope = await resolveSchoolScope(services, turn.conversation, turn.user, urn);
  if (!scope.ok) return { message: scope.reply };
  const scoped = scope.schools[0];
  const p = scoped.school.register.pupils.findIndex((pupil) => pupil.upn === upn);
  if (p < 0) return { message: 'That pupil is no longer on the register I hold.' };
  return asCard(
    await pupilAnswerFor(token.kind)(
      services,
      { token, schools: scope.schools, conversation: turn.conversation, user: turn.user },
      scoped,
      p,
    ),
  );
}

/**
 * Teams refreshing a card for one of the people it names: answer with that person's own view (full where
 * their role allows it), for them alone. Roles are checked now, not when the card was sent.
 */
async function refreshAction(services: QueryServices, turn: ActionTurn): Promise<ActionResult> {
  const data = refreshData.safeParse(turn.data);
  const token = data.success ? decodeQueryToken(data.data.query) : null;
  if (!data.success || !token) return { message: 'This card can no longer be refreshed: ask the question again.' };
  const [urn, upn] = data.data.pupil
    ? data.data.pupil.split('|')
    : [token.urn === '*' ? undefined : token.urn, undefined];
  const scope = await resolveSchoolScope(services, turn.conversation, turn.user, urn);
  if (!scope.ok) return { message: scope.reply };
  const schools = viewerOwnScope(scope.schools);
  const common = { token, schools, conversation: turn.conversation, user: turn.user, forViewerOnly: true };
  let answer: BotMessage;
  if (upn) {
    const p = schools[0].school.register.pupils.findIndex((pupil) => pupil.upn === upn);
    if (p < 0) return { message: 'That pupil is no longer on the register I hold.' };
    answer = await pupilAnswerFor(token.kind)(services, common, schools[0], p);
  } else {
    const rule = LISTED_RULES[token.kind as keyof typeof LISTED_RULES];
    const recordList = recordListFor(token.kind);
    const listed = { ...common, start: data.data.start ?? 0, acrossSchools: scope.acrossSchools };
    if (recordList) answer = await recordList(services, listed);
    else if (rule) answer = await answerList(services, { ...listed, rule });
    else return { message: 'This card can no longer be refreshed: ask the question again.' };
  }
  return answer.card ? { card: answer.card, text: answer.text, audience: 'invoker' } : { message: answer.text };
}

/**
 * A suggested question's button: asked for the person who pressed it, as if they had typed it, and the
 * answer replaces the not-understood card.
 */
async function askAction(services: QueryServices, turn: ActionTurn): Promise<ActionResult> {
  const data = askData.safeParse(turn.data);
  if (!data.success) return { message: 'That button is from an older version of this card: ask the question again.' };
  const started = performance.now();
  const { message, kind } = await answerMessage(services, {
    text: data.data.question,
    conversation: turn.conversation,
    user: turn.user,
  });
  services.log('query.answered', {
    kind,
    conversation: turn.conversation.id,
    via: 'suggestion',
    ms: Math.round(performance.now() - started),
  });
  return asCard(message);
}
