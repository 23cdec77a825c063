import { type AdaptiveCardJson } from '../cardTypes.ts';
import { cardTemplate } from '../fillCard.ts';

export interface AgendaSection {
  heading: string;
  /** What the section says when it has nothing to list. */
  empty: string;
  lines: { text: string; color: 'Default' | 'Attention' | 'Good' }[];
  /** "and 12 more: ask ..." when the list was cut to keep the card small; empty otherwise. */
  more: string;
}

/** The agenda as the card shows it: sections already worded and privacy-filtered by the meetings feature. */
export interface AgendaCardView {
  meetingId: string;
  title: string;
  subtitle: string;
  sections: AgendaSection[];
  laHeading: string;
  cohorts: { cohort: string; school: string; la: string; national: string }[];
  cohortNote: string;
  /** Pupils on the agenda without a case, for the "Open cases" button. */
  offers: { title: string; value: string }[];
}

const template = cardTemplate<AgendaCardView & { fallbackText: string }>(new URL('./agendaCard.json', import.meta.url));

/** The agenda as plain text, whole (the card may cut long lists). */
export function agendaText(view: AgendaCardView): string {
  const lines = [view.title, view.subtitle];
  for (const s of view.sections) {
    lines.push('', s.heading);
    if (s.lines.length === 0) lines.push(s.empty);
    lines.push(...s.lines.map((l) => `- ${l.text}`));
    if (s.more) lines.push(s.more);
  }
  lines.push(
    '',
    `Cohorts (school / ${view.laHeading} / national):`,
    ...view.cohorts.map((c) => `- ${c.cohort}: ${c.school} / ${c.la} / ${c.national}`),
  );
  return lines.join('\n');
}

export function renderAgendaCard(view: AgendaCardView): AdaptiveCardJson {
  return template.fill({ ...view, fallbackText: agendaText(view).slice(0, 1000) });
}
