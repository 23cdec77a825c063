import { describe, expect, it } from 'vitest';
import { penaltyWalkthrough } from '../../../bot/decisions/penaltyWalkthrough.ts';
import { parseStepAnswers } from '../../../bot/decisions/stepAnswerSchema.ts';
import { answerStep, cancelWalk, goBack, recordDecision, startWalk } from '../../../bot/decisions/walkMachine.ts';
import { type WalkContext, type WalkState } from '../../../bot/decisions/walkthrough.ts';
import { whichCodeWalkthrough } from '../../../bot/decisions/whichCodeWalkthrough.ts';
import { policyProfile } from '../../../rules/policies/policyProfiles.ts';
import { AUTUMN_2025, makeRegister } from '../../support/registerFixture.ts';

const register = makeRegister({
  calendar: AUTUMN_2025,
  pupils: [
    {
      givenName: 'Gina',
      familyName: 'Hill',
      dateOfBirth: '2014-04-04',
      spans: [['2025-11-10', '2025-11-14', 'O']],
      marksUntil: '2025-11-21',
    },
  ],
});
const school = {
  urn: '100001',
  name: 'Fixture School',
  register,
  policy: policyProfile('national'),
  asOf: '2025-11-21',
  dir: '',
};
const context: WalkContext = {
  school,
  pupil: register.pupils[0],
  pupilIndex: 0,
  recorded: { previousNotices: [], noticesToImprove: [], sicknessReturns: [], reliedOn: [], pastNotices: [] },
};
const by = { who: 'aad-1', name: 'A Head', at: '2025-11-21T09:00:00Z' };

function fresh(definition = penaltyWalkthrough): WalkState {
  return startWalk(definition, {
    id: 'w1',
    schoolUrn: '100001',
    pupil: { upn: register.pupils[0].upn, label: 'Gina Hill, Year 4' },
    asOf: '2025-11-21',
    profile: { id: 'national', version: '1' },
    startedBy: 'aad-1',
    startedAt: by.at,
  });
}

function answer(state: WalkState, data: Record<string, unknown>, definition = penaltyWalkthrough): WalkState {
  const t = answerStep(definition, state, state.step, data, context, by);
  if (!t.ok) throw new Error(t.problems.join('; '));
  return t.state;
}

/** The parent step answered, and the earlier-notices step left blank. */
function parentAnswered(): WalkState {
  return answer(answer(fresh(), { parentName: 'Jane Hill', relationship: 'mother' }), {});
}

describe('walk-through state machine', () => {
  it('moves step by step, skipping the notice-to-improve step when support is not appropriate, and concludes', () => {
    let s = answer(fresh(), { parentName: 'Jane Hill', relationship: 'mother' });
    expect(s.step).toBe('history');
    s = answer(s, {});
    expect(s.step).toBe('support');
    s = answer(s, { support: 'not-appropriate' });
    expect(s).toMatchObject({
      step: 'conclusion',
      status: 'concluded',
      history: ['parent', 'history', 'support'],
      concludedBy: 'aad-1',
    });
    expect(s.conclusion?.outcome).toBe('issue-penalty-notice');
  });

  it('keeps the state unchanged and lists the problems when an answer is invalid', () => {
    const s = fresh();
    const t = answerStep(penaltyWalkthrough, s, 'parent', { parentName: '  ', relationship: 'uncle' }, context, by);
    expect(t).toEqual({ ok: false, problems: ['Parent’s name: needed', 'Relationship: choose one of the options'] });
  });

  it('refuses an answer to a step the walk-through has already left', () => {
    const s = answer(fresh(), { parentName: 'Jane Hill', relationship: 'mother' });
    const t = answerStep(
      penaltyWalkthrough,
      s,
      'parent',
      { parentName: 'Tom Hill', relationship: 'father' },
      context,
      by,
    );
    expect(t.ok).toBe(false);
  });

  it('going back from the conclusion reopens it, and a branch left behind does not feed the new conclusion', () => {
    let s = parentAnswered();
    s = answer(s, { support: 'not-engaged' });
    expect(s.step).toBe('nti');
    s = answer(s, { ntiIssued: 'yes', ntiIssuedOn: '2025-10-01', ntiPeriodEnds: '2025-12-31' });
    expect(s.conclusion?.outcome).toBe('improvement-period-running');
    for (const step of ['conclusion', 'nti']) {
      const t = goBack(s, step);
      if (!t.ok) throw new Error(t.problems.join());
      s = t.state;
    }
    expect(s).toMatchObject({ step: 'support', status: 'open', history: ['parent', 'history'] });
    expect(s.conclusion).toBeUndefined();
    s = answer(s, { support: 'not-appropriate' });
    expect(Object.keys(s.answers)).toEqual(['parent', 'history', 'support']);
    expect(s.conclusion?.outcome).toBe('issue-penalty-notice');
  });

  it('cannot go back from the first step, and records a decision only once after concluding', () => {
    expect(goBack(fresh(), 'parent').ok).toBe(false);
    expect(recordDecision(fresh(), { choice: 'grant' }, { ...by, role: 'head' }).ok).toBe(false);
    let s = answer(parentAnswered(), { support: 'not-appropriate' });
    const t = recordDecision(s, { choice: 'penalty-requested' }, { ...by, role: 'head' });
    if (!t.ok) throw new Error();
    s = t.state;
    expect(s.decision).toEqual({
      choice: 'penalty-requested',
      by: 'aad-1',
      byName: 'A Head',
      byRole: 'head',
      at: by.at,
    });
    expect(recordDecision(s, { choice: 'withdrawn' }, { ...by, role: 'head' }).ok).toBe(false);
    expect(cancelWalk(s, by).ok).toBe(false);
    expect(goBack(s, 'conclusion').ok).toBe(false);
  });

  it('follows the code tree to the code its answers reach', () => {
    let s = fresh(whichCodeWalkthrough);
    s = answer(s, { answer: 'unable' }, whichCodeWalkthrough);
    expect(s.step).toBe('unable');
    s = answer(s, { answer: 'transport' }, whichCodeWalkthrough);
    expect(s.conclusion?.headline).toBe('Code Y1: Unable to attend: transport normally provided not available.');
  });
});

describe('step answers from a client', () => {
  const fields = [
    { id: 'sessions', kind: 'number' as const, label: 'Sessions', min: 1, max: 9 },
    { id: 'on', kind: 'date' as const, label: 'On', optional: true },
    { id: 'note', kind: 'text' as const, label: 'Note', maxLength: 5, optional: true },
  ];

  it('coerces numbers sent as strings, leaves blank optional fields out and drops fields it did not ask for', () => {
    expect(parseStepAnswers(fields, { sessions: '4', on: '', note: ' ok ', walkId: 'x', admin: true })).toEqual({
      ok: true,
      answers: { sessions: 4, note: 'ok' },
    });
  });

  it('names each field that is missing, out of range, too long or not a date', () => {
    expect(parseStepAnswers(fields, {})).toEqual({ ok: false, problems: ['Sessions: needed'] });
    expect(parseStepAnswers(fields, { sessions: 10, on: '2025-02-30', note: 'too long' })).toEqual({
      ok: false,
      problems: ['Sessions: at most 9', 'On: a date (YYYY-MM-DD)', 'Note: at most 5 characters'],
    });
    expect(parseStepAnswers(fields, { sessions: '2.5' })).toEqual({
      ok: false,
      problems: ['Sessions: a whole number'],
    });
  });
});

describe('penalty conclusion under a local profile', () => {
  it('gives 004’s notice to improve of 15 school days with no unauthorised absence allowed', () => {
    const stockport: WalkContext = { ...context, school: { ...school, policy: policyProfile('stockport-bramhall') } };
    let s = fresh();
    for (const data of [
      { parentName: 'Jane Hill', relationship: 'mother' },
      {},
      { support: 'not-engaged' },
      { ntiIssued: 'no' },
    ]) {
      const t = answerStep(penaltyWalkthrough, s, s.step, data, stockport, by);
      if (!t.ok) throw new Error(t.problems.join());
      s = t.state;
    }
    expect(s.conclusion?.headline).toBe('Issue a notice to improve first (improvement period 15 school days).');
    expect(s.conclusion?.sections[0].lines.join(' ')).toContain('with no unauthorised absence allowed');
  });
});

describe('notice to improve read against the register', () => {
  it('under 004 an unauthorised absence inside the 15 school days lets a penalty follow before the period ends', () => {
    const stockport: WalkContext = { ...context, school: { ...school, policy: policyProfile('stockport-bramhall') } };
    let s = fresh();
    for (const data of [
      { parentName: 'Jane Hill', relationship: 'mother' },
      {},
      { support: 'not-engaged' },
      { ntiIssued: 'yes', ntiIssuedOn: '2025-11-04', ntiPeriodEnds: '2025-11-25' },
    ]) {
      const t = answerStep(penaltyWalkthrough, s, s.step, data, stockport, by);
      if (!t.ok) throw new Error(t.problems.join());
      s = t.state;
    }
    expect(s.conclusion?.outcome).toBe('issue-penalty-notice');
    expect(s.conclusion?.draft?.text).toContain('10 unauthorised sessions since.');
  });
});
