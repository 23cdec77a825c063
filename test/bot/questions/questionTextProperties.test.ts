import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { parseQuestion } from '../../../bot/questions/parseQuestion.ts';
import { MAX_QUESTION_CHARS, type ParseResult, type WorkMeter } from '../../../bot/questions/question.ts';
import { upnWithCheckLetter } from '../../../rules/pupils/upn.ts';
import { CORPUS_CONTEXT } from './corpus/scoreCorpus.ts';

/**
 * Pieces of real questions and of what breaks parsers: lead-ins the pupil-name reading looks for, possessives,
 * year and form groups, dates, UPNs, Teams markup, entities, unclosed tags, runs of spaces and punctuation.
 */
const FRAGMENTS = [
  'how is ',
  'how are ',
  "how's ",
  'why is ',
  'explain ',
  'tell me about ',
  'attendance for ',
  'look up ',
  'is ',
  ' doing',
  ' on the list',
  "'s attendance",
  "s' record",
  'Amy ',
  'Smith ',
  'amy ',
  "O'Neill ",
  'Lily-Mae ',
  'year 9 ',
  'yr7 ',
  'Y11s ',
  '7B ',
  'form 4 ',
  'URN 123456 ',
  '123456 ',
  'PA ',
  'SA ',
  'persistantly absent ',
  'unauth ',
  'fines ',
  'EWO ',
  'FSM ',
  'SEND ',
  'this half term ',
  'since half term ',
  'last Friday ',
  'as of 3/3/2026 ',
  'since 1 September ',
  'every Monday ',
  upnWithCheckLetter('938201225001'),
  '<at>Attendance</at> ',
  '<at>',
  '</at>',
  '<p>',
  '<b',
  '&nbsp;',
  '&amp',
  '&#x1F600;',
  '\u2019',
  '?',
  '!!!',
  '   ',
  '\t',
  '-',
  "'",
  's',
  ' ',
];

const questionLike = fc.array(fc.constantFrom(...FRAGMENTS), { maxLength: 300 }).map((parts) => parts.join(''));

function wellFormed(result: ParseResult): boolean {
  if (result.understood) return typeof result.question.kind === 'string' && Array.isArray(result.question.matched);
  if ('tooLong' in result) return result.tooLong.length > MAX_QUESTION_CHARS;
  return result.suggestions.length <= 3;
}

/**
 * Steps per character of question: about forty pattern passes, and each word compared with every vocabulary
 * phrase that could start there (some 600; a one-letter word and its space are two characters). Measured
 * at most about 345; a loop over pairs of words, or a pattern rescanning the text, would pass this at once.
 */
const STEPS_PER_CHARACTER = 500;

describe('question text, whatever is typed', () => {
  it('never throws and always gives a well-formed reading, for any text', () => {
    fc.assert(
      fc.property(fc.oneof(fc.string({ unit: 'binary', maxLength: 2_000 }), questionLike), (text) => {
        expect(wellFormed(parseQuestion(text, CORPUS_CONTEXT))).toBe(true);
      }),
      { numRuns: 400 },
    );
  });

  it('does work in proportion to the length of the question, and none past the limit', () => {
    fc.assert(
      fc.property(questionLike, (text) => {
        const meter: WorkMeter = { steps: 0 };
        const result = parseQuestion(text, CORPUS_CONTEXT, meter);
        if ('tooLong' in result) expect(meter.steps).toBe(0);
        else expect(meter.steps).toBeLessThanOrEqual(STEPS_PER_CHARACTER * (text.length + 1));
      }),
      { numRuns: 300 },
    );
  });

  it('refuses to read the 112 KB pupil-name question that once blocked the server', () => {
    const meter: WorkMeter = { steps: 0 };
    const attack = `how is ${'a '.repeat(56_000)}`;
    expect(parseQuestion(attack, CORPUS_CONTEXT, meter)).toStrictEqual({
      understood: false,
      tooLong: { length: attack.trim().length, limit: MAX_QUESTION_CHARS },
    });
    expect(meter.steps).toBe(0);
  });

  it('reads a question of exactly the limit, with work bounded by its length', () => {
    const meter: WorkMeter = { steps: 0 };
    const question = `how is ${'Amy '.repeat(300)}`.slice(0, MAX_QUESTION_CHARS);
    const result = parseQuestion(question, CORPUS_CONTEXT, meter);
    expect('tooLong' in result).toBe(false);
    expect(meter.steps).toBeLessThanOrEqual(STEPS_PER_CHARACTER * (question.length + 1));
  });
});
