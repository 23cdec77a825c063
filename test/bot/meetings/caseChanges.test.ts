import { describe, expect, it } from 'vitest';
import {
  applyCaseChange,
  CaseChangeError,
  suggestedNextReview,
  type CaseChangeContext,
} from '../../../rules/cases/applyCaseChange.ts';
import { actionsOwnedBy, overdueItems } from '../../../rules/cases/caseDue.ts';
import { openCase, type PupilCase } from '../../../rules/cases/pupilCase.ts';
import { policyProfile } from '../../../rules/policies/policyProfiles.ts';

const bramhall = policyProfile('stockport-bramhall');
const lead = { id: 'aad-lead', name: 'Ann Lead' };
const officer = { id: 'aad-officer', name: 'Omar Officer' };

function fresh(): PupilCase {
  return openCase({
    schoolUrn: '100001',
    upn: 'A820123425001',
    pupilName: 'Amy Smith',
    yearGroup: '9',
    because: 'staff',
    stageId: 'stage-1',
    today: '2025-11-24',
    at: '2025-11-24T09:00:00.000Z',
    by: lead,
  });
}

function ctx(by = lead, extra: Partial<CaseChangeContext> = {}): CaseChangeContext {
  return { policy: bramhall, today: '2025-11-24', at: '2025-11-24T10:00:00.000Z', by, ...extra };
}

describe('case changes', () => {
  it('records an agreed action with its party, owner and due date, and writes it to the history', () => {
    const c = applyCaseChange(
      fresh(),
      { kind: 'add-action', what: 'Home visit', party: 'school', owner: 'Ms Patel', due: '2025-12-01' },
      ctx(lead, { meetingId: 'm1' }),
    );
    expect(c.actions).toEqual([
      {
        id: 'a1',
        what: 'Home visit',
        party: 'school',
        owner: 'Ms Patel',
        due: '2025-12-01',
        agreedOn: '2025-11-24',
        agreedBy: lead,
        meetingId: 'm1',
      },
    ]);
    expect(c.history.at(-1)).toMatchObject({ kind: 'action-agreed', by: lead, actionId: 'a1', meetingId: 'm1' });
  });

  it('makes the person recording an action its owner when no owner is named', () => {
    const c = applyCaseChange(
      fresh(),
      { kind: 'add-action', what: 'Call parents', party: 'school', due: '2025-11-28' },
      ctx(officer),
    );
    expect(c.actions[0]).toMatchObject({ owner: 'Omar Officer', ownerId: 'aad-officer' });
  });

  it('gives two changes applied in turn to the latest version both a place, with distinct action ids', () => {
    const first = applyCaseChange(
      fresh(),
      { kind: 'add-action', what: 'Home visit', party: 'school', due: '2025-12-01' },
      ctx(lead),
    );
    const second = applyCaseChange(
      first,
      { kind: 'add-action', what: 'Early help referral', party: 'la', due: '2025-12-05' },
      ctx(officer),
    );
    expect(second.actions.map((a) => [a.id, a.what])).toEqual([
      ['a1', 'Home visit'],
      ['a2', 'Early help referral'],
    ]);
  });

  it('refuses an action due in the past and a stage the profile does not have', () => {
    expect(() =>
      applyCaseChange(fresh(), { kind: 'add-action', what: 'X', party: 'school', due: '2025-11-20' }, ctx()),
    ).toThrow(CaseChangeError);
    expect(() => applyCaseChange(fresh(), { kind: 'stage', stageId: 'stage-9' }, ctx())).toThrow(/no stage "stage-9"/);
  });

  it('moves the stage by the profile’s names and leaves the history alone when nothing changes', () => {
    const moved = applyCaseChange(fresh(), { kind: 'stage', stageId: 'stage-2' }, ctx());
    expect(moved.history.at(-1)?.summary).toBe(
      'Moved to Stage 2: Getting help (action) (from Stage 1: Getting help (noticing period))',
    );
    expect(applyCaseChange(moved, { kind: 'stage', stageId: 'stage-2' }, ctx())).toBe(moved);
  });

  it('marks an action done once, by whom and when', () => {
    const withAction = applyCaseChange(
      fresh(),
      { kind: 'add-action', what: 'Home visit', party: 'school', due: '2025-12-01' },
      ctx(),
    );
    const done = applyCaseChange(withAction, { kind: 'action-done', actionId: 'a1' }, ctx(officer));
    expect(done.actions[0].done).toEqual({ on: '2025-11-24', by: officer });
    expect(applyCaseChange(done, { kind: 'action-done', actionId: 'a1' }, ctx())).toBe(done);
  });

  it('records a review when the next review is set, so the trend starts from today', () => {
    const c = applyCaseChange(fresh(), { kind: 'next-review', date: '2026-01-05' }, ctx());
    expect(c.reviewedOn).toEqual(['2025-11-24']);
    expect(c.nextReview).toBe('2026-01-05');
  });

  it('keeps a sensitive barrier’s words out of the history', () => {
    const c = applyCaseChange(fresh(), { kind: 'barrier', text: 'Mother in hospital', sensitive: true }, ctx());
    expect(c.barriers[0].text).toBe('Mother in hospital');
    expect(JSON.stringify(c.history)).not.toContain('hospital');
  });
});

describe('overdue items and owners', () => {
  const c = [
    { kind: 'add-action', what: 'Home visit', party: 'school', owner: 'Ms Patel', due: '2025-11-26' },
    { kind: 'add-action', what: 'Call parents', party: 'school', due: '2025-12-10' },
    { kind: 'next-review', date: '2025-12-01' },
  ].reduce((acc, change) => applyCaseChange(acc, change as never, ctx()), fresh());

  it('raises an action the day after it was due, not on the day', () => {
    expect(overdueItems(c, '2025-11-26')).toEqual([]);
    expect(overdueItems(c, '2025-11-27').map((i) => i.key)).toEqual(['case-action|100001|A820123425001|a1|2025-11-26']);
  });

  it('raises a review once its date has passed', () => {
    expect(overdueItems(c, '2025-12-02').map((i) => i.kind)).toEqual(['action', 'review']);
  });

  it('finds a person’s open actions by id or by the name they were agreed under', () => {
    expect(actionsOwnedBy([c], { id: 'someone', name: 'ms patel' }).map((x) => x.action.what)).toEqual(['Home visit']);
    expect(actionsOwnedBy([c], { id: 'aad-lead' }).map((x) => x.action.what)).toEqual(['Call parents']);
  });
});

describe('the meeting’s date', () => {
  it('is the date in London, so just after midnight in summer is already the next day', async () => {
    const { todayOf } = await import('../../../bot/meetings/meetingsServices.ts');
    expect(todayOf({ now: () => new Date('2025-06-30T23:30:00Z') })).toBe('2025-07-01');
    expect(todayOf({ now: () => new Date('2025-12-31T23:30:00Z') })).toBe('2025-12-31');
  });
});

describe('the suggested review date', () => {
  it('falls at the start of the stage’s review interval: 4 weeks on for Bramhall’s Stage 2 (every 4-6 weeks)', () => {
    expect(suggestedNextReview(bramhall, 'stage-2', '2025-11-21')).toBe('2025-12-19');
    // Across a month end and into the new year, counted in calendar weeks.
    expect(suggestedNextReview(bramhall, 'stage-2', '2025-12-10')).toBe('2026-01-07');
  });

  it('is not suggested for a stage with no review interval, or a stage the profile does not have', () => {
    expect(suggestedNextReview(bramhall, 'stage-1', '2025-11-21')).toBeUndefined();
    expect(suggestedNextReview(bramhall, 'no-such-stage', '2025-11-21')).toBeUndefined();
  });
});
