import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { AUTUMN_2025, fixtureUpn, type FixtureSpec } from '../../support/registerFixture.ts';
import { FIXTURE_AS_OF } from '../support/botFixture.ts';
import { cardText, DecisionBot, type CardJson } from './decisionBot.ts';

/**
 * Derby City Council's policy (paras 18-22) as of Friday, 21 November 2025:
 * - Amy Shaw (Y8): no flags;
 * - Ben Cole (Y8): has a social worker;
 * - Cara Dean (Y8): has an EHC plan;
 * - Dan Eve (Y8): a timetable in the school's export since Monday 6 October, with no review date set.
 */
const DERBY_SCHOOL: FixtureSpec = {
  school: { urn: '100030', name: 'Derwent Academy', localAuthority: 'Derby', policy: 'derby' },
  calendar: AUTUMN_2025,
  pupils: [
    { givenName: 'Amy', familyName: 'Shaw', yearGroup: '8', dateOfBirth: '2012-10-10', marksUntil: FIXTURE_AS_OF },
    {
      givenName: 'Ben',
      familyName: 'Cole',
      yearGroup: '8',
      dateOfBirth: '2012-11-11',
      socialWorker: true,
      marksUntil: FIXTURE_AS_OF,
    },
    {
      givenName: 'Cara',
      familyName: 'Dean',
      yearGroup: '8',
      dateOfBirth: '2013-01-12',
      sen: 'ehcp',
      marksUntil: FIXTURE_AS_OF,
    },
    { givenName: 'Dan', familyName: 'Eve', yearGroup: '8', dateOfBirth: '2013-02-13', marksUntil: FIXTURE_AS_OF },
  ],
  partTimeCsv: `upn,start,proposed_end,sessions_off,school_agreed,parent_agreed,plan\n${fixtureUpn(4)},2025-10-06,2025-12-19,Fri PM,2025-10-01,2025-10-02,Reintegration plan\n`,
};
const URN = '100030';
const SAFEGUARDING = '19:derwent-safeguarding@thread.tacv2';
const STAFFROOM = '19:derwent-staffroom@thread.tacv2';

/** The answers to every step up to the review, for a timetable both sides agreed on Thursday 20 November. */
const AGREED = {
  reason: { reason: 'medical' },
  dates: { start: '2025-11-24', proposedEnd: '2025-12-19' },
  sessions: { sessionsOff: '1-PM,3-PM' },
  plan: { plan: 'Individual health care plan' },
  school: { schoolAgreed: 'yes', schoolAgreedOn: '2025-11-20' },
  parent: { parentAgreed: 'lives-with', parentAgreedOn: '2025-11-20' },
  review: { nextReview: '2025-12-05' },
};
type Answers = Partial<Record<keyof typeof AGREED | 'socialWorker' | 'la', Record<string, string>>>;

describe('recording a part-time timetable, through the bot over HTTP on recorded Teams activities', () => {
  const bot = new DecisionBot();

  beforeAll(async () => {
    await bot.start([DERBY_SCHOOL]);
    await bot.bind(SAFEGUARDING, URN);
    await bot.bind(STAFFROOM, URN, 'limited');
    await bot.role(URN, 'attendance-lead');
  });
  afterAll(() => bot.close());

  const school = () => bot.bot.services.schools.find((s) => s.urn === URN)!;
  const findingsOf = (n: number) =>
    bot.bot.services.cache
      .evaluation(school(), FIXTURE_AS_OF)
      .findings.filter((f) => f.upn === fixtureUpn(n))
      .map((f) => f.rule);

  /** Says `ask`, then answers each card in turn with `answers` (the step id each card shows picks the answer). */
  async function walk(ask: string, answers: Answers): Promise<{ cards: CardJson[]; last: CardJson }> {
    const first = await bot.say(SAFEGUARDING, ask);
    let card = first.card!;
    const cards = [card];
    for (;;) {
      const step = (card.actions ?? []).find((a) => a.verb === 'decisions.next')?.data.step as keyof Answers;
      if (!step) break;
      const given = answers[step];
      if (!given) throw new Error(`no answer for step ${step}`);
      const next = await bot.press(SAFEGUARDING, card, 'decisions.next', given);
      if (!next.card) throw new Error(next.message);
      if (cardText(next.card) === cardText(card)) throw new Error(`step ${step} refused: ${cardText(next.card)}`);
      card = next.card;
      cards.push(card);
    }
    return { cards, last: card };
  }

  it('walks a lawful timetable step by step, cites Derby’s paras, records it and the findings follow at once', async () => {
    const { cards, last } = await walk('record a part-time timetable for Amy Shaw', {
      ...AGREED,
      dates: { start: '2025-11-17', proposedEnd: '2025-12-19' },
      review: { nextReview: FIXTURE_AS_OF },
    });
    expect(cardText(cards[0])).toContain('No part-time timetable is on record for this pupil.');
    expect(JSON.stringify(cards[2])).toContain('"isMultiSelect":true');
    expect(cardText(cards[2])).toContain('Wednesday afternoon');
    // No social worker and no EHC plan: the review is the last step.
    expect(cards.map((c) => (c.actions ?? []).find((a) => a.verb === 'decisions.next')?.data.step)).toEqual([
      'reason',
      'dates',
      'sessions',
      'plan',
      'school',
      'parent',
      'review',
      undefined,
    ]);
    const text = cardText(last);
    expect(text).toContain('Lawful: the part-time timetable can be recorded and used.');
    expect(text).toContain('Out of school each week (recorded C2): Monday afternoon, Wednesday afternoon.');
    expect(text).toContain('First review on Friday, 21 November 2025');
    expect(text).toContain(
      'Derby City Council, Working Together to Improve School Attendance policy (2025), para 19: agreed by the school and the parent the pupil normally lives with',
    );
    expect(text).not.toMatch(/\d{4}-\d{2}-\d{2}/);
    expect(findingsOf(1)).toEqual([]);

    const recorded = await bot.press(SAFEGUARDING, last, 'decisions.partTimeRecord');
    const card = cardText(recorded.card);
    expect(card).toContain('Part-time timetable: Amy Shaw, Year 8');
    expect(card).toContain('In place: ends Friday, 19 December 2025.');
    expect(card).toContain('Recorded by Staff Member');
    // The review date is today: the school's findings say so now, without a reload.
    expect(findingsOf(1)).toEqual(['part-time-review-due']);
    const agenda = school().register.partTimeTimetables!.filter((t) => t.upn === fixtureUpn(1));
    expect(agenda).toHaveLength(1);

    const again = await bot.press(SAFEGUARDING, last, 'decisions.partTimeRecord');
    expect(cardText(again.card)).toContain('This timetable is already recorded.');

    const audit = await bot.bot.services.store.listAudit({ upn: fixtureUpn(1) });
    expect(audit.filter((a) => a.what === 'decision.recorded').map((a) => [a.who, a.detail?.start])).toEqual([
      ['aad-staff-1', '2025-11-17'],
    ]);
  });

  it('records a review held with an extension, then the pupil back full time, each audited with who and when', async () => {
    const { last } = await walk('add a part time timetable for Amy Shaw', {
      ...AGREED,
      dates: { start: '2025-11-10', proposedEnd: '2025-11-28' },
      school: { schoolAgreed: 'yes', schoolAgreedOn: '2025-11-07' },
      parent: { parentAgreed: 'lives-with', parentAgreedOn: '2025-11-07' },
      review: { nextReview: FIXTURE_AS_OF },
    });
    const record = (await bot.press(SAFEGUARDING, last, 'decisions.partTimeRecord')).card!;
    const early = await bot.press(SAFEGUARDING, record, 'decisions.partTimeReview', { reviewOn: '2025-11-24' });
    expect(cardText(early.card)).toContain('Record the review once it has been held');
    const reviewed = await bot.press(SAFEGUARDING, record, 'decisions.partTimeReview', {
      reviewOn: FIXTURE_AS_OF,
      extendedTo: '2026-01-09',
      nextReview: '2025-12-05',
    });
    const text = cardText(reviewed.card);
    expect(text).toContain('Friday, 21 November 2025: extended to Friday, 9 January 2026');
    expect(text).toContain('In place: ends Friday, 9 January 2026.');
    expect(text).toContain('Review on Friday, 21 November 2025 recorded by Staff Member');
    const ended = await bot.press(SAFEGUARDING, reviewed.card!, 'decisions.partTimeEnd', { endedOn: FIXTURE_AS_OF });
    expect(cardText(ended.card)).toContain('Ended: back full time after Friday, 21 November 2025.');
    expect(JSON.stringify(ended.card)).not.toContain('decisions.partTimeReview');
    const audit = await bot.bot.services.store.listAudit({ upn: fixtureUpn(1) });
    expect(audit.filter((a) => a.what.startsWith('partTime.')).map((a) => [a.what, a.who, a.detail?.start])).toEqual([
      ['partTime.reviewed', 'aad-staff-1', '2025-11-10'],
      ['partTime.ended', 'aad-staff-1', '2025-11-10'],
    ]);
  });

  it('says a parent the pupil does not live with cannot agree, and a timetable with only their agreement is not lawful', async () => {
    const { cards, last } = await walk('record a part-time timetable for Amy Shaw', {
      ...AGREED,
      parent: { parentAgreed: 'other-parent', parentAgreedOn: '2025-11-20' },
    });
    expect(cardText(cards[5])).toContain('a parent the pupil does not live with cannot');
    const text = cardText(last);
    expect(text).toContain('Not lawful: do not use this timetable or record C2 for it.');
    expect(text).toContain('Not met: Agreed by the school and a parent the pupil normally lives with?');
    expect(text).toContain('A parent the pupil does not normally live with cannot agree a part-time timetable');
    expect(JSON.stringify(last)).not.toContain('decisions.partTimeRecord');
    const forced = await bot.invoke(SAFEGUARDING, 'decisions.partTimeRecord', {
      walkId: (last.actions ?? [])[0].data.walkId,
      step: 'conclusion',
    });
    expect(cardText(forced.card)).toContain('This timetable is not lawful, so it cannot be recorded.');
  });

  it('refuses a review date already past but takes one today; an end date yesterday is recorded as past its end', async () => {
    const first = await bot.say(SAFEGUARDING, 'put Amy Shaw on a part-time timetable');
    let card = first.card!;
    for (const step of ['reason', 'dates', 'sessions', 'plan', 'school', 'parent'] as const) {
      const answer =
        step === 'dates'
          ? { start: '2025-11-03', proposedEnd: '2025-11-20' }
          : (AGREED[step] as Record<string, string>);
      card = (await bot.press(SAFEGUARDING, card, 'decisions.next', answer)).card!;
    }
    const yesterday = await bot.press(SAFEGUARDING, card, 'decisions.next', { nextReview: '2025-11-20' });
    expect(cardText(yesterday.card)).toContain(
      'A review date before today (Friday, 21 November 2025) is already overdue: give the date it will be held.',
    );
    const conclusion = (await bot.press(SAFEGUARDING, card, 'decisions.next', { nextReview: FIXTURE_AS_OF })).card!;
    expect(cardText(conclusion)).toContain(
      'The proposed end date, Thursday, 20 November 2025, is before today (Friday, 21 November 2025)',
    );
    await bot.press(SAFEGUARDING, conclusion, 'decisions.partTimeRecord');
    expect(findingsOf(1)).toContain('part-time-past-end-date');
  });

  it('asks about the social worker only for a pupil who has one, and lists telling them as still to do', async () => {
    const { cards, last } = await walk('record a part-time timetable for Ben Cole', { ...AGREED, socialWorker: {} });
    expect(cardText(cards[7])).toContain('The pupil has a social worker.');
    expect(cardText(last)).toContain('Lawful, with things still to do');
    expect(cardText(last)).toContain('To do: Social worker told and involved?');
    expect(cardText(last)).toContain('Tell the social worker: the timetable forms part of the child’s plan.');
    expect(cardText(last)).toContain('para 20: keep the social worker informed and involved');
  });

  it('asks about the local authority only with an EHC plan; not told, it is lawful with that still to do, and the finding follows', async () => {
    const { cards, last } = await walk('record a part-time timetable for Cara Dean', { ...AGREED, la: {} });
    expect(cardText(cards[7])).toContain('The pupil has an EHC plan.');
    expect(cardText(last)).toContain('Discuss the timetable with the local authority (EHC plan).');
    expect(cardText(last)).toContain('para 21: discuss with the local authority when the pupil has an EHC plan');
    await bot.press(SAFEGUARDING, last, 'decisions.partTimeRecord');
    // It starts on Monday 24 November, so it is not in place yet on the as-of day: nothing to flag today.
    expect(findingsOf(3)).toEqual([]);
    const later = bot.bot.services.cache.evaluation(school(), '2025-11-24').findings;
    expect(later.filter((f) => f.upn === fixtureUpn(3)).map((f) => f.rule)).toContain('part-time-ehcp-la-not-told');
  });

  it('lays a review recorded in the bot over the export’s timetable for the same pupil and start', async () => {
    expect(findingsOf(4)).toEqual(['part-time-review-overdue']);
    const shown = await bot.invoke(SAFEGUARDING, 'decisions.partTimeShow', {
      schoolUrn: URN,
      upn: fixtureUpn(4),
      start: '2025-10-06',
    });
    expect(cardText(shown.card)).toContain('From the school’s register export: nothing recorded in the bot yet.');
    const reviewed = await bot.press(SAFEGUARDING, shown.card!, 'decisions.partTimeReview', {
      reviewOn: '2025-11-20',
      nextReview: '2025-12-18',
    });
    expect(cardText(reviewed.card)).toContain('Next review');
    expect(cardText(reviewed.card)).toContain('Thursday, 18 December 2025');
    expect(findingsOf(4)).toEqual([]);
    const dans = school().register.partTimeTimetables!.filter((t) => t.upn === fixtureUpn(4));
    expect(dans).toHaveLength(1);
    expect(dans[0].plan).toBe('Reintegration plan');
  });

  it('keeps recording to the head and leads, and the walk-through out of limited conversations', async () => {
    const limited = await bot.say(STAFFROOM, 'record a part-time timetable for Amy Shaw');
    expect(limited.text).toContain('start them in a personal chat with me');
    const { last } = await walk('record a part-time timetable for Amy Shaw', {
      ...AGREED,
      dates: { start: '2025-12-01', proposedEnd: '2025-12-19' },
    });
    await bot.role(URN, 'la-officer');
    try {
      const refused = await bot.press(SAFEGUARDING, last, 'decisions.partTimeRecord');
      expect(refused.message).toContain('Only the head, the attendance lead or the designated safeguarding lead');
      const shown = await bot.invoke(SAFEGUARDING, 'decisions.partTimeShow', {
        schoolUrn: URN,
        upn: fixtureUpn(4),
        start: '2025-10-06',
      });
      expect(JSON.stringify(shown.card)).not.toContain('decisions.partTimeEnd');
      const forced = await bot.invoke(SAFEGUARDING, 'decisions.partTimeEnd', {
        schoolUrn: URN,
        upn: fixtureUpn(4),
        start: '2025-10-06',
        endedOn: FIXTURE_AS_OF,
      });
      expect(forced.message).toContain('Only the head');
    } finally {
      await bot.role(URN, 'attendance-lead');
    }
  });

  it('opens from another card’s button (decisions.start) for a pupil by UPN', async () => {
    const started = await bot.invoke(SAFEGUARDING, 'decisions.start', {
      kind: 'part-time',
      schoolUrn: URN,
      upn: fixtureUpn(4),
    });
    expect(cardText(started.card)).toContain('Dan Eve, Year 8');
    expect(cardText(started.card)).toContain('On record: from Monday, 6 October 2025');
  });

  it('shows a pupil’s timetable on "show the part-time timetable for …", and says when there is none', async () => {
    const shown = await bot.say(SAFEGUARDING, 'show the part-time timetable for Dan Eve');
    expect(cardText(shown.card)).toContain('Part-time timetable: Dan Eve, Year 8');
    expect(cardText(shown.card)).toContain('Review on Thursday, 20 November 2025 recorded by Staff Member');
    const none = await bot.say(SAFEGUARDING, 'show part-time timetable for Ben Cole');
    expect(none.text).toContain('No part-time timetable is on record for Ben Cole.');
    const audit = await bot.bot.services.store.listAudit({ upn: fixtureUpn(4) });
    expect(audit.some((a) => a.what === 'partTime.viewed')).toBe(true);
  });

  it('offers the timetable in place and a new one from the pupil card in the full view, and neither in a limited one', async () => {
    const explained = await bot.say(SAFEGUARDING, 'explain Dan Eve');
    const full = await bot.press(SAFEGUARDING, explained.card!, 'queries.pupil');
    const shown = await bot.press(SAFEGUARDING, full.card!, 'decisions.partTimeShow');
    expect(cardText(shown.card)).toContain('Part-time timetable: Dan Eve, Year 8');
    const started = await bot.press(SAFEGUARDING, full.card!, 'decisions.start');
    expect(cardText(started.card)).toContain('Why is a part-time timetable proposed?');
    const limitedFindings = await bot.say(STAFFROOM, 'explain Dan Eve');
    const limited = await bot.press(STAFFROOM, limitedFindings.card!, 'queries.pupil');
    expect(cardText(limited.card)).toContain('Dan Eve');
    expect(JSON.stringify(limited.card)).not.toContain('decisions.partTimeShow');
    expect(JSON.stringify(limited.card)).not.toContain('decisions.start');
  });
});
