import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { EmbeddedStateStore } from '../../../adapters/store/embeddedStateStore.ts';
import { silentLog } from '../../../bot/log.ts';
import { CASE_OFFER_KIND, queueCaseOffers } from '../../../bot/meetings/caseOffers.ts';
import { listCases } from '../../../bot/meetings/caseStore.ts';
import { FindingsCache } from '../../../bot/schools/findingsCache.ts';
import { type SchoolData } from '../../../bot/schools/schoolData.ts';
import { policyProfile } from '../../../rules/policies/policyProfiles.ts';
import { AUTUMN_2025, makeRegister } from '../../support/registerFixture.ts';
import { FIXTURE_AS_OF, FIXTURE_SCHOOL } from '../support/botFixture.ts';

describe('offering cases when a pupil first becomes persistently or severely absent', () => {
  const dir = mkdtempSync(join(tmpdir(), 'case-offers-'));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));
  const register = makeRegister({
    ...FIXTURE_SCHOOL,
    calendar: AUTUMN_2025,
    pupils: [
      ...FIXTURE_SCHOOL.pupils,
      {
        givenName: 'Eve',
        familyName: 'Gone',
        yearGroup: '8',
        spans: [['2025-09-15', FIXTURE_AS_OF, 'O']],
        marksUntil: FIXTURE_AS_OF,
      },
    ],
  });
  const school: SchoolData = {
    urn: '100001',
    name: 'Oakfield Primary',
    register,
    policy: policyProfile('national'),
    asOf: FIXTURE_AS_OF,
    dir,
  };
  const now = new Date('2025-11-24T09:30:00Z');

  it('opens a case for the severely absent pupil, offers the persistently absent ones, and tells each conversation once', async () => {
    const store = EmbeddedStateStore.open(dir);
    await store.putConversation({
      conversationId: '19:channel',
      scope: 'channel',
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
    const cache = new FindingsCache();
    expect(await queueCaseOffers(store, [school], cache, '2025-11-24', now, silentLog)).toEqual({
      offered: 3,
      opened: 1,
      queued: 1,
    });
    const cases = await listCases(store, '100001');
    expect(cases.map((c) => [c.pupilName, c.openedBecause, c.history[0].by.id])).toEqual([
      ['Eve Gone', 'severe-absence', 'system:meetings'],
    ]);
    const [item] = await store.listOutbox();
    expect(item.kind).toBe(CASE_OFFER_KIND);
    expect(item.message.text.split('\n')).toEqual([
      'Newly persistently or severely absent at Oakfield Primary, with no case before:',
      '- Amy Smith (Year 9): persistently absent; say "open a case for Amy Smith"',
      '- Ben Jones (Year 9): persistently absent; say "open a case for Ben Jones"',
      '- Eve Gone (Year 8): severely absent; case opened, agree a joint approach with the LA',
    ]);
    expect(await queueCaseOffers(store, [school], cache, '2025-11-25', now, silentLog)).toEqual({
      offered: 2,
      opened: 0,
      queued: 0,
    });
    await store.close();
  });
});
