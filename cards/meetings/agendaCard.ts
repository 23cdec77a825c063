import { type AdaptiveCardJson } from '../cardTypes.ts';
import { type CohortTrendView } from '../charts/cohortTrendChart.ts';
import { cardTemplate } from '../fillCard.ts';

export interface AgendaSection {
  heading: string;
  /** What the section says when it has nothing to list. */
  empty: string;
  lines: { text: string; color: 'Default' | 'Attention' | 'Good' }[];
  /** "and 12 more: ask ..." when the list was cut to keep the card small; empty otherwise. */
  more: string;
}

/** One cohort's figure in the three places compared; "too few" where a rate could identify a child. */
export interface CohortRow {
  cohort: string;
  school: string;
  la: string;
  national: string;
}

/** The agenda as the card shows it: sections already worded and privacy-filtered by the meetings feature. */
export interface AgendaCardView {
  meetingId: string;
  title: string;
  subtitle: string;
  sections: AgendaSection[];
  laHeading: string;
  /** Each cohort's absence rate (sessions missed) at the school, across the LA's loaded schools, and nationally. */
  absenceRows: CohortRow[];
  /** The same for the share of pupils persistently absent. */
  persistentRows: CohortRow[];
  cohortNote: string;
  /** The agenda's pupils week by week since the movement date, beside the whole school. */
  trend: CohortTrendView;
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
    `Absence by cohort (school / ${view.laHeading} / national):`,
    ...view.absenceRows.map((c) => `- ${c.cohort}: ${c.school} / ${c.la} / ${c.national}`),
    `Persistently absent by cohort (school / ${view.laHeading} / national):`,
    ...view.persistentRows.map((c) => `- ${c.cohort}: ${c.school} / ${c.la} / ${c.national}`),
  );
  return lines.join('\n');
}

export function renderAgendaCard(view: AgendaCardView): AdaptiveCardJson {
  return template.fill({ ...view, fallbackText: agendaText(view).slice(0, 1000) });
}
