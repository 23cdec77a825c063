import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { AUTUMN_2025, fixtureUpn, type FixtureSpec } from '../../support/registerFixture.ts';
import { FIXTURE_AS_OF } from '../support/botFixture.ts';
import { cardText, DecisionBot, type CardJson } from './decisionBot.ts';

/**
 * National profile, as of Fri 21 Nov 2025:
 * - Gina Hill (Y6): 10 sessions G (10-14 Nov), holiday only: support not appropriate;
 * - Owen Park (Y8): 12 sessions O (10-17 Nov);
 * - Rosa Tate (Reception, born Sep 2021): 10 sessions O, but below compulsory school age.
 */
const OAKFIELD: FixtureSpec = {
  school: { urn: '100001', name: 'Oakfield Primary', localAuthority: 'Fixture LA', policy: 'national' },
  calendar: AUTUMN_2025,
  pupils: [
    {
      givenName: 'Gina',
      familyName: 'Hill',
      yearGroup: '6',
      dateOfBirth: '2014-04-04',
      spans: [['2025-11-10', '2025-11-14', 'G']],
      marksUntil: FIXTURE_AS_OF,
    },
    {
      givenName: 'Owen',
      familyName: 'Park',
      yearGroup: '8',
      dateOfBirth: '2012-12-12',
      spans: [['2025-11-10', '2025-11-14', 'O']],
      days: { '2025-11-17': 'O' },
      marksUntil: FIXTURE_AS_OF,
    },
    {
      givenName: 'Rosa',
      familyName: 'Tate',
      yearGroup: 'R',
      dateOfBirth: '2021-09-15',
      spans: [['2025-11-10', '2025-11-14', 'O']],
      marksUntil: FIXTURE_AS_OF,
    },
  ],
};
const CHANNEL = '19:oakfield-safeguarding@thread.tacv2';

describe('penalty notice / notice to improve walk-through, through the bot over HTTP', () => {
  const bot = new DecisionBot();

  beforeAll(async () => {
    await bot.start([OAKFIELD]);
    await bot.bind(CHANNEL, '100001');
    await bot.role('100001', 'attendance-lead');
  });
  afterAll(() => bot.close());

  async function consider(
    pupil: string,
    parentName: string,
    support: string,
    nti?: Record<string, string>,
    history: Record<string, string | number> = {},
  ): Promise<CardJson> {
    const first = await bot.say(CHANNEL, `can we issue a penalty for ${pupil}?`);
    const second = await bot.press(CHANNEL, first.card!, 'decisions.next', { parentName, relationship: 'mother' });
    const third = await bot.press(CHANNEL, second.card!, 'decisions.next', history);
    expect(third.card, third.message).toBeDefined();
    let card = (await bot.press(CHANNEL, third.card!, 'decisions.next', { support })).card!;
    if (nti) card = (await bot.press(CHANNEL, card, 'decisions.next', nti)).card!;
    return card;
  }

  /** Records the case as requested and then issued on the as-of day. */
  async function issue(conclusion: CardJson): Promise<CardJson> {
    const requested = await bot.press(CHANNEL, conclusion, 'decisions.case', {
      state: 'penalty-requested',
      on: FIXTURE_AS_OF,
    });
    expect(cardText(requested.card)).toContain('Case now: Penalty notice requested');
    const issued = await bot.press(CHANNEL, requested.card!, 'decisions.case', { state: 'issued', on: FIXTURE_AS_OF });
    expect(cardText(issued.card)).toContain('Case now: Penalty notice issued');
    return issued.card!;
  }

  it('counts notices per parent and child from the record: first £160 or £80, second £160 flat, third none', async () => {
    const first = await consider('Gina Hill', 'Jane Hill', 'not-appropriate');
    const firstText = cardText(first);
    expect(firstText).toContain('A penalty notice can be requested: £160, or £80 if paid within 21 days.');
    expect(firstText).toContain('10 sessions (10 G): holiday only');
    expect(firstText).toContain('Referral to the local authority: penalty notice request');
    expect(firstText).toContain(`UPN ${fixtureUpn(1)}`);
    await issue(first);
    // The case is linked to the absences behind it: the threshold's ten G sessions.
    const cases = await bot.bot.services.store.listRecords<{
      upn: string;
      sessions: { code: string }[];
      steps: { state: string }[];
    }>('decisions.case');
    expect(
      cases.map((c) => [
        c.value.upn,
        c.value.sessions.map((s) => s.code).join(''),
        c.value.steps.map((s) => s.state).join('>'),
      ]),
    ).toEqual([[fixtureUpn(1), 'GGGGGGGGGG', 'considered>penalty-requested>issued']]);

    // The same parent again, the same day: those ten sessions were behind the first notice, so no second
    // notice can rest on them.
    const again = await consider('Gina Hill', 'jane  HILL', 'not-appropriate');
    expect(cardText(again)).toContain('No penalty notice: the threshold is not met.');
    expect(cardText(again)).toContain('10 sessions in the window were behind an earlier notice to this parent');
    expect(JSON.stringify(again)).not.toContain('decisions.case');

    // The other parent had a notice in January, recorded now with its real date: the November sessions
    // are fresh, so this is a second notice, £160 flat.
    const second = await consider('Gina Hill', 'Tom Hill', 'not-appropriate', undefined, {
      earlierIssuedOn: '2025-01-15',
      earlierAmount: 80,
      earlierOutcome: 'paid',
    });
    expect(cardText(second)).toContain('A second penalty notice can be requested: £160 flat, no reduced rate.');
    expect(cardText(second)).toContain('issued Wed, 15 Jan 2025 (paid)');
    const recorded = await bot.bot.services.store.listAudit({ upn: fixtureUpn(1) });
    expect(recorded.filter((a) => a.what === 'penalty.pastNotice.recorded').map((a) => a.detail)).toEqual([
      { issuedOn: '2025-01-15', amount: 80, outcome: 'paid', source: 'chat' },
    ]);

    // A further notice recorded for that parent, from March: two in 3 years, so no third.
    const third = await consider('Gina Hill', 'Tom Hill', 'not-appropriate', undefined, {
      earlierIssuedOn: '2025-03-10',
      earlierAmount: 160,
      earlierOutcome: 'unpaid',
    });
    expect(cardText(third)).toContain('No further notice: consider prosecution or other measures.');
    expect(cardText(third)).toContain('we ask the authority to consider prosecution');
    // No notice can follow, so there is no case to move on.
    expect(JSON.stringify(third)).not.toContain('decisions.case');

    // A notice dated after the school's as-of day cannot be recorded as an earlier one.
    const first2 = await bot.say(CHANNEL, 'can we issue a penalty for Gina Hill?');
    const parent = await bot.press(CHANNEL, first2.card!, 'decisions.next', {
      parentName: 'Ann Hill',
      relationship: 'mother',
    });
    const future = await bot.press(CHANNEL, parent.card!, 'decisions.next', {
      earlierIssuedOn: '2025-12-01',
      earlierAmount: 80,
      earlierOutcome: 'paid',
    });
    expect(cardText(future.card)).toContain('A notice recorded here was issued on or before');
    const partial = await bot.press(CHANNEL, parent.card!, 'decisions.next', { earlierIssuedOn: '2025-01-02' });
    expect(cardText(partial.card)).toContain('give its date, its amount and what happened');
  });

  it('does not count a withdrawn notice toward the limit', async () => {
    const first = await consider('Owen Park', 'Sam Park', 'not-appropriate');
    const issued = await issue(first);
    const withdrawn = await bot.press(CHANNEL, issued, 'decisions.case', { state: 'withdrawn', on: FIXTURE_AS_OF });
    expect(cardText(withdrawn.card)).toContain('Withdrawn');
    const again = await consider('Owen Park', 'Sam Park', 'not-appropriate');
    expect(cardText(again)).toContain('£160, or £80 if paid within 21 days');
  });

  it('asks for a notice to improve first where support was not engaged with, with the profile’s period and what it must contain', async () => {
    const card = await consider('Owen Park', 'Lee Park', 'not-engaged', { ntiIssued: 'no' });
    const text = cardText(card);
    expect(text).toContain('Issue a notice to improve first (improvement period 3-6 weeks).');
    expect(text).toContain('the parent’s duty under s7 of the Education Act 1996');
    // The case opens as "considered" and can move to "notice to improve issued" with its period.
    const nti = await bot.press(CHANNEL, card, 'decisions.case', {
      state: 'nti-issued',
      on: FIXTURE_AS_OF,
      periodEnds: '2025-12-19',
    });
    expect(cardText(nti.card)).toContain('Notice to improve issued Fri, 21 Nov 2025 (period to Fri, 19 Dec 2025)');
    const skipped = await bot.press(CHANNEL, nti.card!, 'decisions.case', { state: 'paid', on: FIXTURE_AS_OF });
    expect(cardText(skipped.card)).toContain(
      'next it can be: penalty notice requested from the local authority, withdrawn',
    );

    // Considered again for the same parent: the notice to improve comes from the record, and the
    // unauthorised sessions since it from the register (none), so the period is still running.
    const first = await bot.say(CHANNEL, 'can we issue a penalty for Owen Park?');
    const history = await bot.press(CHANNEL, first.card!, 'decisions.next', {
      parentName: 'Lee Park',
      relationship: 'mother',
    });
    const support = await bot.press(CHANNEL, history.card!, 'decisions.next', {});
    const ntiStep = await bot.press(CHANNEL, support.card!, 'decisions.next', { support: 'not-engaged' });
    expect(cardText(ntiStep.card)).toContain(
      'On record: a notice to improve to this parent issued Fri, 21 Nov 2025, improvement period to Fri, 19 Dec 2025.',
    );
    expect(JSON.stringify(ntiStep.card)).toContain('"value":"2025-12-19"');
    const running = await bot.press(CHANNEL, ntiStep.card!, 'decisions.next', {
      ntiIssued: 'yes',
      ntiIssuedOn: '2025-11-21',
      ntiPeriodEnds: '2025-12-19',
    });
    expect(cardText(running.card)).toContain('Not yet: the improvement period is still running.');
    expect(cardText(running.card)).toContain('0 unauthorised sessions since.');
    const audit = await bot.bot.services.store.listAudit({ upn: fixtureUpn(2) });
    expect(audit.filter((a) => a.what === 'decision.case').map((a) => a.detail?.state)).toContain('nti-issued');
  });

  it('gives no penalty for a pupil below compulsory school age', async () => {
    const first = await bot.say(CHANNEL, 'can we issue a penalty for Rosa Tate?');
    expect(cardText(first.card)).toContain('Not of compulsory school age: no penalty notice can be issued.');
    const card = await consider('Rosa Tate', 'Ann Tate', 'not-engaged', { ntiIssued: 'no' });
    expect(cardText(card)).toContain('No penalty notice: the pupil is not of compulsory school age.');
    expect(cardText(card)).not.toContain('the threshold is not met');
    // No notice to improve or referral applies to a pupil below compulsory school age.
    expect(cardText(card)).not.toContain('it must contain');
    expect(cardText(card)).not.toContain('Referral to the local authority');
    expect(JSON.stringify(card)).not.toContain('decisions.case');
  });

  it('lets staff go back from a conclusion while the case is only considered, and cancelling drops that case', async () => {
    const conclusion = await consider('Owen Park', 'Pat Park', 'not-appropriate');
    const walkId = String(conclusion.actions!.find((a) => a.verb === 'decisions.back')!.data.walkId);
    expect(await bot.bot.services.store.getRecord('decisions.case', walkId)).not.toBeNull();
    const back = await bot.press(CHANNEL, conclusion, 'decisions.back');
    expect(cardText(back.card)).toContain('Was support offered');
    const cancelled = await bot.press(CHANNEL, back.card!, 'decisions.cancel');
    expect(cardText(cancelled.card)).toContain('Nothing was decided');
    expect(await bot.bot.services.store.getRecord('decisions.case', walkId)).toBeNull();
  });

  it('lets only the head, attendance lead or LA officer move a case on', async () => {
    const card = await consider('Owen Park', 'Kim Park', 'not-appropriate');
    await bot.role('100001', 'designated-safeguarding-lead');
    const refused = await bot.press(CHANNEL, card, 'decisions.case', { state: 'penalty-requested', on: FIXTURE_AS_OF });
    expect(refused.message).toContain('Only the head, the attendance lead or an LA officer');
    await bot.role('100001', 'attendance-lead');
  });

  it('lists the completed walk-throughs for a pupil with who decided what and when', async () => {
    const reply = await bot.say(CHANNEL, 'decisions for Gina Hill');
    const text = cardText(reply.card);
    expect(text).toContain('Decisions for Gina Hill');
    expect(text).toContain('A second penalty notice can be requested');
    expect(text).toContain(
      'recorded: Penalty notice requested from the local authority by Staff Member (attendance lead)',
    );
    expect(text).toContain('policy National rules (England, 2024)');
    expect(reply.card!.fallbackText).toContain('4 on record');
  });
});
