import { chooseKind } from './chooseKind.ts';
import { COMMON_WORDS } from './commonWords.ts';
import { FILTER_PHRASES, type FilterMeaning } from './filterVocabulary.ts';
import { KIND_PHRASES, type KindMeaning } from './kindVocabulary.ts';
import { parseDates } from './parseDates.ts';
import { parseGroups } from './parseGroups.ts';
import { matchPhrases, vocabularyWords, type Phrase, type PhraseMatch } from './phraseMatcher.ts';
import { NAME_WORD, NOT_NAME_WORDS, readPupilName } from './readPupilName.ts';
import { readUpn } from './readUpn.ts';
import {
  MAX_QUESTION_CHARS,
  type ParseContext,
  type ParsedQuestion,
  type ParseResult,
  type QuestionFilters,
  type WorkMeter,
} from './question.ts';
import { questionTokens, type QuestionToken } from './questionTokens.ts';
import { schoolPhrases, type SchoolMeaning } from './schoolPhrases.ts';
import { blankSpans } from './spans.ts';
import { stripMentions } from './stripMentions.ts';
import { suggestKinds } from './suggestKinds.ts';

type Meaning = KindMeaning | FilterMeaning | SchoolMeaning;

const KNOWN_WORDS: ReadonlySet<string> = new Set([
  ...COMMON_WORDS,
  ...vocabularyWords(KIND_PHRASES),
  ...vocabularyWords(FILTER_PHRASES),
]);

function isKindMatch(m: PhraseMatch<Meaning>): m is PhraseMatch<KindMeaning> {
  const v = m.phrase.value;
  return 'kind' in v || 'atRisk' in v || 'compareWithNational' in v;
}

function spanOf(m: PhraseMatch<unknown>): { start: number; end: number } {
  return { start: m.tokens[0].start, end: m.tokens[m.tokens.length - 1].end };
}

/** Filters from the phrases, the first mention of each winning, onto those read from codes and numbers. */
function filtersFrom(
  matches: readonly PhraseMatch<Meaning>[],
  fromGroups: QuestionFilters,
): { filters: QuestionFilters; ignored: string[] } {
  const filters: QuestionFilters = { ...fromGroups };
  const ignored: string[] = [];
  for (const { phrase } of matches) {
    const v = phrase.value;
    if ('school' in v) filters.school ??= v.school;
    else if ('ignored' in v) {
      if (!ignored.includes(v.ignored)) ignored.push(v.ignored);
    } else if ('filters' in v) {
      for (const [key, value] of Object.entries(v.filters) as [keyof QuestionFilters, never][]) {
        if (filters[key] === undefined) filters[key] = value;
      }
    }
  }
  return { filters, ignored };
}

/** Words that, with a group named and nothing else asked, ask for the group's figures. */
const GROUP_MEASURE_WORDS: ReadonlySet<string> = new Set(['attendance', 'absence', 'absences']);

/** Words that ask why a pupil is on a list, wherever they stand ("UPN … why flagged?"). */
const WHY_WORDS: ReadonlySet<string> = new Set(['why', 'whys', 'explain', 'explanation']);

/**
 * Reads what a member of staff typed into the query the bot answers. Deterministic and offline: Teams
 * markup is stripped; text longer than any question (`MAX_QUESTION_CHARS`) is not read; a UPN, year and
 * registration groups, URNs and dates are read by pattern (and blanked so nothing is read twice); the
 * remaining words are matched, typos tolerated, against the vocabulary of kinds, filters and the schools in
 * `context`; a pupil's name is read from wordings such as "how is … doing?" or "why is … on the list?".
 * A question naming no kind is not understood, with up to three suggestions. Every step is linear in the
 * text (the patterns are checked by eslint-plugin-regexp; `meter` counts the rest for tests).
 */
export function parseQuestion(text: string, context: ParseContext, meter?: WorkMeter): ParseResult {
  const plain = stripMentions(text).replace(/[\u2018\u2019\u201b`\u00b4]/g, "'");
  if (plain.length > MAX_QUESTION_CHARS)
    return { understood: false, tooLong: { length: plain.length, limit: MAX_QUESTION_CHARS } };
  if (/^[\s?!.]*$/.test(plain)) {
    return { understood: true, question: { kind: 'help', filters: {}, matched: plain.includes('?') ? ['?'] : [] } };
  }
  // The passes below each read the text once with linear patterns: count the characters they read.
  const read = (passes: number): void => {
    if (meter) meter.steps += passes * (plain.length + 1);
  };

  const upn = readUpn(plain);
  const withoutUpn = upn ? blankSpans(plain, [upn.span]) : plain;
  const groups = parseGroups(withoutUpn, context);
  const afterGroups = blankSpans(withoutUpn, groups.spans);
  const found = parseDates(afterGroups, context);
  const words = blankSpans(afterGroups, found.spans);
  const tokens = questionTokens(words);
  read(40);

  const schools = schoolPhrases(context.schoolNames);
  const knownWords = schools.length === 0 ? KNOWN_WORDS : new Set([...KNOWN_WORDS, ...vocabularyWords(schools)]);
  const phrases: Phrase<Meaning>[] = [...KIND_PHRASES, ...FILTER_PHRASES, ...schools];
  const matches = matchPhrases(tokens, phrases, knownWords, meter);
  const kindMatches = matches.filter(isKindMatch);
  const { filters, ignored } = filtersFrom(matches, groups.filters);

  const reading = readPupilName(
    words,
    tokens,
    kindMatches.map(spanOf),
    matches.filter((m) => !isKindMatch(m)).map(spanOf),
  );
  read(PUPIL_PASSES);
  const choice = chooseKind(kindMatches);

  let question: ParsedQuestion | undefined;
  if (upn) {
    const why = reading.why === true || tokens.some((t) => WHY_WORDS.has(t.word));
    question = { kind: why ? 'pupil-findings' : 'pupil-summary', filters, upn: upn.upn, matched: ['UPN'] };
  } else if (reading.pupilName !== undefined && reading.phrase !== undefined) {
    const kind = reading.why ? 'pupil-findings' : 'pupil-summary';
    question = { kind, filters, pupilName: reading.pupilName, matched: [reading.phrase] };
  } else if (choice && !(choice.kind === 'help' && reading.cohort)) {
    question = { kind: choice.kind, filters, matched: choice.matched };
  } else if (reading.cohort && reading.phrase !== undefined) {
    question = { kind: 'cohort-summary', filters, matched: [reading.phrase] };
  }
  if (!question && matches.length === 0 && isBareName(words, tokens, knownWords)) {
    const name = words.slice(tokens[0].start, tokens[tokens.length - 1].end);
    question = { kind: 'pupil-summary', filters, pupilName: name, matched: ['a name on its own'] };
  }
  const namedGroup = Object.keys(filters).length > 0 || ignored.length > 0;
  if (!question && namedGroup && tokens.some((t) => GROUP_MEASURE_WORDS.has(t.word))) {
    // "CLA attendance this term", "Year R absence": a group and its attendance is that group's summary.
    question = { kind: 'cohort-summary', filters, matched: ['… attendance'] };
  }
  if (!question) {
    const datesTyped = found.spans.map((span) => afterGroups.slice(span.start, span.end).trim()).join(' ');
    return {
      understood: false,
      text: plain,
      suggestions: suggestKinds(tokens, namedGroup),
      filters,
      ...(datesTyped !== '' ? { datesTyped } : {}),
    };
  }
  if (found.dates) question.dates = found.dates;
  if (choice?.compareWithNational) question.compareWithNational = true;
  if (ignored.length > 0) question.ignoredFilters = ignored;
  return { understood: true, question };
}

/**
 * A message of two or three words typed in lower case ("oliver khan") that are neither the bot's
 * vocabulary, nor common words, nor words that are never names: staff type names that way in chat. One
 * word is too little to go on ("thanks"), and anything else in the message means it is not just a name.
 */
function isBareName(words: string, tokens: readonly QuestionToken[], knownWords: ReadonlySet<string>): boolean {
  if (tokens.length < 2 || tokens.length > 3) return false;
  const first = tokens[0];
  const last = tokens[tokens.length - 1];
  if (words.slice(0, first.start).trim() !== '' || !/^[\s?.!]*$/.test(words.slice(last.end))) return false;
  for (let i = 1; i < tokens.length; i++) if (words.slice(tokens[i - 1].end, tokens[i].start) !== ' ') return false;
  return tokens.every((t) => NAME_WORD.test(t.raw) && !knownWords.has(t.word) && !NOT_NAME_WORDS.has(t.word));
}

/** readPupilName tries each wording once, each a pass over the words. */
const PUPIL_PASSES = 12;
