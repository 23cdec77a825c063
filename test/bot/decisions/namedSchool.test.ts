import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { AUTUMN_2025, type FixtureSpec } from '../../support/registerFixture.ts';
import { FIXTURE_AS_OF } from '../support/botFixture.ts';
import { cardText, DecisionBot } from './decisionBot.ts';

const OAKFIELD: FixtureSpec = {
  school: { urn: '400001', name: 'Oakfield Primary', localAuthority: 'Fixture LA', policy: 'national' },
  calendar: AUTUMN_2025,
  pupils: [
    { givenName: 'Ella', familyName: 'Ward', yearGroup: '5', dateOfBirth: '2015-02-11', marksUntil: FIXTURE_AS_OF },
  ],
};
const BROOK: FixtureSpec = {
  school: { urn: '400002', name: 'Brook Lane Academy', localAuthority: 'Fixture LA', policy: 'national' },
  calendar: AUTUMN_2025,
  pupils: [
    { givenName: 'Gus', familyName: 'Reed', yearGroup: '8', dateOfBirth: '2012-10-01', marksUntil: FIXTURE_AS_OF },
  ],
};

const PERSONAL = 'a:1personal-chat-with-officer';
const OAKFIELD_CHANNEL = '19:oakfield-attendance@thread.tacv2';

describe('naming a school in a walk-through or question', () => {
  const bot = new DecisionBot();

  beforeAll(async () => {
    await bot.start([OAKFIELD, BROOK]);
    // An LA officer for both schools; the personal chat is linked to neither.
    await bot.role('400001', 'la-officer');
    await bot.role('400002', 'la-officer');
    await bot.bind(OAKFIELD_CHANNEL, '400001', 'limited');
  });
  afterAll(() => bot.close());

  it('starts a leave walk-through in a personal chat for a pupil at the school named, with no "link school" first', async () => {
    const reply = await bot.say(PERSONAL, 'check a leave request for Gus Reed at Brook Lane Academy', 'personal');
    expect(reply.card).toBeDefined();
    expect(cardText(reply.card!)).toContain('Gus Reed');
    expect(cardText(reply.card!)).toContain('Brook Lane Academy');
  });

  it('takes the school by URN too, and a leave check that names only the school', async () => {
    expect(cardText((await bot.say(PERSONAL, 'sickness return for Ella Ward at 400001', 'personal')).card!)).toContain(
      'Ella Ward',
    );
    const leave = await bot.say(PERSONAL, 'is this leave exceptional at Oakfield Primary?', 'personal');
    expect(cardText(leave.card!)).toContain('Oakfield Primary');
  });

  it("refuses another school's pupils in a channel linked to one school, and says where to ask", async () => {
    const question = await bot.say(OAKFIELD_CHANNEL, 'who is persistently absent at Brook Lane Academy?');
    expect(question.text).toBe(
      "This channel is linked to Oakfield Primary, so I won't show Brook Lane Academy's pupils here. Ask about Brook Lane Academy in a personal chat with me, or in a channel linked to it.",
    );
    expect(question.card).toBeUndefined();
    const walk = await bot.say(OAKFIELD_CHANNEL, 'decisions for Gus Reed at Brook Lane Academy');
    expect(walk.text).toMatch(
      /^This channel is linked to Oakfield Primary, so I won't show Brook Lane Academy's pupils/,
    );
    expect(JSON.stringify(walk)).not.toContain('Gus Reed');
  });
});
