import { type Phrase } from './phraseMatcher.ts';
import { type QuestionFilters } from './question.ts';

/**
 * What a phrase says about who the question is about. `ignored` names a group we recognised but cannot
 * filter by, so the bot can say so rather than quietly answer for everyone.
 */
export type FilterMeaning = { filters: QuestionFilters } | { ignored: string };

function filterPhrases(filters: QuestionFilters, texts: readonly string[], capitals = false): Phrase<FilterMeaning>[] {
  return texts.map((text) => (capitals ? { text, value: { filters }, capitals } : { text, value: { filters } }));
}

/**
 * Context groups as staff name them. Decisions worth knowing:
 * - Pupil premium ("PP", "disadvantaged", "Ever 6") is NOT free school meals: it also covers pupils who
 *   had FSM in the last six years and looked-after or adopted children, so the lists differ. It is reported
 *   as ignored, never turned into `fsm`.
 * - Child in need and child protection (CIN, CP) mean the pupil has a social worker, so they map to
 *   `socialWorker`; the roster does not distinguish the plans.
 * - "SEND" counts only in capitals; lower-case "send" is the verb.
 * - "non-SEN" cannot be expressed by the `sen` filter, so it is reported as ignored.
 */
export const FILTER_PHRASES: readonly Phrase<FilterMeaning>[] = [
  ...filterPhrases({ fsm: true }, [
    'fsm',
    'free school meals',
    'free meals',
    'fsm eligible',
    'eligible for free school meals',
    'on fsm',
  ]),
  ...filterPhrases({ fsm: false }, [
    'non fsm',
    'not fsm',
    'not on fsm',
    'without fsm',
    'no fsm',
    'not eligible for free school meals',
    'non free school meals',
  ]),
  ...filterPhrases({ sen: 'any' }, ['sen', 'special educational needs', 'sen pupils', 'with sen']),
  ...filterPhrases({ sen: 'any' }, ['send'], true),
  ...filterPhrases({ sen: 'support' }, ['sen support', 'sen k', 'k code']),
  ...filterPhrases({ sen: 'support' }, ['send support'], true),
  ...filterPhrases({ sen: 'ehcp' }, ['ehcp', 'ehc plan', 'education health and care plan', 'statement', 'statemented']),
  ...filterPhrases({ socialWorker: true }, [
    'social worker',
    'with social worker',
    'cin',
    'child in need',
    'children in need',
    'cp',
    'child protection',
    'child protection plan',
    'cpp',
    'social care',
    'csc',
  ]),
  ...filterPhrases({ lookedAfter: true }, [
    'looked after',
    'looked after children',
    'cla',
    'lac',
    'cic',
    'children in care',
    'child in care',
    'in care',
  ]),
  ...filterPhrases({ youngCarer: true }, ['young carer']),
  ...['pupil premium', 'pp', 'disadvantaged', 'ever 6', 'ever six'].map((text): Phrase<FilterMeaning> => ({
    text,
    value: { ignored: 'pupil premium' },
  })),
  ...['non sen', 'not sen', 'no sen', 'without sen'].map((text): Phrase<FilterMeaning> => ({
    text,
    value: { ignored: 'without SEN' },
  })),
];
