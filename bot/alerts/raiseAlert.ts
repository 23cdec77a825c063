import { type OutboxMessage, type StateStore } from '../../adapters/store/stateStore.ts';
import { deliveryKey, stableCardId } from './alertKeys.ts';

export interface AlertToRaise {
  /** The alert's identity, e.g. `100001|<upn>|case-action-overdue|<action id>`: raised once per conversation. */
  key: string;
  schoolUrn: string;
  /** What `alerts on|off <kind>` switches (a conversation that switched this kind off does not hear it). */
  kind: string;
  /** Who hears it: conversations bound to the school, LA officers following it, or both. */
  audience: 'school' | 'la' | 'both';
  /** Text and card as the conversations may see them: keep to what a limited (team) view allows. */
  message: OutboxMessage;
  /** ISO time it was raised. */
  at: string;
}

/**
 * Raises an alert another feature works out (an overdue case action, a review date passed) through the
 * same outbox, pacing and exactly-once delivery as the scans' alerts: each conversation that should hear
 * it gets it once, whenever this is called again. Delivery follows on the runtime's next drain (a scan, or
 * its sweep within a minute). Returns how many conversations it was queued for.
 */
export async function raiseAlert(store: StateStore, alert: AlertToRaise): Promise<number> {
  const [bindings, subscriptions, conversations] = await Promise.all([
    store.listBindings(),
    store.listSubscriptions(),
    store.listConversations(),
  ]);
  const installed = new Map(conversations.map((c) => [c.conversationId, c]));
  const targets = new Set<string>();
  if (alert.audience !== 'la') {
    for (const b of bindings)
      if (b.schoolUrn === alert.schoolUrn && !b.alertsOff.includes(alert.kind) && installed.has(b.conversationId))
        targets.add(b.conversationId);
  }
  if (alert.audience !== 'school') {
    for (const s of subscriptions)
      if ((s.schools === 'all' || s.schools.includes(alert.schoolUrn)) && installed.has(s.conversationId))
        targets.add(s.conversationId);
  }
  let queued = 0;
  for (const conversationId of targets) {
    const key = deliveryKey(alert.key, conversationId);
    const outcome = await store.enqueue(
      {
        id: `alert-${stableCardId([key])}`,
        conversationId,
        tenantId: installed.get(conversationId)?.tenantId,
        kind: `alert:${alert.kind}`,
        createdAt: alert.at,
        message: alert.message,
      },
      [key],
    );
    if (outcome === 'enqueued') queued++;
  }
  return queued;
}
