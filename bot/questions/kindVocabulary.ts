import { type Phrase } from './phraseMatcher.ts';
import { type QuestionKind } from './question.ts';

/**
 * What a phrase says about the kind of question: a kind itself; "at risk" and its cousins, which turn a
 * persistent-absence question (or a bare "who is at risk?") into at-risk and leave other kinds alone
 * ("close to the fine threshold" is still the penalty threshold); or a comparison with national figures.
 */
export type KindMeaning = { kind: QuestionKind } | { atRisk: true } | { compareWithNational: true };

function kindPhrases(kind: QuestionKind, texts: readonly string[], weight?: number): Phrase<KindMeaning>[] {
  return texts.map((text) => (weight === undefined ? { text, value: { kind } } : { text, value: { kind }, weight }));
}

/**
 * The words staff use for each question, hand-written from how attendance teams talk (and the policies'
 * own terms). Typos are handled by the matcher, plurals too, so list each phrase once in its usual form.
 * A weight below the word count marks a word that only hints ("threshold", "absent"), so a more specific
 * phrase elsewhere in the question wins.
 */
export const KIND_PHRASES: readonly Phrase<KindMeaning>[] = [
  ...kindPhrases('penalty-threshold', [
    'penalty threshold', 'penalty notice', 'fixed penalty', 'fixed penalty notice', 'education penalty notice',
    'fpn', 'epn', 'penalty', 'fine', 'fined', 'fine threshold', 'over threshold', 'hit threshold', 'reached threshold',
    'met threshold', 'above threshold', '10 sessions', 'ten sessions', '10 unauthorised sessions', 'unauthorised sessions',
    'legal action', 'prosecution', 'prosecute',
  ]),
  ...kindPhrases('penalty-threshold', ['threshold', 'unauthorised', 'unauthorized'], 0.5),
  ...kindPhrases('persistent-absence', [
    'persistent absence', 'persistently absent', 'persistent absentee', 'persistent', 'persistently', 'pa', 'pa list',
    'below 90', 'under 90', 'less than 90', 'chronic absence', 'chronically absent',
  ]),
  ...kindPhrases('severe-absence', [
    'severe absence', 'severely absent', 'severe absentee', 'severe', 'severely', 'sa', 'below 50', 'under 50',
    'less than 50', 'missing half', 'half time',
  ]),
  ...kindPhrases('at-risk', ['at risk of persistent absence', 'at risk of pa', 'at risk of becoming persistently absent']),
  ...kindPhrases('sickness-returns', [
    'sickness return', 'sickness', 'sick', 'off sick', 'illness', 'ill', 'unwell', 'medical', 'medical absence',
    'medical evidence', '15 days', 'fifteen days', '15 school days', 'long term sick', 'long term illness',
    'i code',
  ]),
  ...kindPhrases('unexplained-today', [
    'unexplained', 'unexplained absence', 'unexplained today', 'no reason', 'no reason given', 'not called in',
    'no call', 'no contact', 'unaccounted', 'not accounted for', 'missing today', 'absent today', 'off today',
    'not in today', 'not in school today', 'not been in', 'hasnt been in', 'not arrived', 'not in school', 'not here today', 'first day calling', 'first day call', 'first day absence',
  ]),
  ...kindPhrases('unexplained-today', ['absent', 'missing'], 0.5),
  ...kindPhrases('unexplained-3-days', [
    '3 days', 'three days', '3 consecutive days', 'three consecutive days', '3 days in a row', '3rd day', 'third day',
    'home visit', '3 days unexplained',
  ]),
  ...kindPhrases('n-overdue', [
    'n code', 'n mark', 'overdue', 'overdue n codes', 'unresolved', 'outstanding', 'outstanding n codes', 'still no reason',
    'not yet coded', 'uncoded', 'still n', '5 days', 'five days', '5 school days', 'need recoding',
  ]),
  ...kindPhrases('continuous-absence', [
    '10 days', 'ten days', '10 school days', '10 consecutive days', '10 consecutive school days', 'continuous',
    'continuously absent', 'continuous absence', 'continuous unauthorised absence', 'cme', 'children missing education',
    'child missing education', 'missing education', 'missing from education', 'attendance return', 'la return',
  ]),
  ...kindPhrases('deletion-ground', [
    '20 days', 'twenty days', '20 day rule', '20 school days', 'deletion', 'delete', 'deletion ground', 'off roll',
    'remove from roll', 'take off roll', 'removed from roll', 'come off roll', 'taken off roll',
  ]),
  ...kindPhrases('lateness', [
    'late', 'lateness', 'latecomer', 'punctuality', 'punctual', 'late mark', 'l code', 'u code', 'persistently late',
    'persistent lateness', 'arriving late', 'late arrival', 'tardy', 'tardiness', 'after registers close',
  ]),
  ...kindPhrases('broken-weeks', [
    'broken weeks', 'broken week', 'odd days', 'odd days off', 'patterns of absence', 'absence pattern', 'pattern',
    'mondays and fridays', 'mondays', 'fridays', 'days off each week', 'part weeks',
  ]),
  ...kindPhrases('cohort-summary', [
    'summary', 'school summary', 'overview', 'headline', 'attendance rate', 'attendance figures', 'overall attendance',
    'overall', 'stats', 'statistics', 'figures', 'dashboard', 'whole school', 'how are we doing', 'how we doing',
    'cohort', 'breakdown', 'compare', 'attendance like', 'whats attendance',
  ]),
  ...kindPhrases('help', [
    'help', 'what can you do', 'what can i ask', 'what do you do', 'commands', 'menu', 'options', 'how do i use',
    'how does this work', 'hello', 'hi', 'hey', 'usage', 'examples',
  ]),
  ...[
    'at risk', 'risk', 'nearly', 'almost', 'close to', 'approaching', 'borderline', 'near', 'heading for',
    'heading towards', 'about to', 'on edge', 'on cusp', 'slipping', 'becoming',
  ].map((text): Phrase<KindMeaning> => ({ text, value: { atRisk: true } })),
  ...['national', 'nationally', 'national average', 'national figures', 'national picture', 'england', 'england average'].map(
    (text): Phrase<KindMeaning> => ({ text, value: { compareWithNational: true } }),
  ),
];
