import { describe, expect, it } from 'vitest';
import { alertCardFits, alertCardText, renderAlertCard } from '../../../cards/alerts/alertCard.ts';
import { ALERT_KIND_NAMES, alertKindOf } from '../../../bot/alerts/alertKinds.ts';
import { planAlerts, type AlertAudience } from '../../../bot/alerts/planAlerts.ts';
import { completeFindings } from '../../../rules/findings/completeFindings.ts';
import { oracleFindings as evaluateFindings } from '../../oracle/findingsOracle.ts';
import { policyProfile } from '../../../rules/policies/policyProfiles.ts';
import { AUTUMN_2025, fixtureUpn, makeRegister } from '../../support/registerFixture.ts';
import { expectValidCard } from '../../support/validateCard.ts';

const policy = policyProfile('derby');
const AS_OF = '2025-11-20';
const channel: AlertAudience = {
  conversationId: 'c',
  privacy: 'limited',
  audience: 'school',
  kinds: [...ALERT_KIND_NAMES],
};

function scan(nextReview: string) {
  const register = makeRegister({
    school: { urn: '100001', name: 'Oakfield', policy: 'derby' },
    calendar: AUTUMN_2025,
    pupils: [{ givenName: 'Par', familyName: 'Time', spans: [['2025-11-10', AS_OF, '/C2']] }],
  });
  register.partTimeTimetables = [
    {
      upn: fixtureUpn(1),
      start: '2025-11-10',
      proposedEnd: '2025-12-19',
      sessionsOff: [1, 2, 3, 4, 5].map((weekday) => ({ weekday: weekday as 1 | 2 | 3 | 4 | 5, half: 'PM' as const })),
      schoolAgreedOn: '2025-11-06',
      parentAgreedOn: '2025-11-07',
      nextReview,
      reviews: [],
    },
  ];
  const findings = completeFindings(register, evaluateFindings(register, { asOf: AS_OF, policy }), {
    asOf: AS_OF,
    policy,
  });
  return planAlerts({
    school: { urn: '100001', name: 'Oakfield', policy },
    asOf: AS_OF,
    findings,
    audiences: [channel],
    delivered: new Set(),
    acknowledged: new Set(),
  });
}

describe('part-time timetable alerts', () => {
  it('raise a review overdue, with the timetable’s dates and a button to record the review arranged', () => {
    const planned = scan('2025-11-19').filter((p) => p.model.kind === 'part-time-timetable');
    expect(planned).toHaveLength(1);
    const row = planned[0].model.rows[0];
    expect(row.actions).toEqual(['review-arranged', 'escalate']);
    expect(row.steps[0].evidence.map((e) => e.title)).toEqual(['On the timetable since', 'Ends', 'Review was due']);
    const card = renderAlertCard(planned[0].model);
    expectValidCard(card);
    expect(alertCardFits(planned[0].model)).toBe(true);
    expect(alertCardText(planned[0].model)).toMatch(/overdue a review/);
    expect(row.steps[0].citation).toMatch(/para 19/);
  });

  it('do not alert a review that is only coming up: that is for the lists', () => {
    expect(scan('2025-11-24').filter((p) => p.model.kind === 'part-time-timetable')).toEqual([]);
    expect(alertKindOf('part-time-review-due')).toBeNull();
  });
});
