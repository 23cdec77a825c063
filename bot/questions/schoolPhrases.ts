import { type Phrase } from './phraseMatcher.ts';
import { type ParseContext } from './question.ts';

/** Words most school names share, which say nothing about which school is meant. */
const GENERIC_SCHOOL_WORDS: ReadonlySet<string> = new Set([
  'school',
  'primary',
  'secondary',
  'academy',
  'infant',
  'infants',
  'junior',
  'juniors',
  'nursery',
  'high',
  'college',
  'community',
  'church',
  'england',
  'c',
  'of',
  'e',
  'ce',
  'cofe',
  'rc',
  'catholic',
  'the',
  'and',
  'trust',
  'federation',
  'free',
  'upper',
  'lower',
  'middle',
  'first',
  'voluntary',
  'aided',
  'controlled',
]);

export interface SchoolMeaning {
  school: string;
}

function words(name: string): string[] {
  return name
    .toLowerCase()
    .replace(/['\u2019]/g, '')
    .split(/[^\p{L}\p{N}]+/u)
    .filter((w) => w !== '');
}

/**
 * Phrases for the schools the bot holds, so an LA officer can ask "at Oakfield" or "for Brook Lane": the
 * full name, and the name without the words every school has ("St James's C of E Primary" -> "st jamess").
 * A match gives the school's name as the bot knows it, which it can resolve exactly.
 */
export function schoolPhrases(schools: ParseContext['schoolNames']): Phrase<SchoolMeaning>[] {
  const phrases: Phrase<SchoolMeaning>[] = [];
  for (const school of schools ?? []) {
    const all = words(school.name);
    const distinctive = all.filter((w) => !GENERIC_SCHOOL_WORDS.has(w));
    for (const text of new Set([all.join(' '), distinctive.join(' ')])) {
      if (text !== '') phrases.push({ text, value: { school: school.name } });
    }
  }
  return phrases;
}
