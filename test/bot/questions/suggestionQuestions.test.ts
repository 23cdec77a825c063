import { describe, expect, it } from 'vitest';
import { parseQuestion } from '../../../bot/questions/parseQuestion.ts';
import { type QuestionFilters, type QuestionKind } from '../../../bot/questions/question.ts';
import { suggestionQuestions } from '../../../bot/questions/suggestionQuestions.ts';
import { CORPUS_CONTEXT } from './corpus/scoreCorpus.ts';

const LIST_KINDS: QuestionKind[] = [
  'penalty-threshold',
  'persistent-absence',
  'severe-absence',
  'at-risk',
  'sickness-returns',
  'unexplained-today',
  'unexplained-3-days',
  'n-overdue',
  'continuous-absence',
  'deletion-ground',
  'lateness',
  'broken-weeks',
];

const GROUPS: QuestionFilters[] = [
  {},
  { yearGroup: '9' },
  { yearGroup: 'R' },
  { regGroup: '7B' },
  { fsm: true },
  { sen: 'ehcp' },
  { yearGroup: '10', socialWorker: true },
  { school: 'Brook Lane Academy' },
];

describe('suggestionQuestions', () => {
  it('asks each list about the same group, and the parser reads it back as that list and group', () => {
    for (const kind of LIST_KINDS) {
      for (const filters of GROUPS) {
        const [question] = suggestionQuestions([kind], filters);
        const parsed = parseQuestion(question, CORPUS_CONTEXT);
        expect(parsed.understood && parsed.question.kind, question).toBe(kind);
        expect(parsed.understood && parsed.question.filters, question).toStrictEqual(filters);
      }
    }
  });

  it('keeps the dates the asker typed', () => {
    const [question] = suggestionQuestions(['persistent-absence'], { yearGroup: '9' }, 'this half term');
    expect(question).toBe('who is persistently absent in Year 9 this half term?');
    const parsed = parseQuestion(question, CORPUS_CONTEXT);
    expect(parsed.understood && parsed.question.dates?.from).toBe('2025-11-03');
  });

  it('asks how a named group is doing, or the whole school', () => {
    expect(suggestionQuestions(['cohort-summary'], { regGroup: '7B' }, 'since half term')).toStrictEqual([
      'how is 7B doing since half term?',
    ]);
    const parsed = parseQuestion(suggestionQuestions(['cohort-summary'], {})[0], CORPUS_CONTEXT);
    expect(parsed.understood && parsed.question.kind).toBe('cohort-summary');
  });

  it('never suggests a pupil question or help: a button cannot guess the name', () => {
    expect(suggestionQuestions(['pupil-summary', 'pupil-findings', 'help', 'lateness'], {})).toStrictEqual([
      'who is persistently late?',
    ]);
  });
});
