import { type Activity } from 'botbuilder';
import { afterEach, describe, expect, it } from 'vitest';
import { AUTUMN_2025, fixtureUpn, type FixtureSpec } from '../support/registerFixture.ts';
import { expectValidCard } from '../support/validateCard.ts';
import { FIXTURE_SCHOOL } from './support/botFixture.ts';
import { cardOf, presses, says, scriptedBot, type ScriptedBot } from './support/scriptedBot.ts';

const BROOK_LANE: FixtureSpec = {
  school: { urn: '100002', name: 'Brook Lane Academy', localAuthority: 'Fixture LA', policy: 'national' },
  calendar: AUTUMN_2025,
  pupils: Array.from({ length: 25 }, (_, i) => ({
    upn: fixtureUpn(50 + i),
    givenName: `Pupil${String(i + 1).padStart(2, '0')}`,
    familyName: 'Ill',
    yearGroup: '8',
    dateOfBirth: '2012-04-01',
    spans: [['2025-09-15', '2025-09-22', 'I']] as [string, string, string][],
    marksUntil: '2025-11-21',
  })),
};

/** Names listed on a list card. */
function listed(activity: Partial<Activity>): string[] {
  const card = cardOf(activity) as {
    body: { type: string; items?: { columns?: { items: { text: string }[] }[] }[] }[];
  };
  return card.body.filter((b) => b.type === 'Container').map((c) => c.items![0].columns![0].items[0].text);
}

function cardText(activity: Partial<Activity>): string {
  return JSON.stringify(cardOf(activity) ?? activity.text);
}

let bot: ScriptedBot | undefined;
afterEach(async () => {
  await bot?.close();
  bot = undefined;
});

describe('queries over the teams-ai app (TestAdapter)', () => {
  it('auto-binds a channel it never saw installed when only one school is loaded', async () => {
    bot = scriptedBot([FIXTURE_SCHOOL], { defaultRole: 'staff' });
    await bot.adapter
      .send(says('who is over the threshold?', { channel: '19:new' }))
      .assertReply((reply) => {
        expect(listed(reply)).toEqual(['Amy Smith', 'Amy Stone']);
        expectValidCard(cardOf(reply));
      })
      .startTest();
    expect((await bot.services.store.getBinding('19:new'))?.schoolUrn).toBe('100001');
  });

  it('asks an unlinked channel to link a school when several are loaded, then answers for the linked one', async () => {
    bot = scriptedBot([FIXTURE_SCHOOL, BROOK_LANE], { defaultRole: 'attendance-lead' });
    await bot.adapter
      .send(says('who is persistently absent?', {}))
      .assertReply((reply) =>
        expect(reply.text).toMatch(
          /not linked to a school yet.*Oakfield Primary \(URN 100001\); Brook Lane Academy \(URN 100002\)/,
        ),
      )
      .send(says('link school 100001', {}))
      .assertReply((reply) => expect(reply.text).toContain('now answers for Oakfield Primary (URN 100001)'))
      .send(says('who is persistently absent?', {}))
      .assertReply((reply) => expect(listed(reply)).toEqual(['Amy Smith', 'Ben Jones']))
      .startTest();
  });

  it('links by school name too, says which school a conversation is linked to, and only lets staff who may link do it', async () => {
    bot = scriptedBot([FIXTURE_SCHOOL, BROOK_LANE]);
    await bot.services.store.setRole('100002', 'aad-lead', 'attendance-lead');
    await bot.adapter
      .send(says('which school?', {}))
      .assertReply((reply) => expect(reply.text).toContain('This conversation is not linked to a school'))
      .send(says('link school brook lane', {}))
      .assertReply((reply) =>
        expect(reply.text).toContain(
          'Only the head, attendance lead, designated safeguarding lead or an LA officer at Brook Lane Academy',
        ),
      )
      .send(says('link school brook lane', {}, { aadObjectId: 'aad-lead' }))
      .assertReply((reply) => expect(reply.text).toContain('now answers for Brook Lane Academy (URN 100002)'))
      .send(says('which school?', {}))
      .assertReply((reply) =>
        expect(reply.text).toBe(
          'This conversation answers for Brook Lane Academy (URN 100002); privacy is limited: names and findings only.',
        ),
      )
      .send(says('link school 999999', {}, { aadObjectId: 'aad-lead' }))
      .assertReply((reply) => expect(reply.text).toContain(`I don't hold a school with URN or name "999999"`))
      .startTest();
    const audit = await bot.services.store.listAudit({ schoolUrn: '100002' });
    expect(audit.map((a) => [a.who, a.what])).toContainEqual(['aad-lead', 'conversation.link']);
  });

  it('refuses people without a role at the school, on every question', async () => {
    bot = scriptedBot([FIXTURE_SCHOOL]);
    await bot.adapter
      .send(says('who is persistently absent?', {}))
      .assertReply((reply) => expect(reply.text).toContain("You don't have a role at Oakfield Primary"))
      .startTest();
    await bot.services.store.setRole('100001', 'aad-staff', 'staff');
    await bot.adapter
      .send(says('who is persistently absent?', {}))
      .assertReply((reply) => expect(listed(reply)).toEqual(['Amy Smith', 'Ben Jones']))
      .startTest();
  });

  it('shows context flags only in a personal chat of a role that allows it, or a safeguarding channel', async () => {
    bot = scriptedBot([FIXTURE_SCHOOL]);
    const { store } = bot.services;
    await store.setRole('100001', 'aad-lead', 'attendance-lead');
    await store.setRole('100001', 'aad-staff', 'staff');
    await store.setRole('100001', 'aad-dsl', 'designated-safeguarding-lead');
    const lead = { aadObjectId: 'aad-lead' };
    await bot.adapter
      .send(says('how is Ben Jones doing?', { personal: true }, lead))
      .assertReply((reply) => {
        expect(cardText(reply)).toContain('Social worker');
        expectValidCard(cardOf(reply));
      })
      .send(says('how is Ben Jones doing?', { personal: true }))
      .assertReply((reply) => expect(cardText(reply)).not.toContain('Social worker'))
      .send(says('how is Ben Jones doing?', {}, lead))
      .assertReply((reply) => expect(cardText(reply)).not.toContain('Social worker'))
      .send(says('privacy full', {}))
      .assertReply((reply) => expect(reply.text).toContain('Only the head or the designated safeguarding lead'))
      .send(says('privacy full', {}, { aadObjectId: 'aad-dsl' }))
      .assertReply((reply) => expect(reply.text).toContain("now Oakfield Primary's safeguarding channel"))
      .send(says('how is Ben Jones doing?', {}))
      .assertReply((reply) => expect(cardText(reply)).toContain('Social worker'))
      .startTest();
    const audit = await store.listAudit({ upn: bot.services.schools[0].register.pupils[2].upn });
    expect(audit.filter((a) => a.what === 'view.pupil').map((a) => [a.who, a.detail?.privacy])).toEqual([
      ['aad-lead', 'full'],
      ['aad-staff', 'limited'],
      ['aad-lead', 'limited'],
      ['aad-staff', 'full'],
    ]);
  });

  it('in a channel says a safeguarding step applies without saying the pupil has a social worker', async () => {
    const withN: FixtureSpec = {
      ...FIXTURE_SCHOOL,
      pupils: [
        ...FIXTURE_SCHOOL.pupils,
        {
          givenName: 'Eve',
          familyName: 'Hall',
          yearGroup: '8',
          dateOfBirth: '2012-02-02',
          socialWorker: true,
          days: { '2025-11-21': 'N' },
          marksUntil: '2025-11-21',
        },
      ],
    };
    bot = scriptedBot([withN], { defaultRole: 'attendance-lead' });
    await bot.adapter
      .send(says('who has an unexplained absence today?', {}))
      .assertReply((reply) => {
        expect(listed(reply)).toEqual(['Eve Hall']);
        const text = cardText(reply);
        expect(text).toContain('Extra safeguarding steps apply');
        expect(text).not.toMatch(/social worker/i);
        expect(String(reply.summary)).not.toMatch(/social worker/i);
      })
      .send(says('how is Eve Hall doing?', {}))
      .assertReply((reply) => {
        expect(cardText(reply)).not.toMatch(/social worker/i);
        expect(cardText(reply)).toContain('Extra safeguarding steps apply');
      })
      .send(says('how is Eve Hall doing?', { personal: true }))
      .assertReply((reply) => expect(cardText(reply)).toContain('social worker (or youth offending team worker)'))
      .startTest();
  });

  it('lets Teams refresh a limited channel card into the full view for staff whose role allows it, and only for them', async () => {
    const withN: FixtureSpec = {
      ...FIXTURE_SCHOOL,
      pupils: [
        ...FIXTURE_SCHOOL.pupils,
        {
          givenName: 'Eve',
          familyName: 'Hall',
          yearGroup: '8',
          dateOfBirth: '2012-02-02',
          socialWorker: true,
          days: { '2025-11-21': 'N' },
          marksUntil: '2025-11-21',
        },
      ],
    };
    bot = scriptedBot([withN]);
    const { store } = bot.services;
    await store.setRole('100001', 'aad-dsl', 'designated-safeguarding-lead');
    await store.setRole('100001', 'aad-staff', 'staff');
    await store.setRole('100001', 'aad-absent-lead', 'attendance-lead'); // never met by the bot: no Teams id to name
    const dsl = { aadObjectId: 'aad-dsl' };
    let refresh: { action: { verb: string; data: Record<string, unknown> }; userIds: string[] } | undefined;
    await bot.adapter
      .send(says('which school?', {}, dsl))
      .assertReply(() => {})
      .send(says('who has an unexplained absence today?', {}))
      .assertReply((reply) => {
        const card = cardOf(reply) as { refresh: typeof refresh };
        expectValidCard(card);
        refresh = card.refresh;
        expect(refresh?.userIds).toEqual(['29:aad-dsl']);
      })
      .startTest();
    const bodyOf = (reply: Partial<Activity>) => JSON.stringify((reply.value as { body: unknown }).body);
    await bot.adapter
      .send(presses(refresh!.action.verb, refresh!.action.data, {}, dsl, 'automatic'))
      .assertReply((reply) => {
        expect(bodyOf(reply)).toContain('social worker (or youth offending team worker)');
        expect(bodyOf(reply)).toContain('shown only to you');
      })
      .send(presses(refresh!.action.verb, refresh!.action.data, {}, { aadObjectId: 'aad-staff' }, 'automatic'))
      .assertReply((reply) => expect(bodyOf(reply)).not.toMatch(/social worker/i))
      .startTest();
  });

  it('will not filter by a context flag in a limited channel', async () => {
    bot = scriptedBot([FIXTURE_SCHOOL], { defaultRole: 'attendance-lead' });
    await bot.adapter
      .send(says('which pupils with a social worker are persistently absent?', {}))
      .assertReply((reply) => expect(reply.text).toMatch(/Filtering by social worker would tell everyone/))
      .send(says('which pupils with a social worker are persistently absent?', { personal: true }))
      .assertReply((reply) => expect(listed(reply)).toEqual(['Ben Jones']))
      .startTest();
  });

  it('pages a long list 20 at a time with "next", answering the invoke with the next page', async () => {
    bot = scriptedBot([BROOK_LANE], { defaultRole: 'staff' });
    let next: { verb: string; data: Record<string, unknown>; title: string } | undefined;
    await bot.adapter
      .send(says('who is persistently absent?', {}))
      .assertReply((reply) => {
        expect(listed(reply)).toHaveLength(20);
        expect(listed(reply)[0]).toBe('Pupil01 Ill');
        next = (cardOf(reply) as { actions: { verb: string; data: Record<string, unknown>; title: string }[] })
          .actions[0];
        expect(next.title).toBe('Next 5');
      })
      .startTest();
    await bot.adapter
      .send(presses(next!.verb, next!.data, {}))
      .assertReply((reply) => {
        expect(reply.type).toBe('invokeResponse');
        const response = (reply.value as { body: { statusCode: number; value: Record<string, unknown> } }).body;
        expect(response.statusCode).toBe(200);
        const card = response.value as {
          body: { type: string; items?: { columns?: { items: { text: string }[] }[] }[] }[];
          actions?: unknown[];
        };
        expectValidCard(card);
        expect(
          card.body.filter((b) => b.type === 'Container').map((c) => c.items![0].columns![0].items[0].text),
        ).toEqual([21, 22, 23, 24, 25].map((n) => `Pupil${n} Ill`));
        expect(card.actions ?? []).toEqual([]);
      })
      .startTest();
  });

  it('shows fewer rows per page rather than send a card over 28 KB, and carries on from where it stopped', async () => {
    const longNames: FixtureSpec = {
      ...BROOK_LANE,
      pupils: BROOK_LANE.pupils.map((p, i) => ({
        ...p,
        familyName: `${String(i + 1).padStart(2, '0')}-${'Montgomery-Fitzwilliam-'.repeat(25)}`,
      })),
    };
    bot = scriptedBot([longNames], { defaultRole: 'staff' });
    let next: { verb: string; data: Record<string, unknown>; title: string } | undefined;
    await bot.adapter
      .send(says('who is persistently absent?', {}))
      .assertReply((reply) => {
        expectValidCard(cardOf(reply));
        const shown = listed(reply);
        expect(shown.length).toBeLessThan(20);
        expect(shown.length).toBeGreaterThanOrEqual(5);
        next = (cardOf(reply) as { actions: { verb: string; data: Record<string, unknown>; title: string }[] })
          .actions[0];
        expect(Number(next.data.start)).toBe(shown.length);
      })
      .startTest();
    await bot.adapter
      .send(presses(next!.verb, next!.data, {}))
      .assertReply((reply) => {
        const card = (
          reply.value as {
            body: { value: { body: { type: string; items?: { columns?: { items: { text: string }[] }[] }[] }[] } };
          }
        ).body.value;
        expectValidCard(card);
        const first = card.body.filter((b) => b.type === 'Container')[0].items![0].columns![0].items[0].text;
        expect(first.startsWith(`Pupil${String(Number(next!.data.start) + 1).padStart(2, '0')} `)).toBe(true);
      })
      .startTest();
  });

  it('lets an LA officer in a personal chat ask across schools or name one', async () => {
    bot = scriptedBot([FIXTURE_SCHOOL, BROOK_LANE]);
    await bot.services.store.setRole('*', 'aad-officer', 'la-officer');
    const officer = { aadObjectId: 'aad-officer' };
    await bot.adapter
      .send(says('which pupils hit the penalty threshold?', { personal: true }, officer))
      .assertReply((reply) =>
        expect(listed(reply)).toEqual(['Amy Smith · Oakfield Primary', 'Amy Stone · Oakfield Primary']),
      )
      .send(says('who is persistently absent at Oakfield?', { personal: true }, officer))
      .assertReply((reply) => expect(listed(reply)).toEqual(['Amy Smith', 'Ben Jones']))
      .startTest();
  });

  it("reads 'this half term' by the named school's own terms in a personal chat bound to no school", async () => {
    // Brook Lane's second half term starts a week before Oakfield's; asked about Brook Lane by name, the
    // period must be Brook Lane's, not a guess made before the school was known.
    const brookLane: FixtureSpec = {
      ...BROOK_LANE,
      calendar: {
        terms: [
          { name: 'Autumn 1', start: '2025-09-03', end: '2025-10-17' },
          { name: 'Autumn 2', start: '2025-10-27', end: '2025-12-19' },
        ],
        closures: [],
      },
    };
    bot = scriptedBot([FIXTURE_SCHOOL, brookLane]);
    await bot.services.store.setRole('*', 'aad-officer', 'la-officer');
    const officer = { aadObjectId: 'aad-officer' };
    await bot.adapter
      .send(says('who is persistently absent at Brook Lane this half term?', { personal: true }, officer))
      .assertReply((reply) => {
        const text = cardText(reply);
        expect(text).toContain('this half term (since 27 October 2025)');
        expect(text).not.toContain('approximate');
      })
      .send(says('who is persistently absent at Oakfield this half term?', { personal: true }, officer))
      .assertReply((reply) => expect(cardText(reply)).toContain('this half term (since 3 November 2025)'))
      .startTest();
  });

  it('compares a cohort with national figures and names the source', async () => {
    bot = scriptedBot([FIXTURE_SCHOOL], { defaultRole: 'staff' });
    await bot.adapter
      .send(says('how does year 9 compare with national?', {}))
      .assertReply((reply) => {
        expectValidCard(cardOf(reply));
        const text = cardText(reply);
        expect(text).toContain('Year 9 (3 pupils)');
        expect(text).toContain('7.66%');
        expect(text).toContain('DfE, Pupil absence in schools in England, autumn term 2024/25');
      })
      .startTest();
  });

  it('does not show figures for a cohort picked by a context flag that is small enough to identify a child', async () => {
    bot = scriptedBot([FIXTURE_SCHOOL], { defaultRole: 'attendance-lead' });
    await bot.adapter
      .send(says('how do FSM pupils compare with national?', { personal: true }))
      .assertReply((reply) => {
        expectValidCard(cardOf(reply));
        expect(cardText(reply)).toContain('Only 1 pupil matches, so figures are not shown');
        expect(cardText(reply)).not.toContain('Overall absence');
      })
      .startTest();
  });

  it('answers with help when asked, or when the question is not understood', async () => {
    bot = scriptedBot([FIXTURE_SCHOOL], { defaultRole: 'staff' });
    await bot.adapter
      .send(says('help', {}))
      .assertReply((reply) => {
        expectValidCard(cardOf(reply));
        expect(cardText(reply)).toContain('What I can answer');
      })
      .send(says('flibbertigibbet', {}))
      .assertReply((reply) => expect(cardText(reply)).toContain("Sorry, I didn't understand that"))
      .startTest();
  });

  it('says when a question asks about a date before the register starts', async () => {
    bot = scriptedBot([FIXTURE_SCHOOL], { defaultRole: 'staff' });
    await bot.adapter
      .send(says('who is persistently absent as of 1 August 2025?', {}))
      .assertReply((reply) =>
        expect(reply.text).toContain(
          "The register I hold starts on Wednesday, 3 September 2025, so I can't answer as of",
        ),
      )
      .startTest();
  });

  it('says so when no pupil has the name asked about', async () => {
    bot = scriptedBot([FIXTURE_SCHOOL], { defaultRole: 'staff' });
    await bot.adapter
      .send(says('how is Zed Zebedee doing?', {}))
      .assertReply((reply) =>
        expect(reply.text).toContain(`I can't find a pupil called "Zed Zebedee" at Oakfield Primary`),
      )
      .startTest();
  });
});
