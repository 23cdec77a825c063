import { describe, expect, it } from 'vitest';
import { decidePenaltyNotice } from '../../rules/decisions/penaltyNotice.ts';
import { previousNoticeOf, sessionsNotYetPenalised } from '../../rules/decisions/penaltyHistory.ts';
import { policyProfile } from '../../rules/policies/policyProfiles.ts';

const s = (date: string, session: 'AM' | 'PM' = 'AM') => ({ date, session, code: 'O' });

describe('penalty history', () => {
  it('leaves out the sessions an earlier notice to the parent relied on, and nothing else', () => {
    const window = [s('2025-11-10'), s('2025-11-10', 'PM'), s('2025-11-20'), s('2025-11-21')];
    expect(sessionsNotYetPenalised(window, [{ sessions: [s('2025-11-10'), s('2025-11-10', 'PM')] }])).toEqual([
      s('2025-11-20'),
      s('2025-11-21'),
    ]);
  });

  it('takes a notice known only by its date to rely on every session up to that day', () => {
    const window = [s('2025-11-10'), s('2025-11-14', 'PM'), s('2025-11-17')];
    expect(sessionsNotYetPenalised(window, [{ issuedOn: '2025-11-14' }])).toEqual([s('2025-11-17')]);
  });

  it('counts a past notice issued exactly three years ago as outside the rolling period, and one a day later inside it', () => {
    const policy = policyProfile('national');
    const decide = (issuedOn: string) =>
      decidePenaltyNotice(
        {
          on: '2027-11-28',
          thresholdMet: true,
          holidayOnly: true,
          support: 'not-appropriate',
          previousNotices: [previousNoticeOf({ issuedOn, outcome: 'paid' })],
        },
        policy,
      );
    expect(decide('2024-11-28')).toMatchObject({ noticeNumber: 1, countedNotices: [] });
    expect(decide('2024-11-29')).toMatchObject({ noticeNumber: 2, amount: { full: 160 } });
    expect(
      decidePenaltyNotice(
        {
          on: '2027-11-28',
          thresholdMet: true,
          holidayOnly: true,
          support: 'not-appropriate',
          previousNotices: [previousNoticeOf({ issuedOn: '2024-11-29', outcome: 'withdrawn' })],
        },
        policy,
      ).noticeNumber,
    ).toBe(1);
  });
});
