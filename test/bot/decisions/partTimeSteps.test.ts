import { describe, expect, it } from 'vitest';
import { partTimeWalkthrough } from '../../../bot/decisions/partTimeWalkthrough.ts';
import { parseStepAnswers } from '../../../bot/decisions/stepAnswerSchema.ts';
import { answerStep, startWalk } from '../../../bot/decisions/walkMachine.ts';
import { stepOf, type WalkContext, type WalkState } from '../../../bot/decisions/walkthrough.ts';
import { policyProfile } from '../../../rules/policies/policyProfiles.ts';
import { AUTUMN_2025, makeRegister } from '../../support/registerFixture.ts';

const register = makeRegister({
  calendar: AUTUMN_2025,
  pupils: [{ givenName: 'Lily', familyName: 'Ward', dateOfBirth: '2012-12-12', marksUntil: '2025-11-20' }],
});
const school = {
  urn: '100001',
  name: 'Fixture School',
  register,
  policy: policyProfile('national'),
  asOf: '2025-11-20',
  dir: '',
};
/** Production: the register's last marked day is Thursday, the real day in London is Friday 21 November. */
const context: WalkContext = {
  school,
  pupil: register.pupils[0],
  pupilIndex: 0,
  recorded: { previousNotices: [], noticesToImprove: [], sicknessReturns: [], reliedOn: [], pastNotices: [] },
  today: '2025-11-21',
};
const by = { who: 'aad-1', at: '2025-11-21T09:00:00Z' };

function walkTo(step: string, overrides: Record<string, Record<string, string>> = {}): WalkState {
  const answers: Record<string, Record<string, string>> = {
    review: { nextReview: '2025-12-05' },
    reason: { reason: 'reintegration' },
    dates: { start: '2025-11-17', proposedEnd: '2025-12-19' },
    sessions: { sessionsOff: '5-AM,5-PM' },
    plan: { plan: '' },
    school: { schoolAgreed: 'yes', schoolAgreedOn: '2025-11-21' },
    parent: { parentAgreed: 'lives-with', parentAgreedOn: '2025-11-21' },
    ...overrides,
  };
  let state = startWalk(partTimeWalkthrough, {
    id: 'w1',
    schoolUrn: '100001',
    pupil: { upn: register.pupils[0].upn, label: 'Lily Ward, Year 4' },
    asOf: school.asOf,
    profile: { id: 'national', version: '1' },
    startedBy: 'aad-1',
    startedAt: by.at,
  });
  while (state.step !== step) {
    const t = answerStep(partTimeWalkthrough, state, state.step, answers[state.step], context, by);
    if (!t.ok) throw new Error(t.problems.join('; '));
    state = t.state;
  }
  return state;
}

describe('the part-time timetable steps', () => {
  it('takes agreements made today by the bot’s day, though the register was last marked yesterday', () => {
    expect(walkTo('review').step).toBe('review');
  });

  it('refuses a review date before the bot’s day, and an agreement dated after it', () => {
    const review = walkTo('review');
    const t = answerStep(partTimeWalkthrough, review, 'review', { nextReview: '2025-11-20' }, context, by);
    expect(t.ok ? [] : t.problems).toEqual([
      'A review date before today (Friday, 21 November 2025) is already overdue: give the date it will be held.',
    ]);
    const school2 = walkTo('school');
    const early = answerStep(
      partTimeWalkthrough,
      school2,
      'school',
      { schoolAgreed: 'yes', schoolAgreedOn: '2025-11-24' },
      context,
      by,
    );
    expect(early.ok ? [] : early.problems).toEqual([
      'That date is after today (Friday, 21 November 2025): record it once it has happened.',
    ]);
    const undated = answerStep(partTimeWalkthrough, school2, 'school', { schoolAgreed: 'yes' }, context, by);
    expect(undated.ok ? [] : undated.problems).toEqual(['Give the date it was agreed.']);
  });

  it('reads the sessions off as Teams sends a multi-select, and refuses values not on the card', () => {
    const fields = stepOf(partTimeWalkthrough, 'sessions').fields;
    expect(parseStepAnswers(fields, { sessionsOff: '1-PM,3-PM,1-PM' })).toEqual({
      ok: true,
      answers: { sessionsOff: '1-PM,3-PM' },
    });
    expect(parseStepAnswers(fields, { sessionsOff: '6-AM' })).toEqual({
      ok: false,
      problems: ['Sessions off each week: choose from the options'],
    });
    expect(parseStepAnswers(fields, { sessionsOff: '' })).toEqual({
      ok: false,
      problems: ['Sessions off each week: needed'],
    });
  });

  it('refuses an end date before the start', () => {
    const dates = walkTo('dates');
    const t = answerStep(
      partTimeWalkthrough,
      dates,
      'dates',
      { start: '2025-11-17', proposedEnd: '2025-11-14' },
      context,
      by,
    );
    expect(t.ok ? [] : t.problems).toEqual(['The proposed end date must be on or after the start.']);
  });

  it('concludes not lawful for a timetable to manage behaviour, whatever else is agreed', () => {
    const agreed = walkTo('conclusion');
    expect(agreed.conclusion?.outcome).toBe('record-with-actions');
    expect(agreed.conclusion?.sections[0].lines).toEqual(['- Name the plan the timetable belongs to.']);
    const behaviour = walkTo('conclusion', { reason: { reason: 'behaviour' } });
    expect(behaviour.conclusion?.outcome).toBe('not-lawful');
    expect(behaviour.conclusion?.headline).toBe('Not lawful: do not use this timetable or record C2 for it.');
    expect(behaviour.conclusion?.checks.find((c) => c.verdict === 'no')?.says).toBe(
      'No: a part-time timetable must not be used to manage a pupil’s behaviour',
    );
  });
});
