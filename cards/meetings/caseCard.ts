import { type AdaptiveCardJson } from '../cardTypes.ts';
import { cardTemplate } from '../fillCard.ts';

/** What a case card shows, already worked out and privacy-filtered by the meetings feature. */
export interface CaseCardView {
  caseKey: string;
  title: string;
  schoolName: string;
  stageId: string;
  stageLabel: string;
  /** What the profile says the stage involves, and its source. */
  stageNote: string;
  leadLabel: string;
  leadValue: string;
  jointLabel: string;
  nextReviewLabel: string;
  openedLabel: string;
  /** "Meeting 24 Nov: case 2 of 3", or empty outside a meeting. */
  meetingLabel: string;
  /** Overdue actions or review, or a severe absence without a joint approach; empty when nothing is wrong. */
  warning: string;
  measuresPeriod: string;
  reviewHeading: string;
  measures: { label: string; now: string; atReview: string }[];
  trend: string;
  findings: { title: string; reason: string }[];
  barriers: { line: string }[];
  actions: { id: string; line: string; open: boolean; overdue: boolean }[];
  history: { line: string }[];
  stages: { title: string; value: string }[];
  parties: { title: string; value: string }[];
  today: string;
  suggestedReview: string;
}

interface CaseCardData extends Omit<CaseCardView, 'actions'> {
  fallbackText: string;
  actions: { id: string; line: string; open: boolean; color: string; caseKey: string }[];
}

const template = cardTemplate<CaseCardData>(new URL('./caseCard.json', import.meta.url));

/** The case as plain text: what a client without cards, and the notification, shows. */
export function caseCardText(view: CaseCardView): string {
  const open = view.actions.filter((a) => a.open);
  return [
    view.meetingLabel,
    `${view.title}: ${view.stageLabel}. Next review: ${view.nextReviewLabel}.`,
    view.warning,
    view.trend,
    open.length > 0 ? `Open actions: ${open.map((a) => a.line).join('; ')}` : 'No open actions.',
  ]
    .filter((line) => line !== '')
    .join('\n');
}

/** The case card: measures now and at the last review, findings, barriers, actions, and buttons to change it. */
export function renderCaseCard(view: CaseCardView): AdaptiveCardJson {
  return template.fill({
    ...view,
    fallbackText: caseCardText(view).slice(0, 1000),
    actions: view.actions.map((a) => ({
      id: a.id,
      line: a.line,
      open: a.open,
      color: a.overdue ? 'Attention' : a.open ? 'Default' : 'Good',
      caseKey: view.caseKey,
    })),
  });
}
