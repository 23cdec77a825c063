import { type BotMessage } from '../cardTypes.ts';
import { cardTemplate } from '../fillCard.ts';
import { type ListCardData } from './listCard.ts';

/** One case whose review or agreed actions need the school's attention. */
export interface CaseReviewsCardRow {
  name: string;
  year: string;
  /** "Stage 2: Getting help" */
  stage: string;
  /** "Monday 1 December 2025: overdue by 3 days", or that no date is set. */
  review: string;
  /** The review is overdue or unset: shown in the attention colour. */
  pressing: boolean;
  /** "Home visit (Ms Patel), due Friday 28 November 2025" for each open action due by the day. */
  actions: { line: string }[];
  /** What to say to open the case: "case for Amy Smith". */
  openWith: string;
}

export type CaseReviewsCardData = Omit<ListCardData, 'rows' | 'privacyLabel' | 'filtersText'> & {
  rows: CaseReviewsCardRow[];
};

interface Filled extends Omit<CaseReviewsCardData, 'rows'> {
  fallbackText: string;
  rows: (Omit<CaseReviewsCardRow, 'pressing'> & { reviewColor: string })[];
}

const template = cardTemplate<Filled>(new URL('./caseReviewsCard.json', import.meta.url));

/** Text for clients without cards: each case on a line, its actions due after it. */
export function caseReviewsCardText(data: CaseReviewsCardData): string {
  const head = `${data.title}: ${data.countText} ${data.school}, ${data.asOfLabel}, policy ${data.policyName}.`;
  if (data.rows.length === 0) return `${head} ${data.emptyText}`;
  const lines = data.rows.map((r) =>
    [
      `- ${r.name} (${r.year}), ${r.stage}. Review: ${r.review}.`,
      ...r.actions.map((a) => `  Action due: ${a.line}.`),
    ].join('\n'),
  );
  return [head, ...lines, data.pageText].filter((l) => l !== '').join('\n');
}

/** The termly meeting's cases whose review is coming up, overdue or unset, or with an action due. */
export function caseReviewsCard(data: CaseReviewsCardData): BotMessage {
  const text = caseReviewsCardText(data);
  return {
    text,
    card: template.fill({
      ...data,
      fallbackText: text,
      rows: data.rows.map(({ pressing, ...r }) => ({ ...r, reviewColor: pressing ? 'Attention' : 'Default' })),
    }),
  };
}
