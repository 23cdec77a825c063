import { type Activity } from 'botbuilder';
import { afterEach, describe, expect, it } from 'vitest';
import { fixtureUpn } from '../support/registerFixture.ts';
import { expectValidCard } from '../support/validateCard.ts';
import { FIXTURE_SCHOOL } from './support/botFixture.ts';
import { cardOf, presses, says, scriptedBot, type ScriptedBot } from './support/scriptedBot.ts';

/** Fixture pupils by position: Amy Smith, Amy Stone, Ben Jones (social worker), Cara Brown, Dan Smith. */
const AMY_SMITH = fixtureUpn(1);
const BEN_JONES = fixtureUpn(3);

function bodyText(activity: Partial<Activity>): string {
  const card = cardOf(activity) as { body?: unknown } | undefined;
  return JSON.stringify(card?.body ?? activity.text);
}

function invokeCard(activity: Partial<Activity>): Record<string, unknown> {
  expect(activity.type).toBe('invokeResponse');
  const response = (activity.value as { body: { statusCode: number; value: Record<string, unknown> } }).body;
  expect(response.statusCode).toBe(200);
  return response.value;
}

/** The Action.Execute behind each suggestion on a not-understood card. */
function suggestionActions(activity: Partial<Activity>): { verb: string; data: { question: string }; title: string }[] {
  const card = cardOf(activity) as {
    body: { selectAction?: { verb: string; data: { question: string }; title: string } }[];
  };
  return card.body.flatMap((b) => (b.selectAction ? [b.selectAction] : []));
}

let bot: ScriptedBot | undefined;
afterEach(async () => {
  await bot?.close();
  bot = undefined;
});

describe('pupil questions', () => {
  it('reads a UPN anywhere in a question as that pupil, in any case', async () => {
    bot = scriptedBot([FIXTURE_SCHOOL], { defaultRole: 'staff' });
    await bot.adapter
      .send(says(`how is ${AMY_SMITH} doing?`, {}))
      .assertReply((reply) => {
        expectValidCard(cardOf(reply));
        expect(bodyText(reply)).toContain('Amy Smith');
        expect(bodyText(reply)).toContain(`UPN ${AMY_SMITH}`);
      })
      .send(says(AMY_SMITH.toLowerCase(), {}))
      .assertReply((reply) => expect(bodyText(reply)).toContain('Amy Smith'))
      .send(says(`attendance for ${AMY_SMITH} please`, {}))
      .assertReply((reply) => expect(bodyText(reply)).toContain('Amy Smith'))
      .startTest();
  });

  it('says only that no such pupil is here when the UPN is not at a school the asker can see', async () => {
    bot = scriptedBot([FIXTURE_SCHOOL], { defaultRole: 'staff' });
    const elsewhere = fixtureUpn(77);
    await bot.adapter
      .send(says(`how is ${elsewhere} doing?`, {}))
      .assertReply((reply) =>
        expect(reply.text).toBe(
          `I can't find a pupil with UPN ${elsewhere} at Oakfield Primary. Check the number against the register.`,
        ),
      )
      .startTest();
  });

  it('answers "why is … on the list?" with each finding, its evidence in words and its source', async () => {
    bot = scriptedBot([FIXTURE_SCHOOL], { defaultRole: 'staff' });
    await bot.adapter
      .send(says('why is Amy Smith on the list?', {}))
      .assertReply((reply) => {
        expectValidCard(cardOf(reply));
        const body = bodyText(reply);
        expect(body).toContain('Why Amy Smith is on the list');
        expect(body).toContain('Penalty threshold');
        expect(body).toContain('Persistent absence');
        expect(body).toContain('Sessions counted');
        expect(body).toContain('Working together to improve school attendance');
        expect(body).toMatch(/Mon, 10 Nov 2025 AM O/);
        // Dates in words: no ISO dates for a person to read.
        expect(body).not.toMatch(/\d{4}-\d{2}-\d{2}/);
      })
      .startTest();
    const audit = await bot.services.store.listAudit();
    expect(audit.some((a) => a.what === 'view.pupil' && a.upn === AMY_SMITH)).toBe(true);
  });

  it('answers "explain", "flagged" and "why … severely absent" about the pupil, not the list', async () => {
    bot = scriptedBot([FIXTURE_SCHOOL], { defaultRole: 'staff' });
    await bot.adapter
      .send(says('explain Amy Smith', {}))
      .assertReply((reply) => expect(bodyText(reply)).toContain('Why Amy Smith is on the list'))
      .send(says(`why is ${AMY_SMITH} flagged?`, {}))
      .assertReply((reply) => expect(bodyText(reply)).toContain('Why Amy Smith is on the list'))
      .send(says('why is Amy Smith severely absent?', {}))
      .assertReply((reply) => expect(bodyText(reply)).toContain('Why Amy Smith is on the list'))
      .startTest();
  });

  it('resolves a full name directly even when a sibling shares the family name', async () => {
    bot = scriptedBot([FIXTURE_SCHOOL], { defaultRole: 'staff' });
    await bot.adapter
      .send(says('how is Dan Smith doing?', {}))
      .assertReply((reply) => {
        expect(bodyText(reply)).toContain('Dan Smith');
        expect(bodyText(reply)).not.toContain('Which pupil did you mean?');
      })
      .send(says('why is Dan Smith flagged?', {}))
      .assertReply((reply) => expect(bodyText(reply)).toContain('Dan Smith is on no list'))
      .send(says('how is Smith doing?', {}))
      .assertReply((reply) => expect(bodyText(reply)).toContain('Which pupil did you mean?'))
      .startTest();
  });

  it('keeps a safeguarding step out of a limited channel and shows it in a lead’s personal chat', async () => {
    bot = scriptedBot([FIXTURE_SCHOOL], { defaultRole: 'attendance-lead' });
    await bot.adapter
      .send(says(`explain ${BEN_JONES}`, {}))
      .assertReply((reply) => {
        expect(bodyText(reply)).toContain('Why Ben Jones is on the list');
        expect(bodyText(reply)).not.toMatch(/social worker/i);
      })
      .send(says(`explain ${BEN_JONES}`, { personal: true }))
      .assertReply((reply) => expect(bodyText(reply)).toContain('Why Ben Jones is on the list'))
      .startTest();
  });

  it('opens the pupil card from the findings card', async () => {
    bot = scriptedBot([FIXTURE_SCHOOL], { defaultRole: 'staff' });
    let action: { verb: string; data: Record<string, unknown> } | undefined;
    await bot.adapter
      .send(says('why is Amy Smith on the list?', { personal: true }))
      .assertReply((reply) => {
        action = (cardOf(reply) as { actions: { verb: string; data: Record<string, unknown> }[] }).actions[0];
      })
      .startTest();
    await bot.adapter
      .send(presses(action!.verb, action!.data, { personal: true }))
      .assertReply((reply) => {
        const card = invokeCard(reply);
        expectValidCard(card);
        expect(JSON.stringify(card)).toContain('Measures');
        expect(JSON.stringify(card)).toContain('Amy Smith');
      })
      .startTest();
  });
});

describe('short replies', () => {
  it('offers three questions close to what was asked, as buttons that ask them, and "help"', async () => {
    bot = scriptedBot([FIXTURE_SCHOOL], { defaultRole: 'staff' });
    let suggestions: ReturnType<typeof suggestionActions> = [];
    await bot.adapter
      .send(says('Year 9 wibble this term', {}))
      .assertReply((reply) => {
        expectValidCard(cardOf(reply));
        suggestions = suggestionActions(reply);
        const actions = (cardOf(reply) as { actions: { title: string; data: { question: string } }[] }).actions;
        expect(actions.map((a) => [a.title, a.data.question])).toEqual([['Help', 'help']]);
        expect(bodyText(reply)).not.toContain('Cases and the termly meeting');
      })
      .startTest();
    expect(suggestions).toHaveLength(3);
    expect(suggestions.map((s) => s.data.question)).toContain('who is persistently absent in Year 9 this term?');
    const pa = suggestions.find((s) => s.data.question.startsWith('who is persistently absent'))!;
    expect(pa.verb).toBe('queries.ask');
    await bot.adapter
      .send(presses(pa.verb, pa.data, {}))
      .assertReply((reply) => {
        const card = invokeCard(reply);
        expectValidCard(card);
        expect(JSON.stringify(card)).toContain('Persistent absence');
        expect(JSON.stringify(card)).toContain('Amy Smith');
      })
      .startTest();
  });

  it('shows what the asker’s role can do, and no more', async () => {
    bot = scriptedBot([FIXTURE_SCHOOL]);
    await bot.services.store.setRole('100001', 'aad-staff', 'staff');
    await bot.services.store.setRole('100001', 'aad-head', 'head');
    await bot.adapter
      .send(says('help', {}))
      .assertReply((reply) => {
        expectValidCard(cardOf(reply));
        expect(bodyText(reply)).toContain('why is Amy Smith on the list?');
        expect(bodyText(reply)).not.toContain('Decisions and cases');
        expect(bodyText(reply)).toContain('for the attendance lead, head, DSL and LA officers');
      })
      .send(says('help', {}, { aadObjectId: 'aad-head' }))
      .assertReply((reply) => {
        expect(bodyText(reply)).toContain('Decisions and cases');
        expect(bodyText(reply)).toContain('privacy full');
      })
      .send(says('help', {}, { aadObjectId: 'aad-nobody' }))
      .assertReply((reply) => {
        expect(bodyText(reply)).toContain('You have no role at this school yet');
        expect(bodyText(reply)).not.toContain('Ask in your own words');
      })
      .startTest();
  });

  it('answers a message longer than any question politely, without reading it', async () => {
    bot = scriptedBot([FIXTURE_SCHOOL], { defaultRole: 'staff' });
    await bot.adapter
      .send(says(`how is ${'Amy '.repeat(3000)}doing?`, {}))
      .assertReply((reply) => {
        expect(reply.text).toMatch(
          /^That message is 12,\d{3} characters long, and I only read questions of up to 1,000/,
        );
        expect(cardOf(reply)).toBeUndefined();
      })
      .startTest();
  });
});
