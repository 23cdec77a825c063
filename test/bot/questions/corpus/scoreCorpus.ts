import { parseQuestion } from '../../../../bot/questions/parseQuestion.ts';
import { type ParseContext, type ParseResult } from '../../../../bot/questions/question.ts';
import { HALF_TERMS_2025_26 } from '../termDates2025.ts';
import { type CorpusQuestion, type IntendedAnswer } from './intendedAnswer.ts';

/** Monday 24 November 2025, in the second autumn half-term, at an LA holding two schools. */
export const CORPUS_CONTEXT: ParseContext = {
  today: '2025-11-24',
  terms: HALF_TERMS_2025_26,
  schoolNames: [
    { urn: '123456', name: 'Oakfield Primary School' },
    { urn: '654321', name: 'Brook Lane Academy' },
  ],
};

/** The parser's reading put in the corpus's terms, so the two compare as plain objects. */
export function answerOf(result: ParseResult): IntendedAnswer {
  if (!result.understood) return { kind: 'not-understood' };
  const { kind, filters, dates, pupilName, upn, compareWithNational } = result.question;
  return {
    kind,
    ...filters,
    ...(dates?.from !== undefined ? { from: dates.from } : {}),
    ...(dates?.asOf !== undefined ? { asOf: dates.asOf } : {}),
    ...(pupilName !== undefined ? { pupil: pupilName.toLowerCase() } : {}),
    ...(upn !== undefined ? { upn } : {}),
    ...(compareWithNational ? { national: true } : {}),
  };
}

function normalised(intended: IntendedAnswer): IntendedAnswer {
  return intended.pupil === undefined ? intended : { ...intended, pupil: intended.pupil.toLowerCase() };
}

export interface CorpusScore {
  right: number;
  total: number;
  /** Each question read otherwise than intended, with what the parser made of it. */
  wrong: { question: string; intended: IntendedAnswer; got: IntendedAnswer }[];
}

function sameAnswer(a: IntendedAnswer, b: IntendedAnswer): boolean {
  const keys = new Set([...Object.keys(a), ...Object.keys(b)]) as Set<keyof IntendedAnswer>;
  return [...keys].every((k) => a[k] === b[k]);
}

export function scoreCorpus(questions: readonly CorpusQuestion[]): CorpusScore {
  const wrong: CorpusScore['wrong'] = [];
  for (const [question, intended] of questions) {
    const got = answerOf(parseQuestion(question, CORPUS_CONTEXT));
    if (!sameAnswer(got, normalised(intended))) wrong.push({ question, intended, got });
  }
  return { right: questions.length - wrong.length, total: questions.length, wrong };
}
