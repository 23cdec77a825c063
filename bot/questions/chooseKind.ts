import { type KindMeaning } from './kindVocabulary.ts';
import { type PhraseMatch } from './phraseMatcher.ts';
import { type QuestionKind } from './question.ts';

/** On equal scores the narrower question wins: "unexplained for 10 days" is about the 10 days. */
const TIE_ORDER: readonly QuestionKind[] = [
  'part-time-reviews',
  'deletion-ground',
  'continuous-absence',
  'unexplained-3-days',
  'n-overdue',
  'unexplained-today',
  'sickness-returns',
  'severe-absence',
  'at-risk',
  'persistent-absence',
  'penalty-threshold',
  'lateness',
  'broken-weeks',
  'part-time-timetables',
  'cross-border-pupils',
  'case-reviews',
  'cohort-summary',
  'help',
];

export interface KindChoice {
  kind: QuestionKind;
  compareWithNational: boolean;
  /** The vocabulary phrases behind the choice, as the vocabulary spells them. */
  matched: string[];
}

/**
 * The kind a question's phrases point at: the kind with the greatest total weight, with these twists.
 * - "At risk" words make a persistent-absence question (or one with no other kind) at-risk.
 * - A comparison with national figures and nothing else is a cohort summary.
 * - Help only when nothing else was asked ("hi, who is PA?" is about PA).
 * - A review named beside part-time timetables, or beside "overdue", asks for the reviews: "which part-time
 *   timetables are due a review?" and "reviews overdue" are about reviews, not every timetable or N code.
 * - A review named beside a case, and no part-time timetable, is about the termly meeting's cases.
 */
export function chooseKind(matches: readonly PhraseMatch<KindMeaning>[]): KindChoice | undefined {
  const scores = new Map<QuestionKind, number>();
  const atRisk: string[] = [];
  const national: string[] = [];
  for (const m of matches) {
    const meaning = m.phrase.value;
    if ('kind' in meaning) scores.set(meaning.kind, (scores.get(meaning.kind) ?? 0) + m.weight);
    else if ('atRisk' in meaning) atRisk.push(m.phrase.text);
    else national.push(m.phrase.text);
  }
  const phrasesOf = (kind: QuestionKind): string[] =>
    matches.flatMap((m) => ('kind' in m.phrase.value && m.phrase.value.kind === kind ? [m.phrase.text] : []));
  const compareWithNational = national.length > 0;
  if (scores.size > 1) scores.delete('help');
  let best: QuestionKind | undefined;
  for (const kind of TIE_ORDER) {
    const score = scores.get(kind);
    if (score !== undefined && (best === undefined || score > (scores.get(best) ?? 0))) best = kind;
  }
  if (scores.has('part-time-reviews') && (best === 'part-time-timetables' || best === 'n-overdue'))
    best = 'part-time-reviews';
  if (scores.has('case-reviews') && !scores.has('part-time-timetables') && best === 'part-time-reviews')
    best = 'case-reviews';
  if (atRisk.length > 0 && (best === undefined || best === 'persistent-absence')) {
    return { kind: 'at-risk', compareWithNational, matched: [...atRisk, ...(best ? phrasesOf(best) : [])] };
  }
  if (best === undefined)
    return compareWithNational ? { kind: 'cohort-summary', compareWithNational, matched: national } : undefined;
  return { kind: best, compareWithNational, matched: [...phrasesOf(best), ...(compareWithNational ? national : [])] };
}
