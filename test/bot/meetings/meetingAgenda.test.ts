import { describe, expect, it } from 'vitest';
import { applyCaseChange } from '../../../rules/cases/applyCaseChange.ts';
import { buildMeetingAgenda, type AgendaInput } from '../../../rules/cases/meetingAgenda.ts';
import { buildMeetingMinutes } from '../../../rules/cases/meetingMinutes.ts';
import { openCase, type PupilCase } from '../../../rules/cases/pupilCase.ts';
import { registerFindings } from '../../../rules/engine/registerFindings.ts';
import { createEvaluationContext } from '../../../rules/findings/evaluationContext.ts';
import { policyProfile } from '../../../rules/policies/policyProfiles.ts';
import { type Register } from '../../../rules/register/register.ts';
import { AUTUMN_2025, makeRegister } from '../../support/registerFixture.ts';

const AS_OF = '2025-11-21';
const FROM = '2025-10-10';
const national = policyProfile('national');

/** Sev: absent since 15 Sep (severe); Per: 12 sessions of illness in September (persistent); Ris: 8 sessions G (at risk); Par: C2 every afternoon from 10 Nov; Ali: present. */
function school(policy = 'national', urn = '100001'): Register {
  return makeRegister({
    school: { urn, name: 'Oakfield', localAuthority: 'Fixture LA', policy },
    calendar: AUTUMN_2025,
    pupils: [
      { givenName: 'Sev', familyName: 'Ere', yearGroup: '9', spans: [['2025-09-15', AS_OF, 'O']], marksUntil: AS_OF },
      {
        givenName: 'Per',
        familyName: 'Sist',
        yearGroup: '8',
        spans: [['2025-09-15', '2025-09-19', 'I']],
        days: { '2025-09-22': 'I' },
        marksUntil: AS_OF,
      },
      {
        givenName: 'Ris',
        familyName: 'Kee',
        yearGroup: '7',
        fsm: true,
        spans: [['2025-10-20', '2025-10-23', 'G']],
        marksUntil: AS_OF,
      },
      {
        givenName: 'Par',
        familyName: 'Time',
        yearGroup: '7',
        spans: [['2025-11-10', AS_OF, '/C2']],
        marksUntil: AS_OF,
      },
      { givenName: 'Ali', familyName: 'There', yearGroup: '8', marksUntil: AS_OF },
    ],
  });
}

function input(register: Register, cases: PupilCase[] = [], extra: Partial<AgendaInput> = {}): AgendaInput {
  const policy = policyProfile(register.school.policy ?? 'national');
  return {
    schoolName: 'Oakfield',
    now: createEvaluationContext(register, { asOf: AS_OF, policy }),
    findings: registerFindings(register, { asOf: AS_OF, policy }).findings(),
    movement: {
      from: FROM,
      before: createEvaluationContext(register, { asOf: '2025-10-09', policy }),
      since: createEvaluationContext(register, { asOf: AS_OF, policy, periodStart: FROM }),
    },
    localAuthority: null,
    national: (filter) =>
      Object.keys(filter).length === 0 ? { absencePercent: 6.38, persistentAbsencePercent: 17.79 } : null,
    cases,
    ...extra,
  };
}

const lead = { id: 'aad-lead', name: 'Ann Lead' };
function caseFor(register: Register, p: number): PupilCase {
  const pupil = register.pupils[p];
  return openCase({
    schoolUrn: '100001',
    upn: pupil.upn,
    pupilName: `${pupil.givenName} ${pupil.familyName}`,
    yearGroup: pupil.yearGroup,
    because: 'staff',
    stageId: 'monitor',
    today: '2025-11-01',
    at: '2025-11-01T09:00:00Z',
    by: lead,
  });
}

describe('the termly meeting agenda', () => {
  it('lists severe, persistent and at-risk pupils, worst first when all are new', () => {
    const agenda = buildMeetingAgenda(input(school()));
    expect(agenda.pupils.map((p) => [p.pupilName, p.level, p.isNew])).toEqual([
      ['Sev Ere', 'severe', true],
      ['Per Sist', 'persistent', true],
      ['Par Time', 'at-risk', true],
      ['Ris Kee', 'at-risk', true],
    ]);
  });

  it('puts pupils new since the last meeting first, and counts a worsening level as new', () => {
    const register = school();
    const last = {
      id: 'm0',
      heldOn: '2025-10-09',
      pupils: [
        { upn: register.pupils[0].upn, level: 'severe' as const },
        { upn: register.pupils[1].upn, level: 'at-risk' as const },
      ],
    };
    const agenda = buildMeetingAgenda(input(register, [], { lastMeeting: last }));
    expect(agenda.pupils.map((p) => [p.pupilName, p.isNew])).toEqual([
      ['Per Sist', true],
      ['Par Time', true],
      ['Ris Kee', true],
      ['Sev Ere', false],
    ]);
  });

  it('carries forward every action agreed at the last meeting with whether it was done', () => {
    const register = school();
    let c = caseFor(register, 1);
    const at = { policy: national, today: '2025-11-01', at: '2025-11-01T10:00:00Z', by: lead };
    c = applyCaseChange(
      c,
      { kind: 'add-action', what: 'Meet parents', party: 'school', owner: 'Ann Lead', due: '2025-11-14' },
      { ...at, meetingId: 'm0' },
    );
    c = applyCaseChange(
      c,
      { kind: 'add-action', what: 'Early help', party: 'la', owner: 'Omar', due: '2025-12-14' },
      { ...at, meetingId: 'm0' },
    );
    c = applyCaseChange(
      c,
      { kind: 'add-action', what: 'Outside the meeting', party: 'school', owner: 'Ann Lead', due: '2025-12-14' },
      at,
    );
    c = applyCaseChange(c, { kind: 'action-done', actionId: 'a2' }, at);
    const agenda = buildMeetingAgenda(
      input(register, [c], { lastMeeting: { id: 'm0', heldOn: '2025-11-01', pupils: [] } }),
    );
    expect(agenda.carriedForward.map((a) => [a.what, a.done])).toEqual([
      ['Meet parents', false],
      ['Early help', true],
    ]);
    expect(agenda.casesDue).toEqual([
      {
        upn: c.upn,
        pupilName: 'Per Sist',
        yearGroup: '8',
        stage: 'Monitor',
        actionsDue: [{ id: 'a1', what: 'Meet parents', owner: 'Ann Lead', due: '2025-11-14' }],
      },
    ]);
  });

  it('judges actions due against the meeting’s date, not the register’s last day', () => {
    const register = school();
    const c = applyCaseChange(
      caseFor(register, 1),
      { kind: 'add-action', what: 'Call home', party: 'school', owner: 'Ann Lead', due: '2025-11-23' },
      { policy: national, today: '2025-11-01', at: '2025-11-01T10:00:00Z', by: lead },
    );
    expect(buildMeetingAgenda(input(register, [c])).casesDue).toEqual([]);
    expect(
      buildMeetingAgenda(input(register, [c], { today: '2025-11-24' })).casesDue.map((d) =>
        d.actionsDue.map((a) => a.what),
      ),
    ).toEqual([['Call home']]);
  });

  it('lists the pupils whose attendance moved most since the comparison date', () => {
    const agenda = buildMeetingAgenda(input(school()));
    expect(agenda.movers.map((m) => m.pupilName)).toContain('Sev Ere');
    expect(agenda.movers[0].pupilName).toBe('Sev Ere');
    expect(agenda.movers.find((m) => m.pupilName === 'Ali There')).toBeUndefined();
  });

  it('lists a part-time timetable with no review date, and drops it once a future review is set', () => {
    const register = school();
    expect(buildMeetingAgenda(input(register)).partTime).toEqual([
      { upn: register.pupils[3].upn, pupilName: 'Par Time', yearGroup: '7', c2Sessions: 10, lastC2: AS_OF },
    ]);
    const reviewed = { ...caseFor(register, 3), nextReview: '2025-12-01' };
    expect(buildMeetingAgenda(input(register, [reviewed])).partTime).toEqual([]);
    const lapsed = { ...caseFor(register, 3), nextReview: '2025-11-14' };
    expect(buildMeetingAgenda(input(register, [lapsed])).partTime[0].reviewDate).toBe('2025-11-14');
  });

  it('counts the timetables in place and lists those due a review or past their end, from the school’s record', () => {
    const register = school();
    const par = register.pupils[3].upn;
    const agreed = {
      upn: par,
      start: '2025-11-10',
      proposedEnd: '2025-12-19',
      sessionsOff: [1, 2, 3, 4, 5].map((weekday) => ({ weekday: weekday as 1 | 2 | 3 | 4 | 5, half: 'PM' as const })),
      schoolAgreedOn: '2025-11-06',
      parentAgreedOn: '2025-11-07',
      reviews: [],
    };
    register.partTimeTimetables = [{ ...agreed, nextReview: '2025-12-01' }];
    let agenda = buildMeetingAgenda(input(register));
    expect(agenda.partTimeInPlace).toBe(1);
    expect(agenda.partTime).toEqual([]);
    register.partTimeTimetables = [{ ...agreed, nextReview: '2025-11-21' }];
    agenda = buildMeetingAgenda(input(register));
    expect(agenda.partTime).toEqual([
      {
        upn: par,
        pupilName: 'Par Time',
        yearGroup: '7',
        c2Sessions: 10,
        lastC2: AS_OF,
        reviewDate: '2025-11-21',
        timetable: { start: '2025-11-10', endInForce: '2025-12-19', pastEnd: false },
      },
    ]);
    register.partTimeTimetables = [];
    agenda = buildMeetingAgenda(input(register));
    expect(agenda.partTimeInPlace).toBe(0);
    expect(agenda.partTime.map((p) => [p.pupilName, p.timetable])).toEqual([['Par Time', undefined]]);
  });

  it('sets the school’s cohorts beside the local authority’s loaded schools and national figures', () => {
    const a = school();
    const b = school('national', '100002');
    const policy = national;
    const agenda = buildMeetingAgenda(
      input(a, [], {
        localAuthority: [
          createEvaluationContext(a, { asOf: AS_OF, policy }),
          createEvaluationContext(b, { asOf: AS_OF, policy }),
        ],
      }),
    );
    const all = agenda.cohorts.find((c) => c.cohort === 'All pupils')!;
    expect(all.school.pupils).toBe(5);
    expect(all.localAuthority?.pupils).toBe(10);
    expect(all.localAuthority?.absencePercent).toBeCloseTo(all.school.absencePercent!, 10);
    expect(all.national).toEqual({ absencePercent: 6.38, persistentAbsencePercent: 17.79 });
    expect(agenda.cohorts.find((c) => c.cohort === 'Free school meals')).toMatchObject({
      school: { pupils: 1 },
      national: null,
    });
  });

  it('compares with the profile’s targets only where the profile sets them', () => {
    expect(buildMeetingAgenda(input(school())).targets).toEqual([]);
    const targets = buildMeetingAgenda(input(school('central-bedfordshire'))).targets;
    expect(targets.map((t) => t.measure)).toContain('FSM persistent absence');
  });
});

describe('the minutes', () => {
  it('give each discussed case’s outcome and the actions agreed at the meeting by owner', () => {
    const register = school();
    const at = { policy: national, today: '2025-11-24', at: '2025-11-24T10:00:00Z', meetingId: 'm1' };
    const omar = { id: 'aad-omar', name: 'Omar Officer' };
    let one = caseFor(register, 0);
    one = applyCaseChange(
      one,
      { kind: 'add-action', what: 'Home visit', party: 'school', owner: 'Ann Lead', due: '2025-12-01' },
      { ...at, by: lead },
    );
    one = applyCaseChange(
      one,
      { kind: 'add-action', what: 'Panel referral', party: 'la', due: '2025-12-08' },
      { ...at, by: omar },
    );
    one = applyCaseChange(one, { kind: 'stage', stageId: 'listen-understand-support' }, { ...at, by: omar });
    let two = caseFor(register, 1);
    two = applyCaseChange(
      two,
      { kind: 'add-action', what: 'Before the meeting', party: 'school', due: '2025-12-01' },
      { ...at, meetingId: undefined, by: lead },
    );
    const minutes = buildMeetingMinutes({
      meetingId: 'm1',
      schoolUrn: '100001',
      heldOn: '2025-11-24',
      attendees: [omar, lead],
      discussed: [one.upn, two.upn],
      cases: [one, two],
      policy: national,
    });
    expect(minutes.attendees.map((a) => a.name)).toEqual(['Ann Lead', 'Omar Officer']);
    expect(minutes.cases.map((c) => [c.pupilName, c.outcome.length, c.stage])).toEqual([
      ['Sev Ere', 3, 'Listen, understand, support'],
      ['Per Sist', 0, 'Monitor'],
    ]);
    expect(minutes.actionsByOwner.map((o) => [o.owner, o.actions.map((a) => a.what)])).toEqual([
      ['Ann Lead', ['Home visit']],
      ['Omar Officer', ['Panel referral']],
    ]);
  });
});
