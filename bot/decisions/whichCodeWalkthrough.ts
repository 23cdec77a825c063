import { CODE_TREE, codeGuidance, codeTreeQuestion, pathToCode } from '../../rules/index.ts';
import { citationText } from './citationText.ts';
import { CONCLUSION_STEP, type Conclusion, type WalkAnswers, type WalkthroughDefinition } from './walkthrough.ts';

/** The option chosen at a question, from the answers. */
function chosen(questionId: string, answers: WalkAnswers) {
  const value = answers[questionId]?.answer;
  return codeTreeQuestion(questionId)?.options.find((o) => o.value === value);
}

/** The code the answers reach: the last answered question's option leads to it. */
function reachedCode(answers: WalkAnswers): string {
  let question: string | undefined = CODE_TREE[0].id;
  while (question) {
    const option = chosen(question, answers);
    if (!option) break;
    if ('code' in option.next) return option.next.code;
    question = option.next.question;
  }
  throw new Error('the which-code answers do not reach a code');
}

function codeConclusion(answers: WalkAnswers): Conclusion {
  const g = codeGuidance(reachedCode(answers));
  const display = g.code.code === '/' ? '/ (AM) or \\ (PM)' : g.code.code;
  return {
    outcome: g.code.code,
    headline: `Code ${display}: ${g.code.meaning}.`,
    checks: [],
    sections: [{ title: `${g.code.group} (${g.code.category.replace('-', ' ')})`, lines: [g.guidance] }],
    citations: [citationText(g.citation)],
  };
}

/** The answers and steps that open the tree on a named code's conclusion, Back leading up the tree. */
export function whichCodePrefill(code: string): { answers: WalkAnswers; history: string[]; step: string } | undefined {
  const path = pathToCode(code);
  if (!path) return undefined;
  return {
    answers: Object.fromEntries(path.map((p) => [p.question, { answer: p.value }])),
    history: path.map((p) => p.question),
    step: CONCLUSION_STEP,
  };
}

/** Which code?: the code tree as one question a card, ending on the code with its guidance sentence. */
export const whichCodeWalkthrough: WalkthroughDefinition = {
  kind: 'code',
  title: 'Which code?',
  needsPupil: false,
  first: CODE_TREE[0].id,
  next: (stepId, answers) => {
    const option = chosen(stepId, answers);
    return option && 'question' in option.next ? option.next.question : null;
  },
  steps: CODE_TREE.map((q) => ({
    id: q.id,
    title: 'Which code?',
    question: q.question,
    fields: [
      {
        id: 'answer',
        kind: 'choice' as const,
        label: q.question,
        choices: q.options.map((o) => ({ value: o.value, title: o.label })),
      },
    ],
  })),
  conclude: codeConclusion,
};
