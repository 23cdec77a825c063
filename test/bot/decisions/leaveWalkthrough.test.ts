import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { AUTUMN_2025, fixtureUpn, type FixtureSpec } from '../../support/registerFixture.ts';
import { FIXTURE_AS_OF } from '../support/botFixture.ts';
import { cardText, DecisionBot, type CardJson } from './decisionBot.ts';

const ST_JAMES: FixtureSpec = {
  school: { urn: '200001', name: 'St James CE Primary', localAuthority: 'Dudley', policy: 'dudley-st-james' },
  calendar: AUTUMN_2025,
  pupils: [
    { givenName: 'Ella', familyName: 'Ward', yearGroup: '5', dateOfBirth: '2015-02-11', marksUntil: FIXTURE_AS_OF },
    { givenName: 'Finn', familyName: 'Cole', yearGroup: '3', dateOfBirth: '2017-06-30', marksUntil: FIXTURE_AS_OF },
  ],
};
const BRAMHALL: FixtureSpec = {
  school: { urn: '300001', name: 'Bramhall High', localAuthority: 'Stockport', policy: 'stockport-bramhall' },
  calendar: AUTUMN_2025,
  pupils: [
    { givenName: 'Gus', familyName: 'Reed', yearGroup: '8', dateOfBirth: '2012-10-01', marksUntil: FIXTURE_AS_OF },
  ],
};

const DUDLEY_CHANNEL = '19:dudley-safeguarding@thread.tacv2';
const STOCKPORT_CHANNEL = '19:stockport-safeguarding@thread.tacv2';
const LIMITED_CHANNEL = '19:dudley-staffroom@thread.tacv2';

interface LeaveAnswers {
  applicant?: Record<string, string>;
  appliedOn: string;
  dates: Record<string, string>;
  reason: string;
  circumstances: Record<string, string>;
}

describe('leave of absence walk-through, through the bot over HTTP', () => {
  const bot = new DecisionBot();

  beforeAll(async () => {
    await bot.start([ST_JAMES, BRAMHALL]);
    await bot.bind(DUDLEY_CHANNEL, '200001');
    await bot.bind(STOCKPORT_CHANNEL, '300001');
    await bot.bind(LIMITED_CHANNEL, '200001', 'limited');
    await bot.role('200001', 'attendance-lead');
    await bot.role('300001', 'head');
  });
  afterAll(() => bot.close());

  /** Answers each step of the walk-through in turn, checking each card, and returns every card seen. */
  async function walk(channel: string, start: string, answers: LeaveAnswers): Promise<CardJson[]> {
    const cards: CardJson[] = [];
    const first = await bot.say(channel, start);
    let card = first.card!;
    cards.push(card);
    for (const inputs of [
      answers.applicant ?? { relationship: 'mother', livesWithPupil: 'yes' },
      { appliedOn: answers.appliedOn },
      answers.dates,
      { reason: answers.reason },
      answers.circumstances,
    ]) {
      const next = await bot.press(channel, card, 'decisions.next', inputs);
      expect(next.card, next.message).toBeDefined();
      card = next.card!;
      cards.push(card);
    }
    return cards;
  }

  it('refuses a term-time holiday under 004, says G if taken and that a penalty follows without a warning', async () => {
    const cards = await walk(STOCKPORT_CHANNEL, 'check a leave request for Gus Reed', {
      appliedOn: '2025-11-10',
      dates: { from: '2025-12-01', to: '2025-12-05' },
      reason: 'holiday',
      circumstances: { couldBeTakenInHolidays: 'yes', recurring: 'no', evidence: 'no' },
    });
    // Every step has Next, Back (after the first) and Cancel.
    for (const card of cards.slice(0, -1))
      expect(card.actions!.map((a) => a.verb)).toEqual(
        cards.indexOf(card) === 0
          ? ['decisions.next', 'decisions.cancel']
          : ['decisions.next', 'decisions.back', 'decisions.cancel'],
      );
    expect(cardText(cards[4])).toContain('10 school sessions on 5 school days');
    const conclusion = cardText(cards[5]);
    expect(conclusion).toContain('Refuse');
    expect(conclusion).toContain('Record G');
    expect(conclusion).toContain('penalty notice without a warning');
    expect(conclusion).toContain('Letter to parents: leave refused');
    expect(conclusion).toContain('code G');
  });

  it('finds a funeral abroad asked for 3 school days ahead exceptional, notes the notice shortfall and can grant the sessions needed', async () => {
    const cards = await walk(DUDLEY_CHANNEL, 'check a leave request for Ella Ward', {
      appliedOn: '2025-11-24',
      dates: { from: '2025-11-27', to: '2025-11-28' },
      reason: 'bereavement',
      circumstances: { couldBeTakenInHolidays: 'no', recurring: 'no', evidence: 'yes' },
    });
    const conclusion = cards[5];
    const text = cardText(conclusion);
    expect(text).toContain('Grant possible as C for 4 sessions');
    expect(text).toContain('Only 3 school days’ notice (the policy asks for 10)');
    expect(text).toContain('Letter to parents: leave agreed');
    expect(text).toContain(
      'our policy asks for requests at least 10 school days before the leave; this request gave 3',
    );
    expect(text).toContain('Not met: Was it applied for at least 10 school days ahead?');

    // Only the head may record the decision; the attendance lead is told so and the card stays.
    const refused = await bot.press(DUDLEY_CHANNEL, conclusion, 'decisions.decide', { choice: 'grant', sessions: '4' });
    expect(refused.message).toContain('Only the head');
    await bot.role('200001', 'head');
    const decided = await bot.press(DUDLEY_CHANNEL, conclusion, 'decisions.decide', { choice: 'grant', sessions: '4' });
    expect(cardText(decided.card)).toContain('Recorded: grant 4 sessions, by Staff Member (head)');
    expect(decided.card!.actions ?? []).toEqual([]);
    const audit = await bot.bot.services.store.listAudit({ upn: fixtureUpn(1) });
    expect(audit.filter((a) => a.what === 'decision.recorded').map((a) => a.detail)).toEqual([
      expect.objectContaining({ choice: 'grant', sessions: 4, code: 'C', profile: 'dudley-st-james' }),
    ]);
    await bot.role('200001', 'attendance-lead');
  });

  it('under 001 refuses 12 sessions as asked (the cap is under 10) and lets the head grant at most 9', async () => {
    await bot.role('200001', 'head');
    const cards = await walk(DUDLEY_CHANNEL, 'check a leave request for Finn Cole', {
      appliedOn: '2025-11-04',
      dates: { from: '2025-12-08', to: '2025-12-15' },
      reason: 'once-in-a-lifetime-event',
      circumstances: { couldBeTakenInHolidays: 'no', recurring: 'no', evidence: 'yes' },
    });
    expect(cardText(cards[4])).toContain('12 school sessions on 6 school days');
    const conclusion = cards[5];
    expect(cardText(conclusion)).toContain(
      'Refuse as asked: 12 sessions is over the policy’s cap; at most 9 could be granted as C.',
    );
    const tooMany = await bot.press(DUDLEY_CHANNEL, conclusion, 'decisions.decide', {
      choice: 'grant',
      sessions: '12',
    });
    expect(cardText(tooMany.card)).toContain('Grant between 1 and 9 sessions (the policy never grants 10 or more).');
    const granted = await bot.press(DUDLEY_CHANNEL, conclusion, 'decisions.decide', { choice: 'grant', sessions: '9' });
    expect(cardText(granted.card)).toContain('Recorded: grant 9 sessions');
    expect(cardText(granted.card)).toContain('agreed leave for 9 school sessions of the 12 requested');
    await bot.role('200001', 'attendance-lead');
  });

  it('stops at the first step when the applicant is a parent the pupil does not live with: not a valid application', async () => {
    const first = await bot.say(STOCKPORT_CHANNEL, 'check a leave request for Gus Reed');
    const conclusion = await bot.press(STOCKPORT_CHANNEL, first.card!, 'decisions.next', {
      relationship: 'father',
      livesWithPupil: 'no',
    });
    const text = cardText(conclusion.card);
    expect(text).toContain(
      'Not a valid application: leave can only be requested by a parent the pupil normally lives with.',
    );
    expect(text).toContain('father does not live with the pupil');
    expect(text).not.toContain('When it was applied for');
    expect(text).not.toContain('Is it exceptional?');
    // Nothing to grant or refuse: the head gets no decision buttons, and a forged press is refused.
    expect(JSON.stringify(conclusion.card)).not.toContain('decisions.decide');
  });

  it('goes back a step keeping the earlier answer, and cancels leaving nothing recorded', async () => {
    const first = await bot.say(DUDLEY_CHANNEL, 'is this leave exceptional?');
    const second = await bot.press(DUDLEY_CHANNEL, first.card!, 'decisions.next', {
      relationship: 'father',
      livesWithPupil: 'yes',
    });
    expect(cardText(second.card)).toContain('When it was applied for');
    const back = await bot.press(DUDLEY_CHANNEL, second.card!, 'decisions.back');
    expect(cardText(back.card)).toContain('Who applied');
    expect(JSON.stringify(back.card)).toContain('"value":"father"');
    // The card pressed twice: the old "applied" card is stale now, so nothing moves.
    const stale = await bot.press(DUDLEY_CHANNEL, second.card!, 'decisions.next', { appliedOn: '2025-11-01' });
    expect(cardText(stale.card)).toContain('Someone has already answered this step');
    const cancelled = await bot.press(DUDLEY_CHANNEL, back.card!, 'decisions.cancel');
    expect(cardText(cancelled.card)).toContain('Nothing was decided');
  });

  it('rejects answers a client could send that the card would not: a choice not offered, a bad date, dates with no school sessions', async () => {
    const first = await bot.say(DUDLEY_CHANNEL, 'check a leave request for Ella Ward');
    const bad = await bot.press(DUDLEY_CHANNEL, first.card!, 'decisions.next', {
      relationship: 'neighbour',
      livesWithPupil: 'yes',
    });
    expect(cardText(bad.card)).toContain('Applicant: choose one of the options');
    const second = await bot.press(DUDLEY_CHANNEL, first.card!, 'decisions.next', {
      relationship: 'mother',
      livesWithPupil: 'yes',
    });
    const third = await bot.press(DUDLEY_CHANNEL, second.card!, 'decisions.next', { appliedOn: '1 December' });
    expect(cardText(third.card)).toContain('Date applied: a date (YYYY-MM-DD)');
    const fourth = await bot.press(DUDLEY_CHANNEL, second.card!, 'decisions.next', { appliedOn: '2025-10-01' });
    const halfTerm = await bot.press(DUDLEY_CHANNEL, fourth.card!, 'decisions.next', {
      from: '2025-10-27',
      to: '2025-10-31',
    });
    expect(cardText(halfTerm.card)).toContain('cover no school sessions');
  });

  it('will not run a pupil walk-through in a channel with the limited view', async () => {
    const reply = await bot.say(LIMITED_CHANNEL, 'check a leave request for Ella Ward');
    expect(reply.card).toBeUndefined();
    expect(reply.text).toContain('start them in a personal chat with me');
  });

  it('keeps two presses of the same step at the same moment from both moving the walk-through on', async () => {
    const first = await bot.say(DUDLEY_CHANNEL, 'check a leave request for Ella Ward');
    const [a, b] = await Promise.all([
      bot.press(DUDLEY_CHANNEL, first.card!, 'decisions.next', { relationship: 'mother', livesWithPupil: 'yes' }),
      bot.press(DUDLEY_CHANNEL, first.card!, 'decisions.next', { relationship: 'father', livesWithPupil: 'yes' }),
    ]);
    const texts = [cardText(a.card), cardText(b.card)];
    expect(texts.filter((t) => t.includes('Someone'))).toHaveLength(1);
    const walkId = String(first.card!.actions![0].data.walkId);
    const stored = await bot.bot.services.store.getRecord<{ history: string[] }>('decisions.walk', walkId);
    expect(stored!.value.history).toEqual(['applicant']);
  });
});
