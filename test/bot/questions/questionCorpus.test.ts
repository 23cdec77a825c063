import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { parseQuestion } from '../../../bot/questions/parseQuestion.ts';
import { HELD_OUT_QUESTIONS } from './corpus/heldOutQuestions.ts';
import { answerOf, CORPUS_CONTEXT, scoreCorpus } from './corpus/scoreCorpus.ts';
import { TUNING_QUESTIONS } from './corpus/tuningQuestions.ts';

describe('the question corpus', () => {
  it('holds at least 150 questions, a fifth of them held out', () => {
    const total = TUNING_QUESTIONS.length + HELD_OUT_QUESTIONS.length;
    expect(total).toBeGreaterThanOrEqual(150);
    expect(HELD_OUT_QUESTIONS.length).toBe(Math.floor(total / 5));
    const all = [...TUNING_QUESTIONS, ...HELD_OUT_QUESTIONS].map(([q]) => q);
    expect(new Set(all).size).toBe(all.length);
  });

  it.each(TUNING_QUESTIONS)('reads %j as intended', (question, intended) => {
    const got = answerOf(parseQuestion(question, CORPUS_CONTEXT));
    const want = intended.pupil === undefined ? intended : { ...intended, pupil: intended.pupil.toLowerCase() };
    expect(got).toStrictEqual(want);
  });

  it("README states the parser's accuracy on the held-out questions as it is", () => {
    const { right, total } = scoreCorpus(HELD_OUT_QUESTIONS);
    const readme = readFileSync(new URL('../../../README.md', import.meta.url), 'utf8');
    const stated = /held-out questions[^.]*?: (\d+) of (\d+) \((\d+)%\)/.exec(readme);
    expect(stated, 'README names the held-out accuracy as "held-out questions …: N of M (P%)"').not.toBeNull();
    expect([Number(stated![1]), Number(stated![2]), Number(stated![3])]).toStrictEqual([
      right,
      total,
      Math.round((100 * right) / total),
    ]);
  });
});
