import { z } from 'zod';
import { updateRecord, type StateStore } from '../../adapters/store/stateStore.ts';
import { alertCardText, REASON_CODES, reasonInputId, renderAlertCard } from '../../cards/alerts/alertCard.ts';
import { userKey, type AccessControl } from '../access/access.ts';
import { type ActionResult, type ActionTurn } from '../host/featureHost.ts';
import { type Log } from '../log.ts';
import {
  ALERT_CARD_NAMESPACE,
  ROW_ACTIONS,
  type AlertCardModel,
  type RowAction,
} from '../../cards/alerts/alertCardModel.ts';
import { raiseAlert } from './raiseAlert.ts';

export const ALERT_ACTION_VERB = 'alerts.act';

const actionData = z.looseObject({
  cardId: z.string().regex(/^[0-9a-f]{20}$/, 'cardId is not one this bot made'),
  upn: z.string().min(1).max(20),
  act: z.enum(ROW_ACTIONS),
});

export interface AlertActionServices {
  store: StateStore;
  access: AccessControl;
  log: Log;
  now: () => Date;
}

const PAST_TENSE: Record<RowAction, string> = {
  'reason-received': 'recorded the reason',
  'parents-called': 'recorded that parents were called',
  'home-visit-done': 'recorded the home visit',
  'social-worker-told': 'recorded the safeguarding step',
  'la-notified': 'recorded that the LA was notified',
  'review-arranged': 'recorded that a review of the part-time timetable is arranged',
  escalate: 'escalated',
};

/**
 * A button on an alert row: checks the presser's role at the school (every time), records who did what and
 * when on the card's record (optimistic versioning, so two people pressing at once both land), acknowledges
 * the row's alerts so they are not raised again, writes the audit record, and answers with the redrawn card
 * for everyone in the conversation. Only store reads and writes: well inside Teams' 5 seconds.
 */
export async function handleAlertAction(services: AlertActionServices, turn: ActionTurn): Promise<ActionResult> {
  const parsed = actionData.safeParse(turn.data);
  if (!parsed.success) return { message: 'That button is from a card this bot cannot read; ask for the alert again.' };
  const { cardId, upn, act } = parsed.data;
  const record = await services.store.getRecord<AlertCardModel>(ALERT_CARD_NAMESPACE, cardId);
  if (!record || record.value.conversationId !== turn.conversation.id)
    return { message: 'This alert is not one the bot holds for this conversation.' };
  const model = record.value;
  const row = model.rows.find((r) => r.upn === upn);
  if (!row || !row.actions.includes(act)) return { message: 'That action does not apply to this pupil on this alert.' };
  const access = await services.access.access(model.schoolUrn, turn.user, turn.conversation);
  if (!access.role) return { message: `Only staff with a role at ${model.schoolName} can act on its alerts.` };
  let code: string | undefined;
  if (act === 'reason-received') {
    code = String(turn.data[reasonInputId(upn)] ?? '');
    if (!REASON_CODES.some((c) => c.value === code))
      return { message: 'Choose the code for the reason given, then press "Record reason".' };
  }
  const at = services.now().toISOString();
  const by = turn.user.name ?? 'A member of staff';
  const updated = await updateRecord<AlertCardModel>(services.store, ALERT_CARD_NAMESPACE, cardId, (current) => {
    const base = current ?? model;
    return {
      ...base,
      rows: base.rows.map((r) =>
        r.upn === upn ? { ...r, done: [...r.done, { action: act, by, at, ...(code ? { code } : {}) }] } : r,
      ),
    };
  });
  const who = userKey(turn.user);
  for (const alertKey of row.alertKeys)
    await services.store.addAcknowledgement({
      alertKey,
      action: act,
      by: who,
      byName: by,
      at,
      ...(code ? { code } : {}),
    });
  await services.store.appendAudit({
    at,
    who,
    what: `alert.${act}`,
    schoolUrn: model.schoolUrn,
    upn,
    detail: {
      cardId,
      kind: model.kind,
      alerts: row.alertKeys.length,
      conversation: turn.conversation.id,
      ...(code ? { code } : {}),
    },
  });
  if (act === 'escalate') {
    // Escalating puts the alert in front of the LA officers following the school (once per alert).
    const officers = await raiseAlert(services.store, {
      key: `${row.alertKeys.join('+')}|escalated`,
      schoolUrn: model.schoolUrn,
      kind: 'escalations',
      audience: 'la',
      at,
      message: {
        text: `${model.schoolName} (URN ${model.schoolUrn}) escalated an alert to the local authority: ${row.pupilName}, Year ${row.yearGroup}: ${row.steps.map((st) => st.title).join('; ')}. Escalated by ${by}, ${at.slice(0, 16).replace('T', ' ')} UTC.`,
      },
    });
    services.log('alert.escalated', { card: cardId, school: model.schoolUrn, officers });
  }
  services.log('alert.acted', { card: cardId, act, school: model.schoolUrn, conversation: turn.conversation.id });
  return {
    card: renderAlertCard(updated.value),
    text: `${by} ${PAST_TENSE[act]}. ${alertCardText(updated.value).split('\n')[0]}`,
  };
}
