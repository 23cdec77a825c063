import { type BotMessage } from '../cardTypes.ts';
import { cardTemplate } from '../fillCard.ts';

export interface ListCardRow {
  name: string;
  year: string;
  /** The number that put the pupil on the list: "11 unauthorised sessions in 10 school weeks". */
  figure: string;
  why: string;
  /** Limited view of a pupil whose next step involves safeguarding detail the channel may not see. */
  safeguarding: boolean;
  /** Full view only: the next step when it involves safeguarding (e.g. telling the social worker); else ''. */
  safeguardingStep: string;
}

export interface ListCardData {
  title: string;
  countText: string;
  school: string;
  asOfLabel: string;
  policyName: string;
  privacyLabel: string;
  filtersText: string;
  rows: ListCardRow[];
  count: number;
  emptyText: string;
  citation: string;
  pageText: string;
  hasMore: boolean;
  nextTitle: string;
  /** 0-based index of the first row of the next page. */
  nextStart: number;
  /** The query, serialised, so "next 20" can run it again (checked again on the way back). */
  queryToken: string;
}

const template = cardTemplate<ListCardData & { fallbackText: string }>(new URL('./listCard.json', import.meta.url));

/** Text for clients without cards: the same rows, one line each. */
export function listCardText(data: ListCardData): string {
  const head = `${data.title}: ${data.countText} ${data.school}, ${data.asOfLabel}, policy ${data.policyName}.`;
  if (data.rows.length === 0) return `${head} ${data.emptyText}`;
  const lines = data.rows.map(
    (r) =>
      `- ${r.name} (${r.year}): ${r.figure}${r.safeguarding ? ' (extra safeguarding steps apply)' : ''}${r.safeguardingStep ? `. Safeguarding: ${r.safeguardingStep}` : ''}`,
  );
  return [head, ...lines, data.pageText].filter((l) => l !== '').join('\n');
}

/** A list of pupils a rule found, one page of them. */
export function listCard(data: ListCardData): BotMessage {
  const text = listCardText(data);
  return { text, card: template.fill({ ...data, fallbackText: text }) };
}
