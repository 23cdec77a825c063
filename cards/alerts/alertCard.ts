import { type AdaptiveCardJson } from '../cardTypes.ts';
import { type AlertCardModel, rowActionLabel, type DoneNote } from './alertCardModel.ts';
import { formatLongDate } from '../../rules/index.ts';
import { CardTooLargeError, cardTemplate } from '../fillCard.ts';
import { formatInstant } from '../formatInstant.ts';

/** Codes a "reason received" can record in place of N, with how the guidance names them. */
export const REASON_CODES: readonly { value: string; title: string }[] = [
  { value: 'I', title: 'I: illness (not medical appointment)' },
  { value: 'M', title: 'M: medical or dental appointment' },
  { value: 'C', title: 'C: leave of absence (exceptional circumstances)' },
  { value: 'R', title: 'R: religious observance' },
  { value: 'E', title: 'E: suspended or excluded, no alternative provision' },
  { value: 'T', title: 'T: Traveller pupil travelling' },
  { value: 'G', title: 'G: holiday not granted by the school' },
  { value: 'O', title: 'O: other unauthorised absence' },
];

interface AlertCardData {
  fallbackText: string;
  title: string;
  intro: string;
  schoolName: string;
  schoolUrn: string;
  asOfLabel: string;
  policyName: string;
  privacyLabel: string;
  partText: string;
  cardId: string;
  reasonCodes: readonly { value: string; title: string }[];
  rows: {
    upn: string;
    pupilName: string;
    yearLabel: string;
    steps: {
      title: string;
      reason: string;
      evidence: { title: string; value: string }[];
      nextStep: string;
      citation: string;
      rule: string;
    }[];
    doneLines: { line: string }[];
    /** The row's buttons two to a line, so each line fits a phone's card (Teams does not wrap a row of buttons). */
    buttonRows: { buttons: { cardId: string; upn: string; act: string; title: string; reasonInputId: string }[] }[];
  }[];
}

const template = cardTemplate<AlertCardData>(new URL('./alertCard.json', import.meta.url));

/** The input id of a row's reason choice: unique per card, since one card holds many rows. */
export function reasonInputId(upn: string): string {
  return `reasonCode_${upn}`;
}

const DONE_VERBS: Record<DoneNote['action'], string> = {
  'reason-received': 'Reason received',
  'parents-called': 'Parents called',
  'home-visit-done': 'Home visit done',
  'social-worker-told': 'Social worker told',
  'la-notified': 'LA notified',
  'review-arranged': 'Review arranged',
  escalate: 'Escalated',
};

function doneLine(note: DoneNote, privacy: AlertCardModel['privacy']): string {
  const what =
    note.action === 'social-worker-told' ? rowActionLabel('social-worker-told', privacy) : DONE_VERBS[note.action];
  const code = note.code ? ` (recorded as ${note.code})` : '';
  return `${what}${code}: ${note.by}, ${formatInstant(note.at)}`;
}

function pairs<T>(items: readonly T[]): T[][] {
  const out: T[][] = [];
  for (let i = 0; i < items.length; i += 2) out.push(items.slice(i, i + 2));
  return out;
}

/** Plain text of an alert for clients that show no cards, and for the notification. */
export function alertCardText(model: AlertCardModel): string {
  const part = model.part ? ` (part ${model.part.n} of ${model.part.of})` : '';
  const rows = model.rows.map(
    (r) =>
      `- ${r.pupilName} (Year ${r.yearGroup}): ${r.steps.map((s) => `${s.title}. Next: ${s.nextStep}`).join(' ')}${r.done.length ? ` [${r.done.map((d) => doneLine(d, model.privacy)).join('; ')}]` : ''}`,
  );
  return [`${model.title}${part}`, model.intro, ...rows].join('\n');
}

/** The Adaptive Card for an alert: every row names its rule, evidence and citation, with its buttons. */
export function renderAlertCard(model: AlertCardModel): AdaptiveCardJson {
  return template.fill({
    fallbackText: alertCardText(model).slice(0, 1000),
    title: model.title,
    intro: model.intro,
    schoolName: model.schoolName,
    schoolUrn: model.schoolUrn,
    asOfLabel: formatLongDate(model.asOf),
    policyName: model.policyName,
    privacyLabel: model.privacy === 'full' ? 'Full view' : 'Limited view (no context flags or medical detail)',
    partText: model.part ? `Part ${model.part.n} of ${model.part.of}` : '',
    cardId: model.cardId,
    reasonCodes: REASON_CODES,
    rows: model.rows.map((r) => ({
      upn: r.upn,
      pupilName: r.pupilName,
      yearLabel: `Year ${r.yearGroup}`,
      steps: r.steps.map((s) => ({
        title: s.title,
        reason: s.reason,
        evidence: s.evidence,
        nextStep: s.nextStep,
        citation: s.citation,
        rule: s.rule,
      })),
      doneLines: r.done.map((d) => ({ line: doneLine(d, model.privacy) })),
      buttonRows: pairs(
        r.actions.map((act) => ({
          cardId: model.cardId,
          upn: r.upn,
          act,
          title: rowActionLabel(act, model.privacy),
          reasonInputId: reasonInputId(r.upn),
        })),
      ).map((buttons) => ({ buttons })),
    })),
  });
}

/** Whether the model's card stays under Teams' size limit: what the planner splits digests by. */
export function alertCardFits(model: AlertCardModel): boolean {
  try {
    renderAlertCard(model);
    return true;
  } catch (err) {
    if (err instanceof CardTooLargeError) return false;
    throw err;
  }
}
