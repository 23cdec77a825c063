import { type BotMessage } from '../cardTypes.ts';
import { cardTemplate } from '../fillCard.ts';

/** One return on the card: who, what, when, why, and whether the LA has been told (who and when). */
export interface ReturnsCardRow {
  heading: string;
  dates: string;
  reason: string;
  citation: string;
  /** "LA notified by Ann Officer, Mon 1 Dec 2025", or '' while it is still owed (the row shows the button). */
  made: string;
  urn: string;
  upn: string;
  kind: string;
  returnFor: string;
  month: string;
  /** What the card answered (one school's URN, or "followed"), so the redrawn card shows the same schools. */
  scope: string;
}

export interface ReturnsCardData {
  title: string;
  subtitle: string;
  emptyText: string;
  problems: string[];
  rows: ReturnsCardRow[];
  /** The month's file (every return of the month, as the LA takes it in), when there is one to send. */
  file?: { month: string; scope: string };
}

const template = cardTemplate<
  Omit<ReturnsCardData, 'file'> & { fallbackText: string; hasFile: boolean; fileMonth: string; fileScope: string }
>(new URL('./returnsCard.json', import.meta.url));

export function returnsCardText(data: ReturnsCardData): string {
  return [
    `${data.title} (${data.subtitle})`,
    ...data.problems,
    ...(data.rows.length === 0
      ? [data.emptyText]
      : data.rows.map((r) => `- ${r.heading}: ${r.dates}. ${r.made || 'Owed.'}`)),
  ].join('\n');
}

/**
 * "returns due" / "returns for November": the returns owed to the local authority, each with "LA notified",
 * and "Send as a file" for the month's file.
 */
export function returnsCard(data: ReturnsCardData): BotMessage {
  const text = returnsCardText(data);
  const { file, ...rest } = data;
  return {
    text,
    card: template.fill({
      ...rest,
      fallbackText: text,
      hasFile: file !== undefined,
      fileMonth: file?.month ?? '',
      fileScope: file?.scope ?? '',
    }),
  };
}
