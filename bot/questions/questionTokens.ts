/** One word of a question: where it was, how it was typed, and the folded form the vocabulary uses. */
export interface QuestionToken {
  /** Lower case, apostrophes removed ("Who's" -> "whos"). */
  word: string;
  /** As typed, for acronyms that must be capitals to count ("SEND" but not "send"). */
  raw: string;
  start: number;
  end: number;
}

/** Words carry no meaning for matching; phrases are compared with them left out ("over the threshold"). */
export const FILLER_WORDS: ReadonlySet<string> = new Set(['the', 'a', 'an']);

/**
 * The words of a question, split on anything that is not a letter, digit or an apostrophe inside a word.
 * Hyphens split ("half-term", "non-FSM"), so hyphenated and spaced spellings match the same phrase.
 */
export function questionTokens(text: string): QuestionToken[] {
  const tokens: QuestionToken[] = [];
  for (const match of text.matchAll(/[\p{L}\p{N}]+(?:['\u2019][\p{L}\p{N}]+)*/gu)) {
    const raw = match[0];
    const word = raw.toLowerCase().replace(/['\u2019]/g, '');
    if (FILLER_WORDS.has(word)) continue;
    tokens.push({ word, raw, start: match.index, end: match.index + raw.length });
  }
  return tokens;
}
