import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { AUTUMN_2025, type FixtureSpec } from '../../support/registerFixture.ts';
import { FIXTURE_AS_OF } from '../support/botFixture.ts';
import { cardText, DecisionBot } from '../decisions/decisionBot.ts';

/**
 * National profile, as of Fri 21 Nov 2025 (Mon 3 November is an INSET day):
 * - Rhys Long (Y8): O on every session of Tue 4 - Mon 17 November, 10 school days, back on the 18th;
 * - Iris Bell (Y7): ill 20 October - 17 November, 15 school days across the half-term.
 */
const HILLSIDE: FixtureSpec = {
  school: { urn: '100001', name: 'Hillside School', localAuthority: 'Fixture LA', policy: 'national' },
  calendar: AUTUMN_2025,
  pupils: [
    {
      givenName: 'Rhys',
      familyName: 'Long',
      yearGroup: '8',
      dateOfBirth: '2012-12-12',
      spans: [['2025-11-04', '2025-11-17', 'O']],
      marksUntil: FIXTURE_AS_OF,
    },
    {
      givenName: 'Iris',
      familyName: 'Bell',
      yearGroup: '7',
      dateOfBirth: '2013-10-10',
      spans: [['2025-10-20', '2025-11-17', 'I']],
      marksUntil: FIXTURE_AS_OF,
    },
  ],
};
const CHANNEL = '19:hillside-attendance@thread.tacv2';

describe('returns to the local authority, through the bot over HTTP', () => {
  const bot = new DecisionBot();

  beforeAll(async () => {
    await bot.start([HILLSIDE]);
    await bot.bind(CHANNEL, '100001');
    await bot.role('100001', 'attendance-lead');
  });
  afterAll(() => bot.close());

  it('lists the returns owed this month, including a run that ended before the pupil came back', async () => {
    const reply = await bot.say(CHANNEL, 'returns due?');
    const text = cardText(reply.card);
    expect(text).toContain('Returns to the local authority: November 2025');
    expect(text).toContain('Rhys Long, Year 8: attendance return');
    expect(text).toContain('10 school days, Tue, 4 Nov 2025 to Mon, 17 Nov 2025');
    expect(text).toContain('Iris Bell, Year 7: sickness return');
    expect(JSON.stringify(reply.card)).toContain('returns.notified');
  });

  it('records “LA notified” with who and when, audits it, and stops showing the return as owed', async () => {
    const due = await bot.say(CHANNEL, 'returns due');
    const pressed = await bot.press(CHANNEL, due.card!, 'returns.notified');
    expect(cardText(pressed.card)).toMatch(/LA notified: recorded by [^,]+, /);
    const audit = await bot.bot.services.store.listAudit({ schoolUrn: '100001' });
    expect(audit.filter((a) => a.what === 'return.notified').map((a) => a.detail?.kind)).toEqual(['attendance']);

    const again = await bot.say(CHANNEL, 'returns due');
    expect(cardText(again.card)).not.toContain('Rhys Long');
    expect(cardText(again.card)).toContain('Iris Bell');

    // The month's list still shows it, as made.
    const month = await bot.say(CHANNEL, 'returns for November');
    expect(cardText(month.card)).toContain('Rhys Long');
    expect(cardText(month.card)).toContain('1 owed, 1 made');

    // Pressing the old card again records nothing new.
    const twice = await bot.press(CHANNEL, due.card!, 'returns.notified');
    expect(cardText(twice.card)).toContain('already marked made');
  });

  it('marks a sickness return made where the sickness walk-through looks for it', async () => {
    const due = await bot.say(CHANNEL, 'returns due');
    await bot.press(CHANNEL, due.card!, 'returns.notified');
    const records = await bot.bot.services.store.listRecords<{ returnFor: string; sentOn: string }>(
      'decisions.sicknessReturn',
    );
    // Keyed as the walk-through keys a return for this illness: its first day, nationally.
    expect(records.map((r) => [r.id.split(':')[2], r.value.returnFor, r.value.sentOn])).toEqual([
      ['2025-10-20', '2025-10-20', records[0].value.sentOn],
    ]);
    expect(cardText((await bot.say(CHANNEL, 'returns due')).card)).toContain('No return is owed for this month.');
  });

  it('refuses a forged press for a return the register does not owe', async () => {
    const result = await bot.invoke(CHANNEL, 'returns.notified', {
      urn: '100001',
      upn: 'A820123425001',
      kind: 'attendance',
      returnFor: '2025-09-01',
      month: '2025-11',
      scope: '100001',
    });
    expect(result.message).toMatch(/no longer owed|cannot read/);
  });

  it('answers a month with none owed, and leaves “sickness returns due?” to the questions', async () => {
    const october = await bot.say(CHANNEL, 'returns for September 2025');
    expect(cardText(october.card)).toContain('No return falls due in this month.');
    const sickness = await bot.say(CHANNEL, 'any sickness returns due?');
    expect(cardText(sickness.card)).not.toContain('Returns to the local authority');
  });

  it('is only for staff whose role covers returns', async () => {
    await bot.role('100001', 'staff');
    const reply = await bot.say(CHANNEL, 'returns due');
    expect(reply.text).toContain('Returns are for the head, attendance and safeguarding leads and LA officers.');
    await bot.role('100001', 'attendance-lead');
  });
});
