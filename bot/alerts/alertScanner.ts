import { VersionConflictError, type StateStore } from '../../adapters/store/stateStore.ts';
import { alertCardFits, alertCardText, renderAlertCard } from '../../cards/alerts/alertCard.ts';
import { type Log } from '../log.ts';
import { engineFindings } from '../schools/findingsCache.ts';
import { type RecordedTimetables } from '../schools/recordedTimetables.ts';
import { type SchoolData } from '../schools/schoolData.ts';
import { ALERT_CARD_NAMESPACE } from '../../cards/alerts/alertCardModel.ts';
import { audiencesForSchool, candidateKeys, planAlerts } from './planAlerts.ts';

export interface ScanRequest {
  /** Scan only these schools (URNs); all when absent. */
  schoolUrns?: readonly string[];
  /** Scan each school as of this date instead of its own as-of date. */
  asOf?: string;
  /** Scheduled scans: only schools for which this date is a school day (no closures, holidays, weekends). */
  onlyIfSchoolDay?: string;
}

export interface SchoolScanReport {
  urn: string;
  asOf: string;
  findings: number;
  queued: number;
  duplicates: number;
}

export interface ScanReport {
  schools: SchoolScanReport[];
  skipped: { urn: string; reason: string }[];
  queued: number;
}

/**
 * A scan: each school's findings at its as-of date, planned into alert cards for the conversations that
 * hear that school, and queued in the outbox together with their delivery keys (one atomic step per school),
 * so the paced sender delivers them exactly once. The card's model is stored first so that buttons pressed
 * on it later can redraw it.
 */
export class AlertScanner {
  constructor(
    private readonly schools: readonly SchoolData[],
    private readonly store: StateStore,
    private readonly log: Log,
    private readonly now: () => Date = () => new Date(),
    private readonly recorded?: RecordedTimetables,
  ) {}

  async scan(request: ScanRequest = {}): Promise<ScanReport> {
    const report: ScanReport = { schools: [], skipped: [], queued: 0 };
    const [bindings, subscriptions, conversations] = await Promise.all([
      this.store.listBindings(),
      this.store.listSubscriptions(),
      this.store.listConversations(),
    ]);
    // The record of part-time timetables may have changed on another instance since this one read it.
    if (this.recorded) {
      const problems = await this.recorded.load(this.store);
      if (problems.length > 0) this.log('partTime.records-unusable', { count: problems.length });
    }
    for (const school of this.schools) {
      if (request.schoolUrns && !request.schoolUrns.includes(school.urn)) continue;
      if (request.onlyIfSchoolDay && !school.register.calendar.dayIndex.has(request.onlyIfSchoolDay)) {
        report.skipped.push({ urn: school.urn, reason: `${request.onlyIfSchoolDay} is not a school day` });
        continue;
      }
      const audiences = audiencesForSchool(school.urn, bindings, subscriptions, conversations);
      const asOf = request.asOf ?? school.asOf;
      if (audiences.length === 0) {
        report.skipped.push({ urn: school.urn, reason: 'no conversation hears this school' });
        continue;
      }
      report.schools.push(await this.scanSchool(school, asOf, audiences));
    }
    report.queued = report.schools.reduce((n, s) => n + s.queued, 0);
    this.log('alerts.scan', { schools: report.schools.length, skipped: report.skipped.length, queued: report.queued });
    return report;
  }

  private async scanSchool(
    school: SchoolData,
    asOf: string,
    audiences: ReturnType<typeof audiencesForSchool>,
  ): Promise<SchoolScanReport> {
    // The engine, the one production path for findings (the same index the bot's answers use).
    this.recorded?.applyTo(school);
    const findings = engineFindings(school, asOf);
    const keys = candidateKeys(school.urn, findings, audiences);
    const [delivered, acknowledged] = await Promise.all([
      this.store.sentAlertKeys(keys.deliveryKeys),
      this.store.acknowledgedKeys(keys.alertKeys),
    ]);
    const planned = planAlerts({
      school: { urn: school.urn, name: school.name, policy: school.policy },
      asOf,
      findings,
      audiences,
      delivered,
      acknowledged,
      fits: alertCardFits,
    });
    const result: SchoolScanReport = { urn: school.urn, asOf, findings: findings.length, queued: 0, duplicates: 0 };
    if (planned.length === 0) return result;
    // The school's cards go to the store together: their models in one go, then every card queued in one
    // atomic step, then the audit lines. Each is a single write between them in the embedded store (and
    // one round of commands in Redis) rather than one per card, which made a first scan after installing
    // in every school of an authority take minutes.
    await Promise.all(
      planned.map(async ({ model }) => {
        try {
          await this.store.putRecord(ALERT_CARD_NAMESPACE, model.cardId, model, null);
        } catch (err) {
          // The same card from an earlier, interrupted scan: its record is already there.
          if (!(err instanceof VersionConflictError)) throw err;
        }
      }),
    );
    const outcomes = await this.store.enqueueMany(
      planned.map((alert) => ({
        item: {
          id: `alert-${alert.model.cardId}`,
          conversationId: alert.model.conversationId,
          tenantId: alert.tenantId,
          kind: `alert:${alert.model.kind}`,
          createdAt: this.now().toISOString(),
          message: { text: alertCardText(alert.model), card: renderAlertCard(alert.model) },
        },
        alertKeys: alert.deliveryKeys,
      })),
    );
    // An alert discloses pupils' details to a conversation: the audit log says which, where and why.
    const audits: Promise<void>[] = [];
    planned.forEach(({ model }, i) => {
      if (outcomes[i] === 'duplicate') {
        result.duplicates++;
        return;
      }
      result.queued++;
      const at = this.now().toISOString();
      for (const row of model.rows)
        audits.push(
          this.store.appendAudit({
            at,
            who: 'system:alerts',
            what: 'alert.raised',
            schoolUrn: model.schoolUrn,
            upn: row.upn,
            detail: {
              conversation: model.conversationId,
              cardId: model.cardId,
              kind: model.kind,
              rules: [...new Set(row.steps.map((st) => st.rule))].join(' '),
            },
          }),
        );
    });
    await Promise.all(audits);
    if (result.queued > 0 || result.duplicates > 0)
      this.log('alerts.school-scanned', {
        school: school.urn,
        findings: result.findings,
        queued: result.queued,
        duplicates: result.duplicates,
      });
    return result;
  }
}
