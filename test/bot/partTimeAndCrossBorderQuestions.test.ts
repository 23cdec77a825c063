import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type PartTimeTimetable, type WeeklySession } from '../../rules/partTime/partTimeTimetable.ts';
import { AUTUMN_2025, fixtureUpn, type FixtureSpec } from '../support/registerFixture.ts';
import { cardText, DecisionBot, STAFF_AAD, type CardJson } from './decisions/decisionBot.ts';

/**
 * Asked on Friday 21 November 2025 (the fixture bot's day). Derby City Council's policy (paras 18-22)
 * keeps the national week's notice of a review; its Section 4 (paras 47-51) says who acts across borders.
 */
const MON_TUE_PM: WeeklySession[] = [
  { weekday: 1, half: 'PM' },
  { weekday: 2, half: 'PM' },
];

function timetable(n: number, rest: Partial<PartTimeTimetable>): PartTimeTimetable {
  return {
    upn: fixtureUpn(n),
    start: '2025-09-15',
    proposedEnd: '2025-12-19',
    sessionsOff: MON_TUE_PM,
    schoolAgreedOn: '2025-09-10',
    parentAgreedOn: '2025-09-11',
    reviews: [],
    ...rest,
  };
}

const DERBY: FixtureSpec = {
  school: { urn: '100001', name: 'Derby Road Primary', localAuthority: 'Derby', laCode: '831', policy: 'derby' },
  calendar: AUTUMN_2025,
  pupils: [
    { givenName: 'Dina', familyName: 'Today', yearGroup: '5' }, // 1: review due today
    { givenName: 'Oscar', familyName: 'Late', yearGroup: '5' }, // 2: review overdue by a day
    { givenName: 'Eddie', familyName: 'Ended', yearGroup: '6' }, // 3: end date yesterday, review a fortnight off
    { givenName: 'Nina', familyName: 'Nodate', yearGroup: '6' }, // 4: no review date set
    { givenName: 'Sam', familyName: 'Worker', yearGroup: '5', socialWorker: true }, // 5: social worker not told
    { givenName: 'Fran', familyName: 'Finished', yearGroup: '5' }, // 6: back full time on 7 November
    { givenName: 'Sean', familyName: 'Seven', yearGroup: '6' }, // 7: review in exactly a week
    { givenName: 'Ezra', familyName: 'Eight', yearGroup: '6' }, // 8: review in eight days
    // 9: lives in Derbyshire, 10 unauthorised holiday sessions: the penalty threshold.
    {
      givenName: 'Cody',
      familyName: 'Commuter',
      yearGroup: '6',
      homeLa: '830',
      spans: [['2025-11-10', '2025-11-14', 'G']],
    },
    // 10: lives in Derby itself, the same absence: not cross-border.
    {
      givenName: 'Lola',
      familyName: 'Local',
      yearGroup: '6',
      homeLa: '831',
      spans: [['2025-11-10', '2025-11-14', 'G']],
    },
  ],
  partTimeTimetables: [
    timetable(1, { nextReview: '2025-11-21', plan: 'Medical plan: fatigue' }),
    timetable(2, { nextReview: '2025-11-20' }),
    timetable(3, { proposedEnd: '2025-11-20', nextReview: '2025-12-05' }),
    timetable(4, {}),
    timetable(5, { nextReview: '2025-12-12' }),
    timetable(6, { nextReview: '2025-11-14', endedOn: '2025-11-07' }),
    timetable(7, { nextReview: '2025-11-28' }),
    timetable(8, { nextReview: '2025-11-29' }),
  ],
};

/** A school in the neighbouring authority, under the national profile, with one pupil from Derby. */
const DERBYSHIRE: FixtureSpec = {
  school: { urn: '100002', name: 'Dales Academy', localAuthority: 'Derbyshire', laCode: '830', policy: 'national' },
  calendar: AUTUMN_2025,
  pupils: [
    { upn: fixtureUpn(21), givenName: 'Dara', familyName: 'Crosser', yearGroup: '9', homeLa: '831' },
    { upn: fixtureUpn(22), givenName: 'Dev', familyName: 'Dales', yearGroup: '9', homeLa: '830' },
  ],
  partTimeTimetables: [timetable(21, { nextReview: '2025-11-17' })],
};

const CHANNEL = '19:derby-road-attendance@thread.tacv2';
const SAFEGUARDING = '19:derby-road-safeguarding@thread.tacv2';
const PERSONAL = 'a:personal-officer';

/** The pupils' names on a list card, in order. */
function names(card: CardJson | undefined): string[] {
  const rows = (card?.body ?? []).filter((b) => b.type === 'Container' && b.separator === true) as {
    items: { columns?: { items: { text: string }[] }[] }[];
  }[];
  return rows.map((r) => r.items[0].columns![0].items[0].text);
}

describe('part-time timetables and cross-border pupils, asked through the bot over HTTP', () => {
  const bot = new DecisionBot();

  beforeAll(async () => {
    await bot.start([DERBY, DERBYSHIRE]);
    await bot.bind(CHANNEL, '100001', 'limited');
    await bot.bind(SAFEGUARDING, '100001', 'full');
    await bot.role('100001', 'attendance-lead');
  });
  afterAll(() => bot.close());

  it('lists every timetable in place on the day, with its dates, sessions, agreement and review in words', async () => {
    const reply = await bot.say(SAFEGUARDING, 'who is on a reduced timetable?');
    expect(names(reply.card)).toEqual([
      'Ezra Eight',
      'Eddie Ended',
      'Oscar Late',
      'Nina Nodate',
      'Sean Seven',
      'Dina Today',
      'Sam Worker',
    ]);
    const text = cardText(reply.card);
    expect(text).toContain('7 pupils are on a temporary part-time timetable');
    expect(text).toMatch(/Monday,? 15 September 2025/);
    expect(text).toContain('Monday afternoon, Tuesday afternoon');
    expect(text).toMatch(
      /by the school on Wednesday,? 10 September 2025 and the parent on Thursday,? 11 September 2025/,
    );
    expect(text).toMatch(/Thursday,? 20 November 2025: passed yesterday/);
    expect(text).toContain('Part-time timetable past its end date');
    expect(text).toContain('Plan: Medical plan: fatigue');
    expect(text).toContain('Part-time timetable: social worker not told');
    expect(text).toContain('Derby City Council');
    expect(text).not.toMatch(/\d{4}-\d{2}-\d{2}/);
    expect(reply.card?.fallbackText).toContain('Part-time timetables in place: 7 pupils');
  });

  it('lists reviews due today, within the week and overdue, or with no date, most pressing first', async () => {
    const reply = await bot.say(SAFEGUARDING, 'which part-time timetables are due a review?');
    expect(names(reply.card)).toEqual(['Nina Nodate', 'Oscar Late', 'Dina Today', 'Sean Seven']);
    const text = cardText(reply.card);
    expect(text).toMatch(/Thursday,? 20 November 2025 \(overdue by 1 day\)/);
    expect(text).toMatch(/Friday,? 21 November 2025 \(due today\)/);
    expect(text).toMatch(/Friday,? 28 November 2025 \(in 7 days\)/);
    expect(text).toContain('no date set; none held yet');
    expect(text).toContain('Part-time timetable review overdue');
    expect(text).toContain('Part-time timetable review due');
    expect(text).not.toContain('Ezra Eight');
    expect(text).not.toContain('Eddie Ended');
  });

  it('keeps a limited channel from learning of the plan or the social worker, and says safeguarding steps apply', async () => {
    const reply = await bot.say(CHANNEL, 'part time timetables year 5');
    expect(names(reply.card)).toEqual(['Oscar Late', 'Dina Today', 'Sam Worker']);
    const text = cardText(reply.card);
    expect(text).toContain('Only: Year 5.');
    expect(text).not.toContain('Medical plan');
    expect(text).not.toContain('social worker');
    expect(text).toContain('Extra safeguarding steps apply');
    expect(text).toContain('limited: names and findings only');
    const flagged = await bot.say(CHANNEL, 'part time timetables for pupils with a social worker');
    expect(flagged.card).toBeUndefined();
    expect(flagged.text).toContain('Ask me in a personal chat');
  });

  it('lists the pupil living in another authority with who acts, and leaves out the local pupil and those with no home LA', async () => {
    const reply = await bot.say(SAFEGUARDING, 'any out of area pupils?');
    expect(names(reply.card)).toEqual(['Cody Commuter']);
    const text = cardText(reply.card);
    expect(text).toContain('Lives in Derbyshire (LA 830), the Home LA; the school is in Derby (LA 831), the School LA');
    expect(text).toContain('Penalty notice (penalty threshold): The School LA, under its own code of conduct.');
    expect(text).toContain(
      'Prosecution (penalty threshold): The School LA, telling the Home LA that legal action is being taken.',
    );
    expect(text).toContain('8 pupils have no home local authority on the roster and are not listed.');
    expect(text).toContain('School attendance order');
    expect(text).toContain('Section 4, Cross border working, paras 47-48');
    expect(text).not.toContain('Lola Local');
  });

  it('answers an LA officer in a personal chat across the schools they cover, naming each school', async () => {
    await bot.bot.services.store.setRole('*', STAFF_AAD, 'la-officer');
    try {
      const cross = await bot.say(PERSONAL, 'cross-border pupils', 'personal');
      expect(names(cross.card)).toEqual(['Cody Commuter · Derby Road Primary', 'Dara Crosser · Dales Academy']);
      expect(cardText(cross.card)).toContain(
        'Lives in Derby (LA 831), the Home LA; the school is in Derbyshire (LA 830), the School LA',
      );
      const reviews = await bot.say(PERSONAL, 'overdue reviews', 'personal');
      expect(names(reviews.card)).toContain('Dara Crosser · Dales Academy');
      expect(cardText(reviews.card)).toContain('2 schools');
      const named = await bot.say(PERSONAL, 'reduced timetables at Dales Academy', 'personal');
      expect(names(named.card)).toEqual(['Dara Crosser']);
    } finally {
      await bot.bot.services.store.setRole('*', STAFF_AAD, null);
    }
  });
});
