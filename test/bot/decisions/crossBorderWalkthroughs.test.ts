import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { AUTUMN_2025, type FixtureSpec } from '../../support/registerFixture.ts';
import { FIXTURE_AS_OF } from '../support/botFixture.ts';
import { cardText, DecisionBot } from './decisionBot.ts';

/**
 * Derby City Council's profile, as of Friday 21 November 2025, at a Derby school (LA 831). Its Section 4
 * (paras 47-51): penalty notices and prosecution by the School LA under its own code of conduct, the Home LA
 * told of a prosecution; alternative provision by the Home LA.
 * - Cody Commuter (Y6) lives in Derbyshire (LA 830): 10 sessions G, 10-14 November;
 * - Lola Local (Y6) lives in Derby: the same absence;
 * - Iris Ill (Y7) lives in Derbyshire: ill 20 October - 17 November, 15 school days.
 */
const DERBY: FixtureSpec = {
  school: { urn: '100001', name: 'Derby Road Primary', localAuthority: 'Derby', laCode: '831', policy: 'derby' },
  calendar: AUTUMN_2025,
  pupils: [
    {
      givenName: 'Cody',
      familyName: 'Commuter',
      yearGroup: '6',
      dateOfBirth: '2014-04-04',
      homeLa: '830',
      spans: [['2025-11-10', '2025-11-14', 'G']],
      marksUntil: FIXTURE_AS_OF,
    },
    {
      givenName: 'Lola',
      familyName: 'Local',
      yearGroup: '6',
      dateOfBirth: '2014-05-05',
      homeLa: '831',
      spans: [['2025-11-10', '2025-11-14', 'G']],
      marksUntil: FIXTURE_AS_OF,
    },
    {
      givenName: 'Iris',
      familyName: 'Ill',
      yearGroup: '7',
      dateOfBirth: '2013-10-10',
      homeLa: '830',
      spans: [['2025-10-20', '2025-11-17', 'I']],
      marksUntil: FIXTURE_AS_OF,
    },
  ],
};
const CHANNEL = '19:derby-road-safeguarding@thread.tacv2';

describe('walk-throughs name which authority acts for a pupil who lives in another one', () => {
  const bot = new DecisionBot();

  beforeAll(async () => {
    await bot.start([DERBY]);
    await bot.bind(CHANNEL, '100001');
    await bot.role('100001', 'head');
  });
  afterAll(() => bot.close());

  async function penaltyConclusion(pupil: string): Promise<string> {
    const first = await bot.say(CHANNEL, `can we issue a penalty for ${pupil}?`);
    const second = await bot.press(CHANNEL, first.card!, 'decisions.next', {
      parentName: 'Pat',
      relationship: 'mother',
    });
    const third = await bot.press(CHANNEL, second.card!, 'decisions.next', {});
    const done = await bot.press(CHANNEL, third.card!, 'decisions.next', { support: 'not-appropriate' });
    return cardText(done.card);
  }

  it('penalty: the School LA issues the notice under its own code and tells the Home LA of a prosecution', async () => {
    const text = await penaltyConclusion('Cody Commuter');
    expect(text).toContain('Who acts: the pupil lives in another local authority');
    expect(text).toContain(
      'The pupil lives in Derbyshire (LA 830) (the Home LA) and attends school in Derby (LA 831) (the School LA).',
    );
    expect(text).toContain('Penalty notice: The School LA, Derby (LA 831), under its own code of conduct.');
    expect(text).toContain(
      'Prosecution: The School LA, Derby (LA 831), telling the Home LA, Derbyshire (LA 830), that legal action is being taken.',
    );
    expect(text).toContain('Section 4, Cross border working, paras 47-48');
  });

  it('penalty: a pupil living in the school’s own authority gets no such section', async () => {
    const text = await penaltyConclusion('Lola Local');
    expect(text).toContain('A penalty notice can be requested');
    expect(text).not.toContain('Who acts');
  });

  it('leave: what follows if leave is taken anyway names the School LA', async () => {
    let reply = await bot.say(CHANNEL, 'check a leave request for Cody Commuter');
    for (const data of [
      { relationship: 'mother', livesWithPupil: 'yes' },
      { appliedOn: '2025-11-17' },
      { from: '2025-12-08', to: '2025-12-12' },
      { reason: 'holiday' },
      { couldBeTakenInHolidays: 'yes', recurring: 'no', evidence: 'no' },
    ]) {
      const next = await bot.press(CHANNEL, reply.card!, 'decisions.next', data);
      expect(next.card, next.message).toBeDefined();
      reply = { text: '', card: next.card };
    }
    const text = cardText(reply.card);
    expect(text).toContain('If the leave is taken anyway');
    expect(text).toContain('Penalty notice: The School LA, Derby (LA 831), under its own code of conduct.');
  });

  it('sickness: education while the pupil is too ill to attend is the Home LA’s to arrange', async () => {
    const first = await bot.say(CHANNEL, 'sickness return for Iris Ill');
    const second = await bot.press(CHANNEL, first.card!, 'decisions.next', { groundsToBelieve: 'yes' });
    const done = await bot.press(CHANNEL, second.card!, 'decisions.next', {});
    const text = cardText(done.card);
    expect(text).toContain('Who acts: the pupil lives in another local authority');
    expect(text).toContain('Alternative provision: The Home LA, Derbyshire (LA 830).');
  });
});
