import { editDistance } from './editDistance.ts';
import { type WorkMeter } from './question.ts';
import { FILLER_WORDS, type QuestionToken } from './questionTokens.ts';

/** A phrase of the domain vocabulary and what it means. */
export interface Phrase<T> {
  /** Lower case words separated by spaces, as staff would type them. */
  text: string;
  value: T;
  /** How strongly the phrase points at its meaning; defaults to its number of words. */
  weight?: number;
  /** The first word only counts in capitals: "SEND" is an acronym, "send" an ordinary verb. */
  capitals?: boolean;
}

export interface PhraseMatch<T> {
  phrase: Phrase<T>;
  /** The question's words the phrase covered, in order. */
  tokens: QuestionToken[];
  weight: number;
}

/** How many typing slips a vocabulary word of this length tolerates: none for short words and acronyms. */
function allowedEdits(vocabularyWord: string): number {
  if (vocabularyWord.length >= 8) return 2;
  if (vocabularyWord.length >= 5) return 1;
  return 0;
}

/**
 * True when a typed word is the vocabulary word, its plural or singular, or a near miss of it. A word we
 * know as itself (another vocabulary word or a common English word) is never read as a typo of something
 * else, so "rate" stays "rate" rather than becoming "late". Near misses must share the first letter, where
 * slips are rare, which keeps unrelated words of similar length apart.
 */
export function wordMatches(typed: string, vocabularyWord: string, knownWords: ReadonlySet<string>): boolean {
  if (typed === vocabularyWord || typed === `${vocabularyWord}s` || vocabularyWord === `${typed}s`) return true;
  if (/\d/.test(typed) || /\d/.test(vocabularyWord) || knownWords.has(typed)) return false;
  const edits = allowedEdits(vocabularyWord);
  return edits > 0 && typed[0] === vocabularyWord[0] && editDistance(typed, vocabularyWord, edits) <= edits;
}

function phraseWords(phrase: Phrase<unknown>): string[] {
  return phrase.text.split(' ').filter((w) => w !== '' && !FILLER_WORDS.has(w));
}

function matchesAt<T>(
  tokens: readonly QuestionToken[],
  at: number,
  phrase: Phrase<T>,
  words: readonly string[],
  knownWords: ReadonlySet<string>,
  meter: WorkMeter | undefined,
): boolean {
  if (at + words.length > tokens.length) return false;
  // One step per word compared: each comparison is bounded, as editDistance gives up when the lengths
  // differ by more than two and vocabulary words are short.
  if (meter) meter.steps += words.length;
  if (phrase.capitals && tokens[at].raw !== tokens[at].raw.toUpperCase()) return false;
  return words.every((w, k) => wordMatches(tokens[at + k].word, w, knownWords));
}

/**
 * Reads the question left to right, taking at each word the longest phrase that starts there (then the
 * heaviest, then the first listed) and moving past it, so "at risk of persistent absence" is one match
 * and "persistently late" never also counts as "persistently".
 */
export function matchPhrases<T>(
  tokens: readonly QuestionToken[],
  phrases: readonly Phrase<T>[],
  knownWords: ReadonlySet<string>,
  meter?: WorkMeter,
): PhraseMatch<T>[] {
  const prepared = phrases.map((phrase) => ({ phrase, words: phraseWords(phrase) })).filter((p) => p.words.length > 0);
  const matches: PhraseMatch<T>[] = [];
  let at = 0;
  while (at < tokens.length) {
    let best: { phrase: Phrase<T>; words: string[] } | undefined;
    for (const candidate of prepared) {
      if (!matchesAt(tokens, at, candidate.phrase, candidate.words, knownWords, meter)) continue;
      if (
        !best ||
        candidate.words.length > best.words.length ||
        (candidate.words.length === best.words.length &&
          weightOf(candidate.phrase, candidate.words) > weightOf(best.phrase, best.words))
      ) {
        best = candidate;
      }
    }
    if (!best) {
      at++;
      continue;
    }
    matches.push({
      phrase: best.phrase,
      tokens: tokens.slice(at, at + best.words.length),
      weight: weightOf(best.phrase, best.words),
    });
    at += best.words.length;
  }
  return matches;
}

function weightOf(phrase: Phrase<unknown>, words: readonly string[]): number {
  return phrase.weight ?? words.length;
}

/** Every word of the phrases, for `knownWords`. */
export function vocabularyWords(phrases: readonly Phrase<unknown>[]): string[] {
  return phrases.flatMap(phraseWords);
}
