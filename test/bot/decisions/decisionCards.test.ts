import { describe, expect, it } from 'vitest';
import { decisionListCard } from '../../../cards/decisions/decisionListCard.ts';
import { leaveWalkthrough } from '../../../bot/decisions/leaveWalkthrough.ts';
import { walkCard } from '../../../bot/decisions/walkCards.ts';
import { answerStep, startWalk } from '../../../bot/decisions/walkMachine.ts';
import { type WalkContext, type WalkState } from '../../../bot/decisions/walkthrough.ts';
import { policyProfile } from '../../../rules/policies/policyProfiles.ts';
import { AUTUMN_2025, makeRegister } from '../../support/registerFixture.ts';
import { expectValidCard } from '../../support/validateCard.ts';

const register = makeRegister({
  calendar: AUTUMN_2025,
  pupils: [
    {
      givenName: 'Maximilian-Alexander',
      familyName: 'Fotheringham-Worthington',
      dateOfBirth: '2014-04-04',
      marksUntil: '2025-11-21',
    },
  ],
});
const school = {
  urn: '100001',
  name: 'Fixture School',
  register,
  policy: policyProfile('dudley-st-james'),
  asOf: '2025-11-21',
  dir: '',
};
const context: WalkContext = {
  school,
  pupil: register.pupils[0],
  pupilIndex: 0,
  recorded: { previousNotices: [], noticesToImprove: [], sicknessReturns: [], reliedOn: [], pastNotices: [] },
};

describe('decision cards at their largest', () => {
  it('a leave request for the whole autumn term draws every step and the conclusion under 28 KB', () => {
    let state: WalkState = startWalk(leaveWalkthrough, {
      id: 'w1',
      schoolUrn: '100001',
      pupil: { upn: register.pupils[0].upn, label: 'Maximilian-Alexander Fotheringham-Worthington, Year 4' },
      asOf: '2025-11-21',
      profile: { id: 'dudley-st-james', version: '2024.2' },
      startedBy: 'u',
      startedAt: 't',
    });
    const answers = [
      { relationship: 'other', livesWithPupil: 'yes' },
      { appliedOn: '2025-09-01' },
      { from: '2025-09-03', to: '2025-12-19' },
      { reason: 'other' },
      { couldBeTakenInHolidays: 'unsure', recurring: 'unsure', evidence: 'no' },
    ];
    for (const data of answers) {
      expectValidCard(walkCard(leaveWalkthrough, state, context).card, `step ${state.step}`);
      const t = answerStep(leaveWalkthrough, state, state.step, data, context, { who: 'u', at: 't' });
      if (!t.ok) throw new Error(t.problems.join());
      state = t.state;
    }
    const conclusion = walkCard(leaveWalkthrough, state, context);
    expectValidCard(conclusion.card, 'conclusion');
    expect(conclusion.text).toContain('144 sessions (72 school days)');
  });

  it('the list of a pupil’s decisions stays under 28 KB at its 20 rows', () => {
    const row = {
      heading: 'Penalty notice or notice to improve · Fri 21 Nov 2025',
      headline: 'A second penalty notice can be requested: £160 flat, no reduced rate.'.repeat(2),
      detail:
        'Concluded by Someone With A Long Name at 2025-11-21T09:00:00.000Z; profile stockport-bramhall 2024.2; recorded: Penalty notice requested from the local authority by Someone With A Long Name (attendance-lead) at 2025-11-21T09:00:00.000Z.',
    };
    const message = decisionListCard({
      title: 'Decisions for A Pupil',
      subtitle: 'Year 9, Fixture School: 20 on record',
      count: 20,
      emptyText: 'None',
      rows: Array.from({ length: 20 }, () => row),
    });
    expectValidCard(message.card, 'decision list');
  });
});
