import { describe, expect, it } from 'vitest';
import { matchPhrases, wordMatches, type Phrase } from '../../../bot/questions/phraseMatcher.ts';
import { questionTokens } from '../../../bot/questions/questionTokens.ts';

const KNOWN = new Set(['rate', 'late', 'lateness', 'persistent', 'absent']);

describe('wordMatches', () => {
  it('accepts the word, its plural and its singular', () => {
    expect(wordMatches('absentees', 'absentee', KNOWN)).toBe(true);
    expect(wordMatches('day', 'days', KNOWN)).toBe(true);
  });

  it('accepts one slip in a word of five letters or more, two from eight', () => {
    expect(wordMatches('abscent', 'absent', KNOWN)).toBe(true);
    expect(wordMatches('punctualty', 'punctuality', KNOWN)).toBe(true);
    expect(wordMatches('pnuctulaity', 'punctuality', KNOWN)).toBe(true);
    expect(wordMatches('pnuctulaiyt', 'punctuality', KNOWN)).toBe(false);
  });

  it('wants short words and acronyms exactly', () => {
    expect(wordMatches('sik', 'sick', KNOWN)).toBe(false);
    expect(wordMatches('pp', 'pa', KNOWN)).toBe(false);
  });

  it('never reads a word it knows as a slip for another', () => {
    expect(wordMatches('rate', 'late', KNOWN)).toBe(false);
  });

  it('does not read a slip in the first letter, nor numbers that differ', () => {
    expect(wordMatches('bersistent', 'persistent', KNOWN)).toBe(false);
    expect(wordMatches('15', '10', KNOWN)).toBe(false);
  });
});

describe('matchPhrases', () => {
  const phrases: Phrase<string>[] = [
    { text: 'persistently', value: 'pa' },
    { text: 'persistently late', value: 'late' },
    { text: 'over the threshold', value: 'fine' },
    { text: 'send', value: 'sen', capitals: true },
  ];

  it('takes the longest phrase at each word and moves past it', () => {
    const matches = matchPhrases(questionTokens('who is persistently late'), phrases, KNOWN);
    expect(matches.map((m) => m.phrase.value)).toStrictEqual(['late']);
  });

  it('leaves out "the" and "a" on both sides', () => {
    const matches = matchPhrases(questionTokens('anyone over threshold?'), phrases, KNOWN);
    expect(matches.map((m) => [m.phrase.value, m.weight])).toStrictEqual([['fine', 2]]);
  });

  it('counts an acronym that is also a word only in capitals', () => {
    expect(matchPhrases(questionTokens('send the list'), phrases, KNOWN)).toStrictEqual([]);
    expect(matchPhrases(questionTokens('SEND pupils'), phrases, KNOWN).map((m) => m.phrase.value)).toStrictEqual([
      'sen',
    ]);
  });

  it('records the typed words each phrase covered', () => {
    const [match] = matchPhrases(questionTokens("who's persistantly late"), phrases, KNOWN);
    expect(match.tokens.map((t) => t.raw)).toStrictEqual(['persistantly', 'late']);
  });
});
