import { type BotMessage } from '../cardTypes.ts';
import { cardTemplate } from '../fillCard.ts';

export interface PartTimeRecordCardData {
  /** "Part-time timetable: Amy Smith, Year 9". */
  title: string;
  /** "Oakfield Primary, as of Friday 21 November 2025". */
  subtitle: string;
  /** What was wrong with the last press, shown in red. */
  problems: string[];
  /** "In place: ends Friday 19 December 2025" or "Ended: back full time from ...". */
  status: string;
  facts: { title: string; value: string }[];
  /** The reviews held, one line each. */
  reviews: string[];
  /** Who recorded what and when. */
  history: string[];
  /** Review and end forms: while the timetable is in place and the viewer may record. */
  canUpdate: boolean;
  schoolUrn: string;
  upn: string;
  start: string;
}

const template = cardTemplate<PartTimeRecordCardData & { fallbackText: string }>(
  new URL('./partTimeRecordCard.json', import.meta.url),
);

export function partTimeRecordCardText(data: PartTimeRecordCardData): string {
  return [
    `${data.title} (${data.subtitle})`,
    ...data.problems,
    data.status,
    ...data.facts.map((f) => `${f.title}: ${f.value}`),
    ...data.reviews,
    ...data.history,
  ].join('\n');
}

/** One part-time timetable as recorded: its terms, reviews and history, and forms for a review held and its end. */
export function partTimeRecordCard(data: PartTimeRecordCardData): BotMessage {
  const text = partTimeRecordCardText(data);
  return { text, card: template.fill({ ...data, fallbackText: text }) };
}
