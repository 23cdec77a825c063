import { type QuestionToken } from './questionTokens.ts';
import { type TextSpan } from './spans.ts';

/** A way of asking about one pupil; the capture group is where the name goes. */
interface PupilPhrase {
  pattern: RegExp;
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
}

/** Checked in order; the possessive first, so "how is Amy's attendance" names Amy, not "Amy's attendance". */
const PUPIL_PHRASES: readonly PupilPhrase[] = [
  {
    pattern: /(.*?)(?:'s|s')\s+(?:attendance|record|marks|register|absences?|profile|summary|figures)\b/di,
    label: "…'s attendance",
    take: 'last',
    otherwiseCohort: true,
  },
  {
    pattern:
      /\bhow(?:'s|s| is| are| has| have)\s+(.*?)\s+(?:been\s+)?(?:doing|getting on|getting along|going|looking|been)\b/di,
    label: 'how is … doing',
    take: 'first',
    otherwiseCohort: true,
  },
  { pattern: /\bhow(?:'s|s| is| are)\s+(.*)$/di, label: 'how is …', take: 'first', otherwiseCohort: true },
  { pattern: /\btell me about\s+(.*)$/di, label: 'tell me about …', take: 'first', otherwiseCohort: true },
  { pattern: /\bwhat about\s+(.*)$/di, label: 'what about …', take: 'first', otherwiseCohort: true },
  {
    pattern:
      /\b(?:attendance|record|marks|absences?|summary|profile|details|info|information) (?:for|of|on|about)\s+(.*)$/di,
    label: 'attendance for …',
    take: 'first',
    otherwiseCohort: true,
  },
  {
    pattern: /\b(?:look up|lookup|show me|pull up|check on|search for|find)\s+(.*)$/di,
    label: 'look up …',
    take: 'first',
    otherwiseCohort: false,
  },
  {
    pattern: /^\s*(?:is|has|was|does|did)\s+(.*)$/di,
    label: 'is … ?',
    take: 'first',
    otherwiseCohort: false,
    beforeKind: true,
    capitalised: true,
  },
  {
    pattern: /^\s*(.*?)[\s?.!]*$/di,
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
const NOT_NAME_WORDS: ReadonlySet<string> = new Set([
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
]);

const NAME_WORD = /^\p{L}[\p{L}'\u2019-]*$/u;
const LONGEST_NAME_WORDS = 4;

/** What a question's wording says about a pupil. */
export interface PupilReading {
  /** The name as typed, possessive removed ("Amy Smith's" -> "Amy Smith"). */
  pupilName?: string;
  /** The wording that asked about a pupil or, with no name in it, about a group. */
  phrase?: string;
  /** True when the wording asks how a group is doing ("how is Year 9 doing?"). */
  cohort?: boolean;
}

function covered(token: QuestionToken, spans: readonly TextSpan[]): boolean {
  return spans.some((s) => token.start < s.end && s.start < token.end);
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
  for (const phrase of PUPIL_PHRASES) {
    const match = phrase.pattern.exec(text);
    const where = match?.indices?.[1];
    if (!match || !where) continue;
    const [captureStart, captureEnd] = where;
    let inside = tokens.filter((t) => t.start < captureEnd && t.end > captureStart);
    const firstKind = inside.findIndex((t) => covered(t, kindSpans));
    if (firstKind >= 0 && !phrase.beforeKind) return {};
    if (firstKind >= 0) inside = inside.slice(0, firstKind);
    const runs: QuestionToken[][] = [];
    let run: QuestionToken[] = [];
    for (const token of inside) {
      const nameLike =
        NAME_WORD.test(token.raw) &&
        !NOT_NAME_WORDS.has(token.word) &&
        !covered(token, groupSpans) &&
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
    if (chosen && chosen.length <= LONGEST_NAME_WORDS && wholeName) {
      const name = text
        .slice(chosen[0].start, Math.min(chosen[chosen.length - 1].end, captureEnd))
        .replace(/(?:['\u2019]s|s['\u2019]|['\u2019])$/u, (ending) => (ending.startsWith('s') ? 's' : ''))
        .trim();
      return { pupilName: name, phrase: phrase.label };
    }
    if (!chosen && phrase.otherwiseCohort) return { phrase: phrase.label, cohort: true };
    return {};
  }
  return {};
}
