import { createHash } from 'node:crypto';
import { type StateStore } from '../../adapters/store/stateStore.ts';
import { formatShortDate, type OverdueItem, overdueItems, type PupilCase } from '../../rules/index.ts';
import { deliveryKey } from '../alerts/alertKeys.ts';
import { type Log } from '../log.ts';
import { type SchoolData } from '../schools/schoolData.ts';
import { CASE_ALERTS } from './caseAlertsSwitch.ts';
import { listCases } from './caseStore.ts';

/** The outbox kind of these messages (for logs and reports). */
export const CASE_OVERDUE_KIND = 'alert:case-overdue';

export interface OverdueScanReport {
  schools: number;
  overdue: number;
  queued: number;
}

function messageFor(school: SchoolData, items: readonly { item: OverdueItem; c: PupilCase }[]): string {
  const lines = items.map(
    ({ item, c }) =>
      `- ${c.pupilName}: ${item.kind === 'review' ? `case review was due ${formatShortDate(item.due)}` : `${item.summary.replace(/ was due \S+$/, '')} was due ${formatShortDate(item.due)}`}`,
  );
  return [
    `Overdue on ${school.name}'s attendance cases:`,
    ...lines,
    'Say "case" and the pupil\'s name to update it, or "actions for me" for yours.',
  ].join('\n');
}

/**
 * Overdue agreed actions and reviews, raised through the alerts outbox: one message per conversation bound
 * to the school listing what has newly gone overdue, and to each LA officer following the school the
 * overdue actions that were the local authority's. Each item's delivery key (item key @ conversation) is
 * recorded atomically with the message, so an item is raised once per conversation however often this
 * runs, on however many instances; the paced sender delivers it. `today` is a calendar date (London).
 */
export async function queueOverdueCaseAlerts(
  store: StateStore,
  schools: readonly SchoolData[],
  today: string,
  now: Date,
  log: Log,
): Promise<OverdueScanReport> {
  const report: OverdueScanReport = { schools: 0, overdue: 0, queued: 0 };
  const [bindings, subscriptions, conversations] = await Promise.all([
    store.listBindings(),
    store.listSubscriptions(),
    store.listConversations(),
  ]);
  const installed = new Map(conversations.map((c) => [c.conversationId, c]));
  for (const school of schools) {
    const cases = await listCases(store, school.urn);
    const items = cases.flatMap((c) => overdueItems(c, today).map((item) => ({ item, c })));
    if (items.length === 0) continue;
    report.schools++;
    report.overdue += items.length;
    // The school's conversations hear everything; LA officers following the school, in their personal
    // chat, hear the actions that were the local authority's to do.
    const audiences = [
      ...bindings
        .filter((b) => b.schoolUrn === school.urn && !b.alertsOff.includes(CASE_ALERTS))
        .map((b) => ({ conversationId: b.conversationId, items })),
      ...subscriptions
        .filter((sub) => sub.schools === 'all' || sub.schools.includes(school.urn))
        .map((sub) => ({ conversationId: sub.conversationId, items: items.filter(({ item }) => item.party === 'la') })),
    ];
    for (const audience of audiences) {
      const conversation = installed.get(audience.conversationId);
      if (!conversation || audience.items.length === 0) continue;
      const keys = audience.items.map(({ item }) => deliveryKey(item.key, conversation.conversationId));
      const already = await store.sentAlertKeys(keys);
      const fresh = audience.items.filter((_, i) => !already.has(keys[i]));
      if (fresh.length === 0) continue;
      const freshKeys = fresh.map(({ item }) => deliveryKey(item.key, conversation.conversationId));
      const id = `case-overdue-${createHash('sha256').update(freshKeys.sort().join('\n')).digest('hex').slice(0, 20)}`;
      const outcome = await store.enqueue(
        {
          id,
          conversationId: conversation.conversationId,
          tenantId: conversation.tenantId,
          kind: CASE_OVERDUE_KIND,
          createdAt: now.toISOString(),
          message: { text: messageFor(school, fresh) },
        },
        freshKeys,
      );
      if (outcome === 'enqueued') report.queued++;
    }
  }
  log('meetings.overdue-scan', { schools: report.schools, overdue: report.overdue, queued: report.queued });
  return report;
}
