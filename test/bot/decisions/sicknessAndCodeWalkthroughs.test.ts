import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { AUTUMN_2025, fixtureUpn, type FixtureSpec } from '../../support/registerFixture.ts';
import { FIXTURE_AS_OF } from '../support/botFixture.ts';
import { cardText, DecisionBot } from './decisionBot.ts';

/**
 * National profile, as of Fri 21 Nov 2025:
 * - Ivy Lane (Y4): ill every school day 6-24 Oct (15 school days, one spell);
 * - Jack Moss (Y4): ill 3 days in November.
 */
const OAKFIELD: FixtureSpec = {
  school: { urn: '100001', name: 'Oakfield Primary', localAuthority: 'Fixture LA', policy: 'national' },
  calendar: AUTUMN_2025,
  pupils: [
    {
      givenName: 'Ivy',
      familyName: 'Lane',
      yearGroup: '4',
      dateOfBirth: '2016-03-03',
      spans: [['2025-10-06', '2025-10-24', 'I']],
      marksUntil: FIXTURE_AS_OF,
    },
    {
      givenName: 'Jack',
      familyName: 'Moss',
      yearGroup: '4',
      dateOfBirth: '2016-08-08',
      spans: [['2025-11-17', '2025-11-19', 'I']],
      marksUntil: FIXTURE_AS_OF,
    },
  ],
};
const CHANNEL = '19:oakfield-safeguarding@thread.tacv2';
const STAFFROOM = '19:oakfield-staffroom@thread.tacv2';

describe('sickness return and which-code walk-throughs, through the bot over HTTP', () => {
  const bot = new DecisionBot();

  beforeAll(async () => {
    await bot.start([OAKFIELD]);
    await bot.bind(CHANNEL, '100001');
    await bot.bind(STAFFROOM, '100001', 'limited');
    await bot.role('100001', 'attendance-lead');
  });
  afterAll(() => bot.close());

  async function sicknessReturn(pupil: string, grounds: string, expectedReturn = '') {
    const first = await bot.say(CHANNEL, `sickness return for ${pupil}`);
    const second = await bot.press(CHANNEL, first.card!, 'decisions.next', { groundsToBelieve: grounds });
    const conclusion = await bot.press(CHANNEL, second.card!, 'decisions.next', { expectedReturn });
    return { first: first.card!, conclusion: conclusion.card! };
  }

  it('says a return is due after 15 consecutive illness days, marks it sent, then finds it already made for the same illness', async () => {
    const { first, conclusion } = await sicknessReturn('Ivy Lane', 'no', '2025-12-01');
    expect(cardText(first)).toContain('Illness (I) on 15 school days this school year');
    expect(cardText(first)).toContain('No sickness return on record');
    const text = cardText(conclusion);
    expect(text).toContain('A sickness return to the local authority is due.');
    expect(text).toContain('15 of them consecutive');
    expect(text).toContain('Expected back on 2025-12-01');
    expect(text).toContain('pupils who cannot attend because of health needs');

    const sent = await bot.press(CHANNEL, conclusion, 'decisions.returnSent');
    expect(cardText(sent.card)).toContain('Recorded: return sent');
    const audit = await bot.bot.services.store.listAudit({ upn: fixtureUpn(1) });
    expect(audit.filter((a) => a.what === 'decision.returnSent').map((a) => a.detail?.returnFor)).toEqual([
      '2025-10-06',
    ]);

    const again = await sicknessReturn('Ivy Lane', 'yes');
    expect(cardText(again.first)).toContain('Returns on record: sent');
    expect(cardText(again.conclusion)).toContain('No new return: one was already made for this illness.');
    expect(cardText(again.conclusion)).toContain('only one is needed for a continuous illness in a school year');
    expect(JSON.stringify(again.conclusion)).not.toContain('decisions.returnSent');
  });

  it('looks forward: a return is due before 15 days where staff expect the illness to reach it, and not otherwise', async () => {
    expect(cardText((await sicknessReturn('Jack Moss', 'no')).conclusion)).toContain('No sickness return yet.');
    expect(cardText((await sicknessReturn('Jack Moss', 'yes')).conclusion)).toContain(
      'A sickness return to the local authority is due.',
    );
  });

  it('answers "what code for a pupil at a hospital appointment?" with M straight away, and Back walks up the tree', async () => {
    const reply = await bot.say(STAFFROOM, 'what code for a pupil at a hospital appointment?');
    const text = cardText(reply.card);
    expect(text).toContain('Code M: Leave of absence for a medical or dental appointment.');
    const back = await bot.press(STAFFROOM, reply.card!, 'decisions.back');
    expect(cardText(back.card)).toContain('Where was the pupil for the session?');
    const ill = await bot.press(STAFFROOM, back.card!, 'decisions.next', { answer: 'ill' });
    expect(cardText(ill.card)).toContain('Code I: Illness');
    expect(cardText(ill.card)).toContain('medical evidence should not routinely be needed');
    // The code guidance is the same for every school, so it cites the national guidance, not one authority.
    expect(cardText(ill.card)).toContain('DfE, Working together to improve school attendance');
    expect(cardText(ill.card)).not.toContain('Nottingham City Council');
  });

  it('walks "which code?" question by question to U for arriving after the register closed', async () => {
    const reply = await bot.say(STAFFROOM, 'which code?');
    const arrival = await bot.press(STAFFROOM, reply.card!, 'decisions.next', { answer: 'in-school' });
    expect(cardText(arrival.card)).toContain('When did the pupil arrive?');
    const late = await bot.press(STAFFROOM, arrival.card!, 'decisions.next', { answer: 'late-closed' });
    expect(cardText(late.card)).toContain('Code U: Arrived after the register closed.');
    expect(cardText(late.card)).toContain('Counts as unauthorised absence and toward the penalty notice threshold');
  });

  it('refuses an invoke whose data a client made up', async () => {
    expect((await bot.invoke(CHANNEL, 'decisions.next', { walkId: 42 })).message).toContain('out of date');
    expect(
      (await bot.invoke(CHANNEL, 'decisions.next', { walkId: 'no-such-walk', step: 'applicant' })).message,
    ).toContain('no record of this walk-through');
    expect(
      (await bot.invoke(CHANNEL, 'decisions.start', { kind: 'leave', schoolUrn: '100001', upn: 'not-a-upn' })).message,
    ).toContain("can't find a pupil");
  });

  it('opens a walk-through from another card’s button (decisions.start) for a pupil by UPN', async () => {
    const started = await bot.invoke(CHANNEL, 'decisions.start', {
      kind: 'sickness',
      schoolUrn: '100001',
      upn: fixtureUpn(2),
    });
    expect(cardText(started.card)).toContain('Jack Moss, Year 4');
    expect(cardText(started.card)).toContain('Illness (I) on 3 school days');
  });
});
