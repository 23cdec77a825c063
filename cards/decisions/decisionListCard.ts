import { type BotMessage } from '../cardTypes.ts';
import { cardTemplate } from '../fillCard.ts';

export interface DecisionListCardData {
  title: string;
  subtitle: string;
  count: number;
  emptyText: string;
  /** Newest first: "Leave of absence · Mon 6 Oct 2025", the conclusion, then who decided what and when. */
  rows: { heading: string; headline: string; detail: string }[];
}

const template = cardTemplate<DecisionListCardData & { fallbackText: string }>(
  new URL('./decisionListCard.json', import.meta.url),
);

export function decisionListCardText(data: DecisionListCardData): string {
  return [
    `${data.title} (${data.subtitle})`,
    ...(data.count === 0 ? [data.emptyText] : data.rows.map((r) => `- ${r.heading}: ${r.headline} ${r.detail}`)),
  ].join('\n');
}

/** "decisions for <pupil>": every completed walk-through on record for the pupil. */
export function decisionListCard(data: DecisionListCardData): BotMessage {
  const text = decisionListCardText(data);
  return { text, card: template.fill({ ...data, fallbackText: text }) };
}
