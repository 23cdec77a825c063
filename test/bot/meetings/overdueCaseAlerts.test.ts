import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { EmbeddedStateStore } from '../../../adapters/store/embeddedStateStore.ts';
import { silentLog } from '../../../bot/log.ts';
import { CASE_ALERTS } from '../../../bot/meetings/caseAlertsSwitch.ts';
import { CASE_NAMESPACE } from '../../../bot/meetings/caseStore.ts';
import { queueOverdueCaseAlerts } from '../../../bot/meetings/overdueCaseAlerts.ts';
import { type SchoolData } from '../../../bot/schools/schoolData.ts';
import { applyCaseChange, type CaseChange } from '../../../rules/cases/applyCaseChange.ts';
import { caseId, openCase } from '../../../rules/cases/pupilCase.ts';
import { policyProfile } from '../../../rules/policies/policyProfiles.ts';
import { AUTUMN_2025, makeRegister } from '../../support/registerFixture.ts';

describe('overdue case actions through the alerts outbox', () => {
  const dir = mkdtempSync(join(tmpdir(), 'overdue-alerts-'));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('tells the school’s channel of every overdue action and the following LA officer of the LA’s, each once', async () => {
    const store = EmbeddedStateStore.open(dir);
    const policy = policyProfile('national');
    const register = makeRegister({
      school: { urn: '100001', name: 'Oakfield', policy: 'national' },
      calendar: AUTUMN_2025,
      pupils: [{ givenName: 'Amy', familyName: 'Smith', yearGroup: '9' }],
    });
    const school: SchoolData = { urn: '100001', name: 'Oakfield', register, policy, asOf: '2025-11-21', dir };
    const by = { id: 'aad-ann', name: 'Ann Lead' };
    const upn = register.pupils[0].upn;
    const changes: CaseChange[] = [
      { kind: 'add-action', what: 'Phone parents', party: 'school', due: '2025-11-25' },
      { kind: 'add-action', what: 'Early help referral', party: 'la', owner: 'Omar Officer', due: '2025-11-25' },
      { kind: 'add-action', what: 'Not yet due', party: 'la', owner: 'Omar Officer', due: '2025-12-25' },
    ];
    const c = changes.reduce(
      (acc, change) => applyCaseChange(acc, change, { policy, today: '2025-11-24', at: '2025-11-24T10:00:00Z', by }),
      openCase({
        schoolUrn: '100001',
        upn,
        pupilName: 'Amy Smith',
        yearGroup: '9',
        because: 'staff',
        stageId: 'monitor',
        today: '2025-11-24',
        at: '2025-11-24T09:00:00Z',
        by,
      }),
    );
    await store.putRecord(CASE_NAMESPACE, caseId('100001', upn), c, null);
    for (const conversationId of ['19:channel', 'a:officer-chat'])
      await store.putConversation({
        conversationId,
        scope: conversationId === '19:channel' ? 'channel' : 'personal',
        reference: {},
        installedAt: '2025-09-01T00:00:00Z',
      });
    await store.putBinding({
      conversationId: '19:channel',
      schoolUrn: '100001',
      privacy: 'limited',
      alertsOff: [],
      boundAt: '2025-09-01T00:00:00Z',
    });
    await store.putSubscription({
      userId: 'aad-omar',
      conversationId: 'a:officer-chat',
      schools: ['100001'],
      updatedAt: '2025-09-01T00:00:00Z',
    });

    expect(
      (await queueOverdueCaseAlerts(store, [school], '2025-11-25', new Date('2025-11-25T09:30:00Z'), silentLog)).queued,
    ).toBe(0);
    expect(
      await queueOverdueCaseAlerts(store, [school], '2025-11-26', new Date('2025-11-26T09:30:00Z'), silentLog),
    ).toEqual({ schools: 1, overdue: 2, queued: 2 });
    const byConversation = Object.fromEntries(
      (await store.listOutbox()).map((i) => [i.conversationId, i.message.text]),
    );
    expect(byConversation['19:channel']).toContain('Amy Smith: Phone parents (Ann Lead) was due Tue, 25 Nov 2025');
    expect(byConversation['19:channel']).toContain('Amy Smith: Early help referral (Omar Officer) was due');
    expect(byConversation['a:officer-chat']).toContain('Early help referral');
    expect(byConversation['a:officer-chat']).not.toContain('Phone parents');
    expect(
      (await queueOverdueCaseAlerts(store, [school], '2025-11-27', new Date('2025-11-27T09:30:00Z'), silentLog)).queued,
    ).toBe(0);
    // "case alerts off" in the channel: a review that goes overdue later reaches nobody there.
    await store.putBinding({
      conversationId: '19:channel',
      schoolUrn: '100001',
      privacy: 'limited',
      alertsOff: [CASE_ALERTS],
      boundAt: '2025-09-01T00:00:00Z',
    });
    const reviewed = applyCaseChange(
      c,
      { kind: 'next-review', date: '2025-12-01' },
      { policy, today: '2025-11-27', at: '2025-11-27T10:00:00Z', by },
    );
    await store.putRecord(CASE_NAMESPACE, caseId('100001', upn), reviewed, 1);
    expect(
      await queueOverdueCaseAlerts(store, [school], '2025-12-02', new Date('2025-12-02T09:30:00Z'), silentLog),
    ).toEqual({ schools: 1, overdue: 3, queued: 0 });
    await store.close();
  });
});
