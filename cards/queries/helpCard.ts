import { type BotMessage } from '../cardTypes.ts';
import { cardTemplate } from '../fillCard.ts';

export interface HelpSection {
  heading: string;
  examples: string[];
}

export interface HelpCardData {
  title: string;
  intro: string;
  /** "Did you mean ...?" when the question was close to one the bot knows. */
  suggestionsText: string;
  sections: HelpSection[];
  footer: string;
}

const template = cardTemplate<HelpCardData & { fallbackText: string }>(new URL('./helpCard.json', import.meta.url));

export function helpCardText(data: HelpCardData): string {
  return [
    data.title,
    data.intro,
    data.suggestionsText,
    ...data.sections.map((s) => `${s.heading}: ${s.examples.map((e) => `"${e}"`).join(', ')}`),
    data.footer,
  ]
    .filter((l) => l !== '')
    .join('\n');
}

/** What the bot can answer, with examples; also the reply to a question it did not understand. */
export function helpCard(data: HelpCardData): BotMessage {
  const text = helpCardText(data);
  return { text, card: template.fill({ ...data, fallbackText: text }) };
}
