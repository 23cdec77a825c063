import { describe, expect, it } from 'vitest';
import { decidePenaltyNotice, type PenaltyNoticeInput } from '../../rules/decisions/penaltyNotice.ts';
import { policyProfile } from '../../rules/policies/policyProfiles.ts';

function decide(input: Partial<PenaltyNoticeInput>, policy = 'national') {
  const full: PenaltyNoticeInput = {
    on: '2025-11-28',
    dateOfBirth: '2016-05-01',
    thresholdMet: true,
    holidayOnly: true,
    support: 'not-appropriate',
    previousNotices: [],
    ...input,
  };
  return decidePenaltyNotice(full, policyProfile(policy));
}

describe('penalty notice', () => {
  it('issues a first notice at £160, or £80 if paid within 21 days', () => {
    const d = decide({});
    expect(d.outcome).toBe('issue-penalty-notice');
    expect(d.noticeNumber).toBe(1);
    expect(d.amount).toEqual({ full: 160, payWithinDays: 28, reduced: 80, reducedWithinDays: 21 });
  });

  it('issues a second notice within 3 years at a flat £160', () => {
    const d = decide({ previousNotices: [{ issuedOn: '2024-11-01', status: 'paid' }] });
    expect(d.noticeNumber).toBe(2);
    expect(d.amount).toEqual({ full: 160, payWithinDays: 28 });
    expect(d.nextStep).toMatch(/no reduced rate/);
  });

  it('issues no third notice within 3 years and points to other measures', () => {
    const d = decide({
      previousNotices: [
        { issuedOn: '2024-11-01', status: 'paid' },
        { issuedOn: '2025-03-01', status: 'unpaid' },
      ],
    });
    expect(d.outcome).toBe('no-further-notice');
    expect(d.nextStep).toMatch(/prosecution/);
  });

  it('does not count withdrawn notices, notices over 3 years old or notices before 19 August 2024', () => {
    const d = decide({
      on: '2027-11-28',
      previousNotices: [
        { issuedOn: '2025-01-10', status: 'withdrawn' },
        { issuedOn: '2024-08-18', status: 'paid' },
        { issuedOn: '2024-11-27', status: 'paid' },
        { issuedOn: '2024-11-28', status: 'paid' },
      ],
    });
    expect(d.countedNotices).toEqual([]);
    expect(d.noticeNumber).toBe(1);
  });

  it('issues none for a pupil below compulsory school age', () => {
    expect(decide({ dateOfBirth: '2021-06-01' }).outcome).toBe('not-compulsory-school-age');
  });

  it('gives the pupil’s age as the reason for a reception pupil, not the threshold, even below it', () => {
    const d = decide({ dateOfBirth: '2021-06-01', thresholdMet: false });
    expect(d.outcome).toBe('not-compulsory-school-age');
    expect(d.reasons[0]).toMatch(/compulsory school age/);
  });

  it('issues none below the threshold', () => {
    expect(decide({ thresholdMet: false }).outcome).toBe('threshold-not-met');
  });

  it('asks for support first, then a notice to improve, before a penalty for irregular attendance', () => {
    expect(decide({ holidayOnly: false, support: 'not-offered-yet' }).outcome).toBe('offer-support-first');
    const nti = decide({ holidayOnly: false, support: 'not-engaged' });
    expect(nti.outcome).toBe('notice-to-improve-first');
    expect(nti.nextStep).toMatch(/3-6 weeks/);
    expect(
      decide({
        holidayOnly: false,
        support: 'not-engaged',
        noticeToImprove: { issuedOn: '2025-11-10', periodEnds: '2025-12-12', unauthorisedSessionsSince: 1 },
      }).outcome,
    ).toBe('improvement-period-running');
  });

  it('under 004 ends the 15-school-day warning early on any unauthorised absence', () => {
    const warned = { holidayOnly: false, support: 'not-engaged' as const };
    expect(decide(warned, 'stockport-bramhall').nextStep).toMatch(
      /15 school days with no unauthorised absence allowed/,
    );
    const broke = decide(
      {
        ...warned,
        noticeToImprove: { issuedOn: '2025-11-10', periodEnds: '2025-12-01', unauthorisedSessionsSince: 1 },
      },
      'stockport-bramhall',
    );
    expect(broke.outcome).toBe('issue-penalty-notice');
    const kept = decide(
      {
        ...warned,
        noticeToImprove: { issuedOn: '2025-11-10', periodEnds: '2025-12-01', unauthorisedSessionsSince: 0 },
      },
      'stockport-bramhall',
    );
    expect(kept.outcome).toBe('improvement-period-running');
  });
});
