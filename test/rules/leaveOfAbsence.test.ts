import { describe, expect, it } from 'vitest';
import { buildSchoolCalendar } from '../../rules/calendar/buildSchoolCalendar.ts';
import { decideLeaveOfAbsence, type LeaveRequest } from '../../rules/decisions/leaveOfAbsence.ts';
import { policyProfile } from '../../rules/policies/policyProfiles.ts';
import { AUTUMN_2025 } from '../support/registerFixture.ts';

const calendar = buildSchoolCalendar(AUTUMN_2025);
const parent = { relationship: 'Mother', livesWithPupil: true };

function decide(request: Partial<LeaveRequest>, policy = 'national') {
  const full: LeaveRequest = {
    applicant: parent,
    appliedOn: '2025-11-03',
    from: '2025-11-17',
    to: '2025-11-21',
    reason: 'holiday',
    evidenceProvided: false,
    dateOfBirth: '2016-05-01',
    ...request,
  };
  return decideLeaveOfAbsence(full, calendar, policyProfile(policy));
}

const check = (d: ReturnType<typeof decide>, id: string) => d.checks.find((c) => c.id === id);

describe('leave of absence', () => {
  it('refuses a term-time holiday, records G if taken, and opens the penalty route at 10 sessions', () => {
    const d = decide({});
    expect([d.sessionCount, d.schoolDays]).toEqual([10, 5]);
    expect(d.outcome).toBe('refuse');
    expect(check(d, 'exceptional-rare-significant')?.passed).toBe(false);
    expect(d.ifTakenAnyway).toMatchObject({ code: 'G', penaltyRoute: true, withoutWarning: false });
    expect(d.ifTakenAnyway.says).toMatch(/without a notice to improve/);
  });

  it('counts G toward the threshold without opening the penalty route for a shorter holiday (national)', () => {
    const d = decide({ to: '2025-11-20' });
    expect(d.sessionCount).toBe(8);
    expect(d.ifTakenAnyway.penaltyRoute).toBe(false);
    expect(d.ifTakenAnyway.says).toMatch(/8 sessions count toward the threshold of 10/);
  });

  it('goes to a penalty without a warning under 004 for 5 school days or more without consent', () => {
    const five = decide({}, 'stockport-bramhall');
    expect(five.ifTakenAnyway).toMatchObject({ penaltyRoute: true, withoutWarning: true });
    expect(five.ifTakenAnyway.citation.where).toMatch(/para 16/);
    expect(check(five, 'exceptional-rare-significant')?.says).toMatch(/never agrees term-time holidays/);
    const four = decide({ to: '2025-11-20' }, 'stockport-bramhall');
    expect(four.ifTakenAnyway).toMatchObject({ penaltyRoute: false, withoutWarning: false });
  });

  it('treats a funeral abroad asked for 3 school days ahead as exceptional, noting the notice shortfall under 001', () => {
    const d = decide(
      {
        reason: 'bereavement',
        appliedOn: '2025-11-12',
        from: '2025-11-17',
        to: '2025-11-19',
        evidenceProvided: true,
        couldBeTakenInHolidays: false,
      },
      'dudley-st-james',
    );
    expect(d.noticeSchoolDays).toBe(3); // Wed 12, Thu 13, Fri 14
    expect(check(d, 'notice')).toMatchObject({
      passed: false,
      says: expect.stringMatching(/Only 3 school days’ notice \(the policy asks for 10\)/),
    });
    expect(check(d, 'exceptional-rare-significant')?.passed).toBe(true);
    expect(d.outcome).toBe('grant-possible');
    expect(d.codeIfGranted).toBe('C');
    expect(d.summary).toMatch(/granted as C for 6 sessions \(3 school days\)/);
  });

  it('puts 12 sessions over 001’s cap, so at most 9 could be granted', () => {
    // Monday 17 to Monday 24 November: 6 school days, 12 sessions.
    const cap = decide(
      {
        reason: 'bereavement',
        appliedOn: '2025-10-01',
        from: '2025-11-17',
        to: '2025-11-24',
        evidenceProvided: true,
        couldBeTakenInHolidays: false,
      },
      'dudley-st-james',
    );
    expect(cap.sessionCount).toBe(12);
    expect(cap.outcome).toBe('refuse');
    expect(check(cap, 'short')).toMatchObject({
      passed: false,
      says: expect.stringMatching(/12 sessions: the policy never grants 10 sessions or more, so at most 9/),
    });
    expect(cap.maxGrantableSessions).toBe(9);
    expect(check(cap, 'notice')?.passed).toBe(true);
  });

  it('asks no notice under 001 for half a day of leave', () => {
    const d = decide(
      {
        reason: 'bereavement',
        appliedOn: '2025-11-14',
        from: '2025-11-17',
        to: '2025-11-17',
        fromSession: 'PM',
        evidenceProvided: true,
      },
      'dudley-st-james',
    );
    expect(d.sessionCount).toBe(1);
    expect(check(d, 'notice')).toBeUndefined();
  });

  it('refuses a request from a parent the pupil does not live with, or made after the leave began', () => {
    expect(
      decide({ reason: 'bereavement', applicant: { relationship: 'Father', livesWithPupil: false } }).outcome,
    ).toBe('refuse');
    expect(decide({ reason: 'bereavement', appliedOn: '2025-11-18' }).outcome).toBe('refuse');
  });

  it('costs nothing for weekends and the half-term inside the dates asked for', () => {
    const d = decide({ from: '2025-10-23', to: '2025-11-04' });
    expect(d.sessions.map((s) => s.date)).toEqual([
      '2025-10-23',
      '2025-10-23',
      '2025-10-24',
      '2025-10-24',
      '2025-11-04',
      '2025-11-04',
    ]);
  });

  it('uses the specific code for an interview, and leaves no penalty route below compulsory school age', () => {
    expect(decide({ reason: 'interview', from: '2025-11-17', to: '2025-11-17' }).codeIfGranted).toBe('J1');
    const young = decide({ dateOfBirth: '2021-06-01' });
    expect(young.ifTakenAnyway).toMatchObject({ code: 'G', penaltyRoute: false });
    expect(young.ifTakenAnyway.says).toMatch(/not of compulsory school age/);
  });
});

describe('leave of absence at exactly the policy’s cap', () => {
  const bereavement = {
    reason: 'bereavement',
    appliedOn: '2025-10-01',
    evidenceProvided: true,
    couldBeTakenInHolidays: false,
  } as const;

  it('refuses 10 sessions under 001 (never 10 sessions or more), saying at most 9 could be granted', () => {
    // Monday 17 to Friday 21 November: 5 school days, 10 sessions, exactly 001's cap.
    const d = decide({ ...bereavement, from: '2025-11-17', to: '2025-11-21' }, 'dudley-st-james');
    expect(d.sessionCount).toBe(10);
    expect(check(d, 'short')).toMatchObject({
      passed: false,
      says: '10 sessions: the policy never grants 10 sessions or more, so at most 9 could be granted',
    });
    expect(d.outcome).toBe('refuse');
  });

  it('passes 8 sessions under 001, one day under the cap, saying so', () => {
    const d = decide({ ...bereavement, from: '2025-11-17', to: '2025-11-20' }, 'dudley-st-james');
    expect(d.sessionCount).toBe(8);
    expect(check(d, 'short')).toMatchObject({ passed: true, says: '8 sessions, under the cap of 10' });
  });
});
