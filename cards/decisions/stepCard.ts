import { type BotMessage } from '../cardTypes.ts';
import { cardTemplate } from '../fillCard.ts';

/** One input as the card draws it; `value` is the answer given before (after Back), or empty. */
export interface StepFieldView {
  id: string;
  kind: 'choice' | 'multi-choice' | 'date' | 'text' | 'number';
  label: string;
  required: boolean;
  value: string;
  choices: { title: string; value: string }[];
  min: number;
  max: number;
  maxLength: number;
}

export interface StepCardData {
  /** "Leave of absence: the dates". */
  title: string;
  /** "Amy Smith, Year 4 · step 3 of 5 · Dudley St James (2024.2)". */
  subtitle: string;
  facts: string[];
  /** What was wrong with the last answer, shown in red above the question. */
  problems: string[];
  question: string;
  fields: StepFieldView[];
  walkId: string;
  step: string;
  canGoBack: boolean;
}

const template = cardTemplate<StepCardData & { fallbackText: string }>(new URL('./stepCard.json', import.meta.url));

export function stepCardText(data: StepCardData): string {
  const fields = data.fields.map((f) =>
    f.kind === 'choice' || f.kind === 'multi-choice'
      ? `- ${f.label}: ${f.choices.map((c) => c.title).join(' / ')}`
      : `- ${f.label}`,
  );
  return [
    `${data.title} (${data.subtitle})`,
    ...data.problems,
    ...data.facts,
    data.question,
    ...fields,
    'Answer on the card: this step needs a client that shows Adaptive Cards.',
  ].join('\n');
}

/** One step of a decision walk-through: what is known so far, the question, its inputs, Next/Back/Cancel. */
export function stepCard(data: StepCardData): BotMessage {
  const text = stepCardText(data);
  return { text, card: template.fill({ ...data, fallbackText: text }) };
}
