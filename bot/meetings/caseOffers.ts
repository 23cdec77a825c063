import { createHash } from 'node:crypto';
import { type StateStore } from '../../adapters/store/stateStore.ts';
import { caseId, pupilName } from '../../rules/index.ts';
import { deliveryKey } from '../alerts/alertKeys.ts';
import { yearLabel } from '../queries/describeView.ts';
import { type Log } from '../log.ts';
import { type FindingsCache } from '../schools/findingsCache.ts';
import { type SchoolData } from '../schools/schoolData.ts';
import { CASE_ALERTS } from './caseAlertsSwitch.ts';
import { listCases, openCaseOnce } from './caseStore.ts';

export const CASE_OFFER_KIND = 'alert:case-offer';
/** Who opens the cases of severely absent pupils when nobody asked: the bot, as Derby City Council's policy (para 35) and the national guidance ask. */
const SYSTEM_ACTOR = { id: 'system:meetings', name: 'Attendance bot' };
const NAMES_LISTED = 20;

export interface CaseOfferReport {
  offered: number;
  opened: number;
  queued: number;
}

/**
 * When a pupil first becomes persistently or severely absent and has no case: a severely absent pupil gets
 * one opened at once (every one needs a joint approach with the LA: 000 para 35, 003), and a persistently
 * absent pupil is offered one. Each school's conversations hear of each pupil once per level (the delivery
 * keys are recorded with the message), so a pupil who moves from persistent to severe is heard of again.
 */
export async function queueCaseOffers(
  store: StateStore,
  schools: readonly SchoolData[],
  cache: FindingsCache,
  today: string,
  now: Date,
  log: Log,
): Promise<CaseOfferReport> {
  const report: CaseOfferReport = { offered: 0, opened: 0, queued: 0 };
  const [bindings, conversations] = await Promise.all([store.listBindings(), store.listConversations()]);
  const installed = new Map(conversations.map((c) => [c.conversationId, c]));
  for (const school of schools) {
    const audiences = bindings.filter(
      (b) => b.schoolUrn === school.urn && installed.has(b.conversationId) && !b.alertsOff.includes(CASE_ALERTS),
    );
    if (audiences.length === 0) continue;
    // Who is persistently or severely absent is what the engine's findings say (the bot's cache of them).
    const levels = new Map<string, 'persistent' | 'severe'>();
    for (const f of cache.evaluation(school, school.asOf).findings) {
      if (f.rule === 'severe-absence') levels.set(f.upn, 'severe');
      else if (f.rule === 'persistent-absence' && !levels.has(f.upn)) levels.set(f.upn, 'persistent');
    }
    const withCase = new Set((await listCases(store, school.urn)).map((c) => c.upn));
    const found: { key: string; line: string }[] = [];
    for (let p = 0; p < school.register.pupils.length; p++) {
      const pupil = school.register.pupils[p];
      const level = levels.get(pupil.upn);
      if (!level) continue;
      const name = pupilName(pupil);
      if (level === 'severe' && !withCase.has(pupil.upn)) {
        const stage = school.policy.stages[0];
        if (stage) {
          const result = await openCaseOnce(store, {
            schoolUrn: school.urn,
            upn: pupil.upn,
            pupilName: name,
            yearGroup: pupil.yearGroup,
            because: 'severe-absence',
            stageId: stage.id,
            today,
            at: now.toISOString(),
            by: SYSTEM_ACTOR,
          });
          if (result.opened) {
            report.opened++;
            withCase.add(pupil.upn);
            await store.appendAudit({
              at: now.toISOString(),
              who: SYSTEM_ACTOR.id,
              what: 'case.opened',
              schoolUrn: school.urn,
              upn: pupil.upn,
              detail: { case: caseId(school.urn, pupil.upn), because: 'severe-absence' },
            });
          }
        }
      } else if (withCase.has(pupil.upn)) continue;
      found.push({
        key: `case-offer|${school.urn}|${pupil.upn}|${level}`,
        line:
          level === 'severe'
            ? `${name} (${yearLabel(pupil.yearGroup)}): severely absent; case opened, agree a joint approach with the LA`
            : `${name} (${yearLabel(pupil.yearGroup)}): persistently absent; say "open a case for ${name}"`,
      });
    }
    report.offered += found.length;
    for (const audience of audiences) {
      const conversation = installed.get(audience.conversationId)!;
      const keys = found.map((f) => deliveryKey(f.key, conversation.conversationId));
      const already = await store.sentAlertKeys(keys);
      const fresh = found.filter((_, i) => !already.has(keys[i]));
      if (fresh.length === 0) continue;
      const freshKeys = fresh.map((f) => deliveryKey(f.key, conversation.conversationId));
      const more =
        fresh.length > NAMES_LISTED
          ? [
              `and ${fresh.length - NAMES_LISTED} more: say "prepare the termly meeting" to see them all, with a button to open their cases.`,
            ]
          : [];
      const text = [
        `Newly persistently or severely absent at ${school.name}, with no case before:`,
        ...fresh.slice(0, NAMES_LISTED).map((f) => `- ${f.line}`),
        ...more,
      ].join('\n');
      const id = `case-offer-${createHash('sha256').update(freshKeys.sort().join('\n')).digest('hex').slice(0, 20)}`;
      if (
        (await store.enqueue(
          {
            id,
            conversationId: conversation.conversationId,
            tenantId: conversation.tenantId,
            kind: CASE_OFFER_KIND,
            createdAt: now.toISOString(),
            message: { text },
          },
          freshKeys,
        )) === 'enqueued'
      )
        report.queued++;
    }
  }
  log('meetings.case-offers', { offered: report.offered, opened: report.opened, queued: report.queued });
  return report;
}
