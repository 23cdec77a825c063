import { type BotMessage } from '../cardTypes.ts';
import { cardTemplate } from '../fillCard.ts';

export interface CohortCardRow {
  measure: string;
  cohort: string;
  national: string;
}

export interface CohortCardData {
  title: string;
  school: string;
  cohortLabel: string;
  cohortHeading: string;
  periodLabel: string;
  policyName: string;
  /** Too few pupils to show figures without identifying them. */
  suppressed: boolean;
  suppressedText: string;
  rows: CohortCardRow[];
  notes: string;
  sources: string;
}

const template = cardTemplate<CohortCardData & { fallbackText: string }>(new URL('./cohortCard.json', import.meta.url));

export function cohortCardText(data: CohortCardData): string {
  const head = `${data.title}: ${data.cohortLabel} at ${data.school}, ${data.periodLabel}.`;
  if (data.suppressed) return `${head} ${data.suppressedText}`;
  return [
    head,
    ...data.rows.map((r) => `- ${r.measure}: ${r.cohort} (national ${r.national})`),
    data.notes,
    data.sources,
  ].join('\n');
}

/** A cohort's or school's measures beside national figures, each with its source. */
export function cohortCard(data: CohortCardData): BotMessage {
  const text = cohortCardText(data);
  return { text, card: template.fill({ ...data, fallbackText: text }) };
}
