import { COMMON_WORDS } from './commonWords.ts';
import { editDistance } from './editDistance.ts';
import { KIND_PHRASES } from './kindVocabulary.ts';
import { type QuestionKind } from './question.ts';
import { type QuestionToken } from './questionTokens.ts';

/**
 * What most staff ask first; offered when a question resembles nothing we know. Never a pupil question:
 * a suggestion is a button that asks it, and the bot cannot guess which pupil.
 */
const FIRST_QUESTIONS: readonly QuestionKind[] = ['persistent-absence', 'penalty-threshold', 'cohort-summary'];
const MOST_SUGGESTIONS = 3;

/**
 * Up to three kinds a question that was not understood may have meant: those whose vocabulary words are
 * near (one edit looser than parsing, same first letter, or one begins the other) to words typed,
 * most resembling first. A question that named only a group ("Year 9 this term?") most likely wants that
 * group's summary.
 */
export function suggestKinds(tokens: readonly QuestionToken[], namedGroup: boolean): QuestionKind[] {
  const votes = new Map<QuestionKind, number>();
  const typed = tokens.map((t) => t.word).filter((w) => w.length >= 3 && !COMMON_WORDS.has(w) && !/\d/.test(w));
  for (const phrase of KIND_PHRASES) {
    if (!('kind' in phrase.value) || phrase.value.kind === 'help') continue;
    for (const word of phrase.text.split(' ')) {
      if (word.length < 4) continue;
      const allowed = word.length >= 9 ? 3 : word.length >= 6 ? 2 : 1;
      const near = typed.some(
        (t) =>
          t[0] === word[0] &&
          ((t.length >= 4 && (word.startsWith(t) || t.startsWith(word))) || editDistance(t, word, allowed) <= allowed),
      );
      if (near) votes.set(phrase.value.kind, (votes.get(phrase.value.kind) ?? 0) + 1);
    }
  }
  const ranked = [...votes.entries()].sort((a, b) => b[1] - a[1]).map(([kind]) => kind);
  const suggestions = namedGroup
    ? ['cohort-summary' as const, ...ranked.filter((k) => k !== 'cohort-summary')]
    : ranked;
  for (const kind of FIRST_QUESTIONS)
    if (suggestions.length < MOST_SUGGESTIONS && !suggestions.includes(kind)) suggestions.push(kind);
  return suggestions.slice(0, MOST_SUGGESTIONS);
}
