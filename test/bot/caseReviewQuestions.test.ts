import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CASE_NAMESPACE } from '../../bot/meetings/caseStore.ts';
import { caseId, type CaseChange, policyProfile, type PupilCase } from '../../rules/index.ts';
import { caseAfter } from '../support/caseFixture.ts';
import { AUTUMN_2025, fixtureUpn, type FixtureSpec } from '../support/registerFixture.ts';
import { cardText, DecisionBot, type CardJson } from './decisions/decisionBot.ts';

/**
 * Asked on Friday 21 November 2025 (the fixture bot's day) at a Derby school, whose staged process (Derby
 * City Council's policy) the termly meeting's cases follow.
 */
const DERBY: FixtureSpec = {
  school: { urn: '100001', name: 'Derby Road Primary', localAuthority: 'Derby', laCode: '831', policy: 'derby' },
  calendar: AUTUMN_2025,
  pupils: [
    { givenName: 'Ola', familyName: 'Overdue', yearGroup: '5' }, // 1: review was due yesterday
    { givenName: 'Tia', familyName: 'Today', yearGroup: '6' }, // 2: review due today
    { givenName: 'Fay', familyName: 'Fortnight', yearGroup: '5' }, // 3: review in exactly 14 days
    { givenName: 'Lev', familyName: 'Later', yearGroup: '5' }, // 4: review in 15 days, an action due today
    { givenName: 'Pat', familyName: 'Past', yearGroup: '6' }, // 5: review in 15 days, nothing due: not listed
    { givenName: 'Una', familyName: 'Unset', yearGroup: '6' }, // 6: no review date
    { givenName: 'Noah', familyName: 'Nocase', yearGroup: '5' }, // 7: no case at all
  ],
};

const CHANNEL = '19:derby-road-attendance@thread.tacv2';
const derby = policyProfile('derby');

function caseOf(n: number, name: string, year: string, changes: CaseChange[]): PupilCase {
  const opened = { schoolUrn: '100001', upn: fixtureUpn(n), pupilName: name, yearGroup: year };
  return caseAfter(
    { ...opened, because: 'persistent-absence', stageId: 'support-first', today: '2025-10-06' },
    derby,
    changes,
  );
}

/** The case names on the card, in order. */
function names(card: CardJson | undefined): string[] {
  const rows = (card?.body ?? []).filter((b) => b.type === 'Container' && b.separator === true) as {
    items: { columns?: { items: { text: string }[] }[] }[];
  }[];
  return rows.map((r) => r.items[0].columns![0].items[0].text);
}

describe('"which cases are due a review?", asked through the bot over HTTP', () => {
  const bot = new DecisionBot();

  beforeAll(async () => {
    await bot.start([DERBY]);
    await bot.bind(CHANNEL, '100001', 'limited');
    await bot.role('100001', 'attendance-lead');
  });
  afterAll(() => bot.close());

  async function putCases(cases: PupilCase[]) {
    const store = bot.bot.services.store;
    for (const old of await store.listRecords(CASE_NAMESPACE)) await store.deleteRecord(CASE_NAMESPACE, old.id);
    for (const c of cases) await store.putRecord(CASE_NAMESPACE, caseId(c.schoolUrn, c.upn), c, null);
  }

  it('says no case is open, and how one opens, before any case exists', async () => {
    await putCases([]);
    const reply = await bot.say(CHANNEL, 'which cases are due a review?');
    expect(cardText(reply.card)).toContain('No cases are open');
    expect(cardText(reply.card)).toContain('open a case for');
  });

  it('says when the next review is when no open case has one due', async () => {
    await putCases([caseOf(5, 'Pat Past', '6', [{ kind: 'next-review', date: '2025-12-10' }])]);
    const reply = await bot.say(CHANNEL, 'any case reviews due?');
    expect(names(reply.card)).toEqual([]);
    const text = cardText(reply.card);
    expect(text).toContain('1 case open; none has a review overdue');
    expect(text).toMatch(/The next case review is Pat Past's, on Wednesday,? 10 December 2025\./);
  });

  describe('with six cases open', () => {
    beforeAll(() =>
      putCases([
        caseOf(1, 'Ola Overdue', '5', [{ kind: 'next-review', date: '2025-11-20' }]),
        caseOf(2, 'Tia Today', '6', [
          { kind: 'next-review', date: '2025-11-21' },
          { kind: 'stage', stageId: 'targeted-support' },
        ]),
        caseOf(3, 'Fay Fortnight', '5', [{ kind: 'next-review', date: '2025-12-05' }]),
        caseOf(4, 'Lev Later', '5', [
          { kind: 'next-review', date: '2025-12-06' },
          { kind: 'add-action', what: 'Home visit', party: 'school', owner: 'Ms Patel', due: '2025-11-21' },
        ]),
        caseOf(5, 'Pat Past', '6', [{ kind: 'next-review', date: '2025-12-06' }]),
        caseOf(6, 'Una Unset', '6', []),
      ]),
    );

    it('lists overdue, due today and within a fortnight, then unset, and a later review with an action due', async () => {
      const reply = await bot.say(CHANNEL, 'which cases are due a review?');
      expect(names(reply.card)).toEqual(['Ola Overdue', 'Tia Today', 'Fay Fortnight', 'Lev Later', 'Una Unset']);
      const text = cardText(reply.card);
      expect(text).toContain('6 cases open; 5 have a review overdue');
      expect(text).toMatch(/Thursday,? 20 November 2025: overdue by 1 day/);
      expect(text).toMatch(/Friday,? 21 November 2025: due today/);
      expect(text).toMatch(/Friday,? 5 December 2025, in 14 days/);
      expect(text).toMatch(/Home visit \(School, Ms Patel\), due Friday,? 21 November 2025/);
      expect(text).toContain('Targeted support with the Inclusion Officer');
      expect(text).toContain('no date set');
      expect(text).toContain('case for Ola Overdue');
      expect(text).toContain('Derby City Council');
      expect(text).not.toContain('Pat Past');
      expect(text).not.toMatch(/\d{4}-\d{2}-\d{2}/);
    });

    it('reads "case reviews due" as the question, not as a pupil called "reviews due"', async () => {
      const reply = await bot.say(CHANNEL, 'case reviews due');
      expect(reply.card?.body?.[0]).toMatchObject({ text: 'Cases due a review' });
    });

    it('keeps "case for <pupil>" showing that pupil\'s case', async () => {
      const reply = await bot.say(CHANNEL, 'case for Tia Today');
      expect(cardText(reply.card)).toContain('Tia Today');
      expect(reply.card?.body?.[0]).not.toMatchObject({ text: 'Cases due a review' });
    });

    it('narrows to a year group', async () => {
      const reply = await bot.say(CHANNEL, 'case reviews due in year 6');
      expect(names(reply.card)).toEqual(['Tia Today', 'Una Unset']);
      expect(cardText(reply.card)).toContain('3 cases open; 2 have');
    });

    it('leaves "reviews due" on its own to the part-time timetables', async () => {
      const reply = await bot.say(CHANNEL, 'reviews due');
      expect(cardText(reply.card)).toContain('No part-time timetables are recorded');
    });
  });
});
