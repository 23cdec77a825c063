import { type BotMessage } from '../cardTypes.ts';
import { cardTemplate } from '../fillCard.ts';

export interface ConclusionCardData {
  title: string;
  subtitle: string;
  problems: string[];
  headline: string;
  /** `verdict` is a short mark ("Met:", "Not met:", "To judge:") so the card reads without colour. */
  checks: { verdict: string; question: string; says: string; cites: string }[];
  sections: { title: string; lines: string[] }[];
  hasDraft: boolean;
  draftTitle: string;
  draftText: string;
  citations: string[];
  /** Who concluded and when; after a decision, who decided what and when. */
  statusLine: string;
  /** Leave: the head records grant or refuse and the sessions. */
  showDecide: boolean;
  decideDefault: string;
  decideSessions: number;
  decideMaxSessions: number;
  /** Penalty: the case's state and where it can go next. */
  showCase: boolean;
  caseLine: string;
  caseChoices: { title: string; value: string }[];
  caseId: string;
  /** Sickness: the return can be marked sent. */
  showMarkSent: boolean;
  /** Part-time timetable: a lawful one can be recorded. */
  showRecordPartTime: boolean;
  canGoBack: boolean;
  canCancel: boolean;
  walkId: string;
  step: string;
}

const template = cardTemplate<ConclusionCardData & { fallbackText: string }>(
  new URL('./conclusionCard.json', import.meta.url),
);

export function conclusionCardText(data: ConclusionCardData): string {
  return [
    `${data.title} (${data.subtitle})`,
    ...data.problems,
    data.headline,
    ...data.checks.map((c) => `- ${c.verdict} ${c.question} ${c.says}`),
    ...data.sections.flatMap((s) => [s.title, ...s.lines]),
    ...(data.hasDraft ? [data.draftTitle, data.draftText] : []),
    data.statusLine,
  ].join('\n');
}

/** The last card of a walk-through: the conclusion and why, the draft, and what can be recorded next. */
export function conclusionCard(data: ConclusionCardData): BotMessage {
  const text = conclusionCardText(data);
  return { text, card: template.fill({ ...data, fallbackText: text }) };
}
