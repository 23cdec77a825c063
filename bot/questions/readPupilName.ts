import { type QuestionToken } from './questionTokens.ts';
import { type TextSpan } from './spans.ts';

/** Where in the question's words a pupil's name may be: tokens `from` (inclusive) to `to` (exclusive). */
interface NameRegion {
  from: number;
  to: number;
}

/** A way of asking about one pupil, and where its name goes. */
interface PupilPhrase {
  /** Finds the region of the tokens where the name goes, or undefined when the wording is not there. */
  find(tokens: readonly QuestionToken[], text: string): NameRegion | undefined;
  /** Said back in `matched`, with "…" for the name. */
  label: string;
  /** Which run of name-like words is the name: the first after the lead-in, or the last before "'s". */
  take: 'first' | 'last';
  /** With no name in it ("how is Year 9 doing?", "how are we doing?") the question is about a group. */
  otherwiseCohort: boolean;
  /** The name comes before the rule asked about ("is Amy Smith persistently absent?"). */
  beforeKind?: boolean;
  /** Only words typed with a capital count: the wording alone says too little to trust lower case. */
  capitalised?: boolean;
  /** The message is nothing but the name ("Amy Smith"), at least two words of it. */
  wholeMessage?: boolean;
  /** The name must start right after the lead-in: "why is attendance low?" names no pupil. */
  nameFirst?: boolean;
  /** The question asks why the pupil was flagged: the answer is their findings with the evidence. */
  why?: boolean;
}

/**
 * The first place one of `leads` (each a run of folded words) occurs, as the index just after it.
 * Linear in the tokens: a message is read word by word, never by a pattern that could backtrack over it.
 */
function after(tokens: readonly QuestionToken[], leads: readonly (readonly string[])[], atStart = false): number {
  const last = atStart ? 0 : tokens.length - 1;
  for (let i = 0; i <= last && i < tokens.length; i++) {
    for (const lead of leads) {
      if (i + lead.length <= tokens.length && lead.every((w, k) => tokens[i + k].word === w)) return i + lead.length;
    }
  }
  return -1;
}

/** Leads split into words: "tell me about" -> ["tell", "me", "about"]. */
function leads(...texts: string[]): string[][] {
  return texts.map((t) => t.split(' '));
}

/** From just after a lead-in to the end of the question. */
function toEnd(leadIns: readonly (readonly string[])[], atStart = false) {
  return (tokens: readonly QuestionToken[]): NameRegion | undefined => {
    const from = after(tokens, leadIns, atStart);
    return from < 0 ? undefined : { from, to: tokens.length };
  };
}

const HOW_IS = leads('how is', 'how are', 'hows', 'how has', 'how have');
const HOW_WORDS: ReadonlySet<string> = new Set(['doing', 'going', 'looking', 'been', 'getting']);
const RECORD_WORDS: ReadonlySet<string> = new Set([
  'attendance',
  'record',
  'marks',
  'register',
  'absence',
  'absences',
  'profile',
  'summary',
  'figures',
]);
const APOSTROPHE = /['\u2019]/u;

/** "Amy's attendance", "James' record": the first possessive before one of the record words. */
function possessive(tokens: readonly QuestionToken[], text: string): NameRegion | undefined {
  for (let i = 0; i + 1 < tokens.length; i++) {
    const { raw, end } = tokens[i];
    const owns = /['\u2019]s$/iu.test(raw) || (/s$/i.test(raw) && APOSTROPHE.test(text[end] ?? ''));
    if (owns && RECORD_WORDS.has(tokens[i + 1].word)) return { from: 0, to: i + 1 };
  }
  return undefined;
}

/** "How is Amy Smith doing / getting on / been": from the lead-in to the first of those words. */
function howDoing(tokens: readonly QuestionToken[]): NameRegion | undefined {
  const from = after(tokens, HOW_IS);
  if (from < 0) return undefined;
  for (let i = from; i < tokens.length; i++) if (HOW_WORDS.has(tokens[i].word)) return { from, to: i };
  return undefined;
}

/**
 * Checked in order. "Why" first, so "why is Amy Smith severely absent?" asks about Amy rather than the
 * severe list; then the possessive, so "how is Amy's attendance" names Amy, not "Amy's attendance".
 */
const PUPIL_PHRASES: readonly PupilPhrase[] = [
  {
    find: toEnd(leads('why is', 'whys', 'why has', 'why was', 'why does', 'why did', 'why are')),
    label: 'why is … on the list',
    take: 'first',
    otherwiseCohort: false,
    beforeKind: true,
    nameFirst: true,
    why: true,
  },
  {
    find: toEnd(leads('explain why', 'explain', 'explanation for', 'reasons for', 'reason for')),
    label: 'explain …',
    take: 'first',
    otherwiseCohort: false,
    beforeKind: true,
    nameFirst: true,
    why: true,
  },
  { find: possessive, label: "…'s attendance", take: 'last', otherwiseCohort: true },
  { find: howDoing, label: 'how is … doing', take: 'first', otherwiseCohort: true },
  { find: toEnd(HOW_IS), label: 'how is …', take: 'first', otherwiseCohort: true },
  { find: toEnd(leads('tell me about')), label: 'tell me about …', take: 'first', otherwiseCohort: true },
  { find: toEnd(leads('what about')), label: 'what about …', take: 'first', otherwiseCohort: true },
  {
    find: toEnd(
      [...RECORD_WORDS, 'details', 'info', 'information'].flatMap((w) =>
        ['for', 'of', 'on', 'about'].map((p) => [w, p]),
      ),
    ),
    label: 'attendance for …',
    take: 'first',
    otherwiseCohort: true,
  },
  {
    find: toEnd(leads('look up', 'lookup', 'show me', 'pull up', 'check on', 'search for', 'find')),
    label: 'look up …',
    take: 'first',
    otherwiseCohort: false,
  },
  {
    find: toEnd(leads('is', 'has', 'was', 'does', 'did'), true),
    label: 'is … ?',
    take: 'first',
    otherwiseCohort: false,
    beforeKind: true,
    capitalised: true,
  },
  {
    find: (tokens) => ({ from: 0, to: tokens.length }),
    label: 'a name on its own',
    take: 'first',
    otherwiseCohort: false,
    capitalised: true,
    wholeMessage: true,
  },
];

/**
 * Words that are never part of a pupil's name in these questions. Kept apart from the typo list: "Penny"
 * and "Summer" are names, so only function words and the nouns staff put where a name could go are here.
 */
export const NOT_NAME_WORDS: ReadonlySet<string> = new Set([
  'i',
  'me',
  'my',
  'we',
  'us',
  'our',
  'you',
  'your',
  'they',
  'them',
  'their',
  'he',
  'him',
  'his',
  'she',
  'her',
  'it',
  'its',
  'everyone',
  'everybody',
  'anyone',
  'anybody',
  'someone',
  'things',
  'thing',
  'everything',
  'stuff',
  'what',
  'whats',
  'who',
  'whos',
  'which',
  'how',
  'hows',
  'is',
  'are',
  'was',
  'were',
  'has',
  'have',
  'had',
  'been',
  'be',
  'do',
  'does',
  'did',
  'doing',
  'done',
  'can',
  'could',
  'would',
  'will',
  'should',
  'please',
  'show',
  'tell',
  'give',
  'get',
  'check',
  'look',
  'find',
  'see',
  'about',
  'and',
  'or',
  'but',
  'with',
  'without',
  'of',
  'in',
  'on',
  'at',
  'for',
  'to',
  'from',
  'by',
  'into',
  'this',
  'that',
  'these',
  'those',
  'so',
  'far',
  'now',
  'then',
  'all',
  'any',
  'some',
  'many',
  'much',
  'more',
  'most',
  'overall',
  'generally',
  'attendance',
  'absence',
  'absences',
  'record',
  'records',
  'marks',
  'register',
  'registers',
  'profile',
  'summary',
  'details',
  'info',
  'information',
  'figures',
  'numbers',
  'data',
  'stats',
  'school',
  'schools',
  'whole',
  'pupils',
  'pupil',
  'students',
  'student',
  'children',
  'child',
  'kids',
  'kid',
  'boys',
  'girls',
  'class',
  'classes',
  'group',
  'groups',
  'form',
  'forms',
  'year',
  'years',
  'cohort',
  'today',
  'week',
  'term',
  'getting',
  'going',
  'looking',
  'new',
  'latest',
  'guidance',
  'policy',
  'rules',
  'law',
  'there',
  'here',
  'up',
  'out',
  'not',
  'no',
  'yes',
  'just',
  'really',
  'very',
  'same',
  'list',
  'report',
  'got',
  'gets',
  'thanks',
  'thank',
  'lot',
  'lots',
  'compare',
  'compared',
  'against',
  'versus',
  'vs',
  'well',
  'ok',
  'why',
  'whys',
  'explain',
  'flagged',
  'flag',
  'flags',
  'listed',
  'showing',
  'appearing',
  'coming',
  'being',
  'marked',
  'included',
  'off',
  'still',
  'reason',
  'reasons',
]);

export const NAME_WORD = /^\p{L}[\p{L}'\u2019-]*$/u;
const LONGEST_NAME_WORDS = 4;

/** What a question's wording says about a pupil. */
export interface PupilReading {
  /** The name as typed, possessive removed ("Amy Smith's" -> "Amy Smith"). */
  pupilName?: string;
  /** The wording that asked about a pupil or, with no name in it, about a group. */
  phrase?: string;
  /** True when the wording asks how a group is doing ("how is Year 9 doing?"). */
  cohort?: boolean;
  /** True when the wording asks why the pupil is on a list ("why is Amy Smith flagged?"). */
  why?: boolean;
}

/**
 * Which characters of the text the spans cover, built once in one pass (a running count of spans open at
 * each character), so asking whether a word is covered costs the word's length, not the number of spans.
 */
function coverage(length: number, spans: readonly TextSpan[]): Uint8Array {
  const opens = new Int32Array(length + 1);
  for (const { start, end } of spans) {
    opens[Math.max(0, Math.min(start, length))]++;
    opens[Math.max(0, Math.min(end, length))]--;
  }
  const covered = new Uint8Array(length);
  let open = 0;
  for (let i = 0; i < length; i++) {
    open += opens[i];
    covered[i] = open > 0 ? 1 : 0;
  }
  return covered;
}

function isCovered(token: QuestionToken, marks: Uint8Array): boolean {
  for (let i = token.start; i < token.end; i++) if (marks[i] === 1) return true;
  return false;
}

/**
 * Finds a pupil's name in wordings like "how is Amy Smith doing?" or "tell me about Jo Bloggs". A name is
 * a run of up to four words that are not function words, not the domain's own phrases (`kindSpans`: a
 * question naming a rule, "how is PA in Year 9?", is about the rule) and not filters or schools
 * (`groupSpans`). Without a name, "how is …" wordings ask about the group the filters name.
 */
export function readPupilName(
  text: string,
  tokens: readonly QuestionToken[],
  kindSpans: readonly TextSpan[],
  groupSpans: readonly TextSpan[],
): PupilReading {
  const kinds = coverage(text.length, kindSpans);
  const groups = coverage(text.length, groupSpans);
  for (const phrase of PUPIL_PHRASES) {
    const region = phrase.find(tokens, text);
    if (!region) continue;
    let inside = tokens.slice(region.from, region.to);
    const firstKind = inside.findIndex((t) => isCovered(t, kinds));
    if (firstKind >= 0 && !phrase.beforeKind) return {};
    if (firstKind >= 0) inside = inside.slice(0, firstKind);
    const runs: QuestionToken[][] = [];
    let run: QuestionToken[] = [];
    for (const token of inside) {
      const nameLike =
        NAME_WORD.test(token.raw) &&
        !NOT_NAME_WORDS.has(token.word) &&
        !isCovered(token, groups) &&
        (!phrase.capitalised || /^\p{Lu}/u.test(token.raw));
      if (nameLike) run.push(token);
      else if (run.length > 0) {
        runs.push(run);
        run = [];
      }
    }
    if (run.length > 0) runs.push(run);
    const chosen = phrase.take === 'first' ? runs[0] : runs[runs.length - 1];
    const wholeName =
      !phrase.wholeMessage || (chosen !== undefined && chosen.length >= 2 && chosen.length === inside.length);
    const startsRight = !phrase.nameFirst || (chosen !== undefined && chosen[0] === inside[0]);
    if (chosen && chosen.length <= LONGEST_NAME_WORDS && wholeName && startsRight) {
      const name = text
        .slice(chosen[0].start, chosen[chosen.length - 1].end)
        .replace(/(?:['\u2019]s|s['\u2019]|['\u2019])$/u, (ending) => (ending.startsWith('s') ? 's' : ''))
        .trim();
      return phrase.why
        ? { pupilName: name, phrase: phrase.label, why: true }
        : { pupilName: name, phrase: phrase.label };
    }
    if (!chosen && phrase.otherwiseCohort) return { phrase: phrase.label, cohort: true };
    return {};
  }
  return {};
}
