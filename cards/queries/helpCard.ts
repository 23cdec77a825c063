import { type BotMessage } from '../cardTypes.ts';
import { cardTemplate } from '../fillCard.ts';

export interface HelpSection {
  heading: string;
  examples: string[];
}

/** A button that asks a question for the person who presses it. */
export interface HelpAsk {
  title: string;
  question: string;
}

export interface HelpCardData {
  title: string;
  intro: string;
  sections: HelpSection[];
  footer: string;
  /** Buttons: the suggested questions and "Help" when a question was not understood. */
  asks: HelpAsk[];
}

const template = cardTemplate<HelpCardData & { fallbackText: string }>(new URL('./helpCard.json', import.meta.url));

export function helpCardText(data: HelpCardData): string {
  const suggested = data.asks.filter((a) => a.question !== 'help').map((a) => `"${a.question}"`);
  return [
    data.title,
    data.intro,
    ...data.sections.map((s) => `${s.heading}: ${s.examples.map((e) => `"${e}"`).join(', ')}`),
    suggested.length > 0 ? `Try ${suggested.join(', or ')}; or say "help".` : '',
    data.footer,
  ]
    .filter((l) => l !== '')
    .join('\n');
}

/** What the asker can ask, briefly; also the reply to a question the bot did not understand, with buttons. */
export function helpCard(data: HelpCardData): BotMessage {
  const text = helpCardText(data);
  return { text, card: template.fill({ ...data, fallbackText: text }) };
}
