import { type BotMessage } from '../cardTypes.ts';
import { cardTemplate } from '../fillCard.ts';
import { type ListCardData } from './listCard.ts';

/** One part-time timetable in place, as the school recorded it, with what the rules say of it. */
export interface PartTimeCardRow {
  name: string;
  year: string;
  /** "Monday 15 September 2025" */
  since: string;
  /** The end date in force, and whether a review extended it or it has passed. */
  ends: string;
  /** "Monday afternoon, Tuesday afternoon" */
  sessionsOff: string;
  /** Who agreed it and when, or who has not yet. */
  agreed: string;
  /** The next review and how near or overdue it is, or that none is set. */
  review: string;
  /** Full view only: the plan it belongs to, in the school's words (it may be medical); else ''. */
  plan: string;
  /** What the rules find about this timetable, each with its reason. */
  findings: { title: string; why: string }[];
  /** Limited view of a timetable with a finding about its safeguarding detail, left out here. */
  safeguarding: boolean;
}

export type PartTimeCardData = Omit<ListCardData, 'rows'> & { rows: PartTimeCardRow[] };

const template = cardTemplate<PartTimeCardData & { fallbackText: string }>(
  new URL('./partTimeCard.json', import.meta.url),
);

/** Text for clients without cards: each timetable on a line, its findings after it. */
export function partTimeCardText(data: PartTimeCardData): string {
  const head = `${data.title}: ${data.countText} ${data.school}, ${data.asOfLabel}, policy ${data.policyName}.`;
  if (data.rows.length === 0) return `${head} ${data.emptyText}`;
  const lines = data.rows.map((r) =>
    [
      `- ${r.name} (${r.year}): since ${r.since}, ends ${r.ends}; out ${r.sessionsOff}; agreed ${r.agreed}; review: ${r.review}.`,
      ...r.findings.map((f) => `  ${f.title}: ${f.why}`),
      ...(r.safeguarding ? ['  Extra safeguarding steps apply.'] : []),
    ].join('\n'),
  );
  return [head, ...lines, data.pageText].filter((l) => l !== '').join('\n');
}

/** Part-time timetables in place (or those whose review is due), one page of them. */
export function partTimeCard(data: PartTimeCardData): BotMessage {
  const text = partTimeCardText(data);
  return { text, card: template.fill({ ...data, fallbackText: text }) };
}
