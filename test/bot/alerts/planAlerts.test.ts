import { describe, expect, it } from 'vitest';
import { alertCardFits, alertCardText, renderAlertCard } from '../../../cards/alerts/alertCard.ts';
import { alertKey, deliveryKey } from '../../../bot/alerts/alertKeys.ts';
import { audiencesForSchool, planAlerts, type AlertAudience } from '../../../bot/alerts/planAlerts.ts';
import { ALERT_KIND_NAMES, LA_FACING_KINDS } from '../../../bot/alerts/alertKinds.ts';
import { registerFindings } from '../../../rules/engine/registerFindings.ts';
import { policyProfile } from '../../../rules/policies/policyProfiles.ts';
import { AUTUMN_2025, makeRegister } from '../../support/registerFixture.ts';
import { expectValidCard } from '../../support/validateCard.ts';
import { alertRegister, SCAN_DAY } from './alertScenario.ts';

const policy = policyProfile('national');
const school = { urn: '100001', name: 'Oakfield Academy', policy };
const findings = registerFindings(alertRegister(), { asOf: SCAN_DAY, policy }).findings();
const channel: AlertAudience = {
  conversationId: 'channel-1',
  privacy: 'limited',
  audience: 'school',
  kinds: [...ALERT_KIND_NAMES],
};
const officer: AlertAudience = {
  conversationId: 'officer-chat',
  privacy: 'limited',
  audience: 'la',
  kinds: [...LA_FACING_KINDS],
};

function plan(audiences: AlertAudience[], delivered = new Set<string>(), acknowledged = new Set<string>()) {
  return planAlerts({ school, asOf: SCAN_DAY, findings, audiences, delivered, acknowledged });
}

describe('alert planning', () => {
  it('puts every pupil with N today, the day-3 follow-up and the overdue N in one digest for the channel', () => {
    const digest = plan([channel]).filter((p) => p.model.kind === 'unexplained');
    expect(digest).toHaveLength(1);
    const rows = digest[0].model.rows;
    expect(rows.map((r) => r.pupilName)).toEqual(['Amy Day-One', 'Ben Third-Day', 'Cara Worker', 'Dan Old-N']);
    const ben = rows.find((r) => r.pupilName === 'Ben Third-Day')!;
    expect(ben.steps.map((s) => s.rule)).toEqual(['unexplained-absence', 'unexplained-3-days']);
    expect(ben.actions).toEqual(['reason-received', 'parents-called', 'home-visit-done', 'escalate']);
    expect(rows.find((r) => r.pupilName === 'Dan Old-N')!.steps[0].nextStep).toMatch(/^Correct the register now/);
  });

  it('raises a sickness return for the pupil who reached 15 days and not the one on 14', () => {
    const sickness = plan([channel]).filter((p) => p.model.kind === 'sickness-return');
    expect(sickness.map((p) => p.model.rows[0].pupilName)).toEqual(['Eve Fifteen']);
  });

  it('raises continuous absence and the penalty threshold with support-first wording', () => {
    const planned = plan([channel]);
    expect(planned.filter((p) => p.model.kind === 'continuous-absence').map((p) => p.model.rows[0].pupilName)).toEqual([
      'Hal Missing',
    ]);
    const threshold = planned.filter((p) => p.model.kind === 'penalty-threshold');
    expect(threshold.map((p) => p.model.rows[0].pupilName).sort()).toEqual(['Hal Missing', 'Ida Holiday']);
    expect(threshold[0].model.intro).toMatch(/Support comes first/);
    const ida = threshold.find((p) => p.model.rows[0].pupilName === 'Ida Holiday')!;
    expect(ida.model.rows[0].steps[0].nextStep).toMatch(/without a notice to improve/);
  });

  it('raises the 20-day deletion ground on the same card as the 10-day continuous absence, with reasonable enquiries', () => {
    const missing = makeRegister({
      school: { urn: '100001', name: 'Oakfield Academy' },
      calendar: AUTUMN_2025,
      pupils: [
        { givenName: 'Lost', familyName: 'Pupil', spans: [['2025-10-08', SCAN_DAY, 'O']], marksUntil: SCAN_DAY },
      ],
    });
    const planned = planAlerts({
      school,
      asOf: SCAN_DAY,
      findings: registerFindings(missing, { asOf: SCAN_DAY, policy }).findings(),
      audiences: [channel],
      delivered: new Set(),
      acknowledged: new Set(),
    });
    const [card] = planned.filter((p) => p.model.kind === 'continuous-absence');
    expect(card.model.rows[0].steps.map((s) => s.rule)).toEqual([
      'continuous-unauthorised-10-days',
      'deletion-ground-20-days',
    ]);
    expect(card.model.rows[0].steps[1].nextStep).toMatch(/^Do not delete yet/);
    expect(card.model.intro).toMatch(/reasonable enquiries/);
    expect(card.deliveryKeys).toHaveLength(2);
  });

  it('tells a limited channel only that extra safeguarding steps apply, never that the pupil has a social worker', () => {
    const [digest] = plan([channel]).filter((p) => p.model.kind === 'unexplained');
    const cara = digest.model.rows.find((r) => r.pupilName === 'Cara Worker')!;
    expect(cara.steps.map((s) => s.title)).toContain('Extra safeguarding steps apply');
    const card = JSON.stringify(renderAlertCard(digest.model));
    expect(card).not.toMatch(/social worker/i);
    expect(alertCardText(digest.model)).not.toMatch(/social worker/i);
    expect(card).toContain('Safeguarding step done');
  });

  it('tells a full-view conversation to inform the social worker, citing the source', () => {
    const [digest] = plan([{ ...channel, privacy: 'full' }]).filter((p) => p.model.kind === 'unexplained');
    const cara = digest.model.rows.find((r) => r.pupilName === 'Cara Worker')!;
    expect(cara.steps[1].nextStep).toBe(policy.unexplainedAbsence.socialWorkerStep);
    expect(cara.steps[1].citation).toContain(policy.unexplainedAbsence.socialWorkerCitation.where);
    expect(JSON.stringify(renderAlertCard(digest.model))).toContain('Social worker told');
  });

  it('sends LA officers the LA-facing alerts only', () => {
    const kinds = new Set(plan([officer]).map((p) => p.model.kind));
    expect(kinds).toEqual(new Set(['sickness-return', 'continuous-absence', 'penalty-threshold']));
    expect(plan([officer]).every((p) => p.model.audience === 'la')).toBe(true);
  });

  it('plans nothing when everything was already delivered to that conversation', () => {
    const first = plan([channel, officer]);
    const delivered = new Set(first.flatMap((p) => p.deliveryKeys));
    expect(plan([channel, officer], delivered)).toEqual([]);
    // A channel bound later still hears what is current.
    expect(plan([{ ...channel, conversationId: 'channel-2' }], delivered).length).toBeGreaterThan(0);
  });

  it('does not raise again an alert someone has acted on', () => {
    const amy = findings.find((f) => f.pupilName === 'Amy Day-One')!;
    const [digest] = plan([channel], new Set(), new Set([alertKey('100001', amy)])).filter(
      (p) => p.model.kind === 'unexplained',
    );
    expect(digest.model.rows.map((r) => r.pupilName)).not.toContain('Amy Day-One');
  });

  it('raises only the new pupil at the afternoon scan', () => {
    const morning = plan([channel]);
    const delivered = new Set(morning.flatMap((p) => p.deliveryKeys));
    const extra = {
      ...findings.find((f) => f.pupilName === 'Amy Day-One')!,
      upn: 'X000000000001',
      pupilName: 'Zed Afternoon',
    };
    const afternoon = planAlerts({
      school,
      asOf: SCAN_DAY,
      findings: [...findings, extra],
      audiences: [channel],
      delivered,
      acknowledged: new Set(),
    });
    expect(afternoon.map((p) => p.model.rows.map((r) => r.pupilName))).toEqual([['Zed Afternoon']]);
    expect(afternoon[0].deliveryKeys).toEqual([deliveryKey(alertKey('100001', extra), 'channel-1')]);
  });

  it('respects alerts switched off and conversations no longer installed when choosing audiences', () => {
    const conversations = [
      { conversationId: 'c1', scope: 'channel' as const, reference: {}, installedAt: 'x', tenantId: 't' },
    ];
    const bindings = [
      {
        conversationId: 'c1',
        schoolUrn: '100001',
        privacy: 'limited' as const,
        alertsOff: ['penalty-threshold'],
        boundAt: 'x',
      },
      { conversationId: 'gone', schoolUrn: '100001', privacy: 'limited' as const, alertsOff: [], boundAt: 'x' },
      { conversationId: 'c1-other', schoolUrn: '100002', privacy: 'limited' as const, alertsOff: [], boundAt: 'x' },
    ];
    const subs = [
      { userId: 'u', conversationId: 'c1', schools: 'all' as const, updatedAt: 'x' },
      { userId: 'v', conversationId: 'c1', schools: ['100009'], updatedAt: 'x' },
    ];
    const audiences = audiencesForSchool('100001', bindings, subs, conversations);
    expect(audiences).toEqual([
      {
        conversationId: 'c1',
        tenantId: 't',
        privacy: 'limited',
        audience: 'school',
        kinds: ['unexplained', 'sickness-return', 'continuous-absence', 'part-time-timetable'],
      },
      { conversationId: 'c1', tenantId: 't', privacy: 'limited', audience: 'la', kinds: [...LA_FACING_KINDS] },
    ]);
  });

  it('every card it draws is a valid Teams card naming the rule (by its title, never its id), evidence and citation', () => {
    for (const p of plan([channel, officer, { ...channel, conversationId: 'full', privacy: 'full' }])) {
      const card = renderAlertCard(p.model);
      expectValidCard(card, p.model.title);
      const json = JSON.stringify(card);
      for (const step of p.model.rows.flatMap((r) => r.steps).filter((s) => s.citation)) {
        expect(json).toContain(step.title);
        expect(json).not.toContain(`Rule ${step.rule}`);
        expect(json).toContain(step.citation);
      }
      expect(json).toMatch(/"type":"FactSet","spacing":"Small","facts":\[\{"title":"/);
    }
  });

  it('splits a digest of 60 pupils into cards that each stay under 28 KB', () => {
    const many = makeRegister({
      school: { urn: '100001', name: 'Big School' },
      calendar: AUTUMN_2025,
      pupils: Array.from({ length: 60 }, (_, i) => ({
        givenName: `Pupil${i}`,
        familyName: 'Absent-With-A-Long-Family-Name',
        days: { [SCAN_DAY]: 'N' },
        marksUntil: SCAN_DAY,
      })),
    });
    const planned = planAlerts({
      school,
      asOf: SCAN_DAY,
      findings: registerFindings(many, { asOf: SCAN_DAY, policy }).findings(),
      audiences: [channel],
      delivered: new Set(),
      acknowledged: new Set(),
    });
    const digests = planned.filter((p) => p.model.kind === 'unexplained');
    expect(digests.map((d) => d.model.part)).toEqual([1, 2, 3, 4, 5, 6].map((n) => ({ n, of: 6 })));
    expect(digests.flatMap((d) => d.model.rows)).toHaveLength(60);
    for (const d of digests) expectValidCard(renderAlertCard(d.model));
  });

  it('splits a digest of long rows by size, so no part goes over 28 KB', () => {
    const heavy = makeRegister({
      school: { urn: '100001', name: 'Big School' },
      calendar: AUTUMN_2025,
      pupils: Array.from({ length: 30 }, (_, i) => ({
        givenName: `Pupil${i}`,
        familyName: 'Absent',
        socialWorker: true,
        days: { '2025-10-01': 'N', '2025-11-10': 'N', '2025-11-11': 'N', [SCAN_DAY]: 'N' },
        marksUntil: SCAN_DAY,
      })),
    });
    const planned = planAlerts({
      school,
      asOf: SCAN_DAY,
      findings: registerFindings(heavy, { asOf: SCAN_DAY, policy }).findings(),
      audiences: [{ ...channel, privacy: 'full' }],
      delivered: new Set(),
      acknowledged: new Set(),
      fits: alertCardFits,
    });
    const digests = planned.filter((p) => p.model.kind === 'unexplained');
    expect(digests.flatMap((d) => d.model.rows)).toHaveLength(30);
    expect(digests.length).toBeGreaterThan(3);
    for (const d of digests) expectValidCard(renderAlertCard(d.model));
  });
});
