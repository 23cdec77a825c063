import { type AdaptiveCardJson } from '../cardTypes.ts';
import { cardTemplate } from '../fillCard.ts';

export interface MyActionsCardView {
  title: string;
  actions: { caseKey: string; actionId: string; line: string; overdue: boolean }[];
  more: string;
}

interface MyActionsCardData {
  fallbackText: string;
  title: string;
  more: string;
  actions: { caseKey: string; actionId: string; line: string; color: string }[];
}

const template = cardTemplate<MyActionsCardData>(new URL('./myActionsCard.json', import.meta.url));

export function myActionsText(view: MyActionsCardView): string {
  return [
    view.title,
    ...(view.actions.length === 0 ? ['You have no open actions.'] : view.actions.map((a) => `- ${a.line}`)),
    view.more,
  ]
    .filter((l) => l !== '')
    .join('\n');
}

/** A person's open actions across cases, each with a Done button. */
export function renderMyActionsCard(view: MyActionsCardView): AdaptiveCardJson {
  return template.fill({
    fallbackText: myActionsText(view).slice(0, 1000),
    title: view.title,
    more: view.more,
    actions: view.actions.map((a) => ({
      caseKey: a.caseKey,
      actionId: a.actionId,
      line: a.line,
      color: a.overdue ? 'Attention' : 'Default',
    })),
  });
}
