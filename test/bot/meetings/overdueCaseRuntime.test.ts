import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { EmbeddedStateStore } from '../../../adapters/store/embeddedStateStore.ts';
import { type Clock } from '../../../adapters/teams/clock.ts';
import { parseScanTimes } from '../../../bot/alerts/scanTimes.ts';
import { silentLog } from '../../../bot/log.ts';
import { CASE_NAMESPACE } from '../../../bot/meetings/caseStore.ts';
import { CASE_OVERDUE_KIND } from '../../../bot/meetings/overdueCaseAlerts.ts';
import { startOverdueCaseRuntime } from '../../../bot/meetings/overdueCaseRuntime.ts';
import { FindingsCache } from '../../../bot/schools/findingsCache.ts';
import { type SchoolData } from '../../../bot/schools/schoolData.ts';
import { applyCaseChange } from '../../../rules/cases/applyCaseChange.ts';
import { caseId, openCase } from '../../../rules/cases/pupilCase.ts';
import { policyProfile } from '../../../rules/policies/policyProfiles.ts';
import { AUTUMN_2025, makeRegister } from '../../support/registerFixture.ts';

/**
 * Time that jumps straight to whatever the schedule sleeps until, and calls `passed` (once) on reaching
 * `until`: the schedule runs in virtual time, with no timers.
 */
class JumpingClock implements Clock {
  private done = false;
  constructor(
    private at: number,
    private readonly until: number,
    private readonly passed: () => void,
  ) {}
  now = () => this.at;
  sleep = async (ms: number) => {
    this.at += Math.max(0, ms);
    if (!this.done && this.at >= this.until) {
      this.done = true;
      this.passed();
    }
  };
}

describe('the overdue-case check on the alert schedule', () => {
  const dirs: string[] = [];
  afterEach(() => dirs.splice(0).forEach((d) => rmSync(d, { recursive: true, force: true })));

  it('raises an action due before half-term once, on the next scheduled school-day check, and nothing in the holiday', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'overdue-runtime-'));
    dirs.push(dir);
    const store = EmbeddedStateStore.open(dir);
    const policy = policyProfile('national');
    const register = makeRegister({
      school: { urn: '100001', name: 'Oakfield', policy: 'national' },
      calendar: AUTUMN_2025,
      pupils: [{ givenName: 'Amy', familyName: 'Smith', yearGroup: '9' }],
    });
    const school: SchoolData = { urn: '100001', name: 'Oakfield', register, policy, asOf: '2025-10-22', dir };
    const by = { id: 'aad-ann', name: 'Ann Lead' };
    const upn = register.pupils[0].upn;
    const opened = openCase({
      schoolUrn: '100001',
      upn,
      pupilName: 'Amy Smith',
      yearGroup: '9',
      because: 'staff',
      stageId: 'monitor',
      today: '2025-10-20',
      at: '2025-10-20T10:00:00Z',
      by,
    });
    const withAction = applyCaseChange(
      opened,
      { kind: 'add-action', what: 'Phone parents', party: 'school', due: '2025-10-23' },
      { policy, today: '2025-10-20', at: '2025-10-20T10:00:00Z', by },
    );
    await store.putRecord(CASE_NAMESPACE, caseId('100001', upn), withAction, null);
    await store.putConversation({
      conversationId: '19:channel',
      scope: 'channel',
      reference: { serviceUrl: 'http://127.0.0.1:1/' },
      installedAt: '2025-09-01T00:00:00Z',
    });
    await store.putBinding({
      conversationId: '19:channel',
      schoolUrn: '100001',
      privacy: 'limited',
      alertsOff: [],
      boundAt: '2025-09-01T00:00:00Z',
    });

    const deliveries: string[] = [];
    let runtime: { stop(): void } | undefined;
    // Stops when the schedule sleeps past the first check after half-term (Tuesday 4 November, 09:30 GMT).
    const finished = new Promise<void>((resolve) => {
      const clock: JumpingClock = new JumpingClock(
        Date.parse('2025-10-23T07:00:00Z'),
        Date.parse('2025-11-04T12:00:00Z'),
        () => {
          runtime!.stop();
          resolve();
        },
      );
      runtime = startOverdueCaseRuntime({
        schools: [school],
        store,
        cache: new FindingsCache(),
        log: silentLog,
        clock,
        config: { scanTimes: parseScanTimes('09:30,14:00'), timeZone: 'Europe/London', scheduledScans: true },
        deliver: async () => {
          deliveries.push(new Date(clock.now()).toISOString());
        },
      });
    });
    await finished;
    expect(deliveries).toEqual(['2025-10-24T08:30:00.000Z']);
    const queued = await store.listOutbox();
    expect(queued.map((i) => i.kind)).toEqual([CASE_OVERDUE_KIND]);
    expect(queued[0].message.text).toContain('Amy Smith: Phone parents (Ann Lead) was due Thu, 23 Oct 2025');
    await store.close();
  });
});
