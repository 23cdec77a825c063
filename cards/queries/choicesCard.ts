import { type BotMessage } from '../cardTypes.ts';
import { cardTemplate } from '../fillCard.ts';

export interface PupilChoice {
  /** "Amy Smith, Year 9 (9B)": enough to tell two pupils apart without context flags. */
  title: string;
  /** The pupil's UPN. */
  value: string;
}

export interface ChoicesCardData {
  title: string;
  intro: string;
  choices: PupilChoice[];
  firstValue: string;
  /** The pupil question, serialised, completed by the chosen UPN. */
  queryToken: string;
}

const template = cardTemplate<ChoicesCardData & { fallbackText: string }>(
  new URL('./choicesCard.json', import.meta.url),
);

export function choicesCardText(data: ChoicesCardData): string {
  return [
    `${data.title} ${data.intro}`,
    ...data.choices.map((c) => `- ${c.title}`),
    'Ask again with the full name to choose.',
  ].join('\n');
}

/** "Which pupil did you mean?" when a name matches several pupils. */
export function choicesCard(data: ChoicesCardData): BotMessage {
  const text = choicesCardText(data);
  return { text, card: template.fill({ ...data, fallbackText: text }) };
}
