import { type AdaptiveCardJson } from '../cardTypes.ts';
import { cardTemplate } from '../fillCard.ts';

export interface MinutesCardView {
  title: string;
  attendees: string;
  caseCount: string;
  cases: { pupil: string; stage: string; reviewText: string; outcome: { line: string }[] }[];
  owners: { owner: string; actions: { line: string }[] }[];
  /** Whether this card carries the actions-by-owner section (minutes too long for one card come in parts). */
  showActions: boolean;
  footer: string;
}

const template = cardTemplate<MinutesCardView & { fallbackText: string }>(
  new URL('./minutesCard.json', import.meta.url),
);

/** The minutes as plain text (kept whole in the text of the message). */
export function minutesText(view: MinutesCardView): string {
  const lines = [view.title, `Attended: ${view.attendees}`, '', 'Outcomes:'];
  for (const c of view.cases) {
    lines.push(`${c.pupil}: ${c.stage}${c.reviewText}`);
    lines.push(...(c.outcome.length > 0 ? c.outcome.map((o) => `  - ${o.line}`) : []));
  }
  if (view.showActions) lines.push('', 'Actions by owner:');
  if (view.showActions && view.owners.length === 0) lines.push('No actions were agreed.');
  for (const o of view.owners) lines.push(`${o.owner}:`, ...o.actions.map((a) => `  - ${a.line}`));
  return lines.join('\n');
}

export function renderMinutesCard(view: MinutesCardView): AdaptiveCardJson {
  return template.fill({ ...view, fallbackText: minutesText(view).slice(0, 1000) });
}
