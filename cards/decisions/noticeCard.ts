import { type BotMessage } from '../cardTypes.ts';
import { cardTemplate } from '../fillCard.ts';

export interface NoticeCardData {
  title: string;
  text: string;
}

const template = cardTemplate<NoticeCardData & { fallbackText: string }>(new URL('./noticeCard.json', import.meta.url));

/** A card with no actions, to replace one nobody should press again (a cancelled walk-through). */
export function noticeCard(data: NoticeCardData): BotMessage {
  const text = `${data.title}: ${data.text}`;
  return { text, card: template.fill({ ...data, fallbackText: text }) };
}
