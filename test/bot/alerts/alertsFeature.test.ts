import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { reasonInputId } from '../../../cards/alerts/alertCard.ts';
import { ALL_SCHOOLS } from '../../../bot/access/access.ts';
import { type BotMessage } from '../../../bot/host/featureHost.ts';
import { expectValidCard } from '../../support/validateCard.ts';
import { alertRegister, ALERT_PUPILS } from './alertScenario.ts';
import { AlertsHarness, conversation, LEAD, OFFICER, schoolData, STRANGER } from './alertsHarness.ts';

/** The pupils an alert names, from its text (one "- Name (Year n): ..." line per row). */
function pupilsIn(message: BotMessage): string[] {
  return [...message.text.matchAll(/^- (.+?) \(Year /gm)].map((m) => m[1]);
}

function titleOf(message: BotMessage): string {
  return message.text.split('\n')[0];
}

const name = (key: keyof typeof ALERT_PUPILS) => `${ALERT_PUPILS[key].givenName} ${ALERT_PUPILS[key].familyName}`;

describe('alerts feature', () => {
  let h: AlertsHarness;
  const channel = conversation('19:attendance@thread.tacv2');

  beforeEach(async () => {
    h = new AlertsHarness();
    await h.store.setRole('100001', 'aad-lead', 'attendance-lead');
  });

  afterEach(async () => h.close());

  it('binds a channel to the only school on install and welcomes it', async () => {
    await h.install(channel);
    expect(await h.store.getBinding(channel.id)).toMatchObject({
      schoolUrn: '100001',
      privacy: 'limited',
      alertsOff: [],
    });
    expect(h.replies[0].text).toMatch(/Oakfield Academy's attendance alerts/);
    expect((await h.store.listAudit()).map((e) => e.what)).toEqual(['conversation.installed']);
  });

  it('asks which school when several are loaded', async () => {
    h = new AlertsHarness([
      schoolData(alertRegister('100001', 'Oakfield')),
      schoolData(alertRegister('100002', 'Elm Park')),
    ]);
    await h.install(channel);
    expect(await h.store.getBinding(channel.id)).toBeNull();
    expect(h.replies[0].text).toMatch(/link school/);
  });

  it('sends the channel one digest naming exactly the pupils with N today, the day-3 and overdue follow-ups, and the sickness return; a second scan sends nothing', async () => {
    await h.install(channel);
    await h.scanAndDeliver();
    const posted = h.postedTo(channel.id);
    const digest = posted.filter((m) => titleOf(m).startsWith('Unexplained absence'));
    expect(digest).toHaveLength(1);
    expect(pupilsIn(digest[0])).toEqual([name('dayOne'), name('dayThree'), name('withSocialWorker'), name('overdue')]);
    const sickness = posted.filter((m) => titleOf(m).startsWith('Sickness return'));
    expect(sickness.flatMap(pupilsIn)).toEqual([name('sickFifteen')]);
    for (const m of posted) expectValidCard(m.card, titleOf(m));
    // Each pupil shown is in the audit log: which conversation was told what about them.
    const raised = (await h.store.listAudit()).filter((e) => e.what === 'alert.raised');
    expect(raised.filter((e) => e.detail?.kind === 'unexplained').map((e) => e.upn)).toHaveLength(4);
    expect(raised.every((e) => e.who === 'system:alerts' && e.detail?.conversation === channel.id)).toBe(true);
    const before = h.posted.length;
    await h.scanAndDeliver();
    expect(h.posted.length).toBe(before);
  });

  it('lists, switches off and on again what a conversation hears', async () => {
    await h.install(channel);
    expect((await h.say(channel, 'alerts off sickness'))[0]).toMatch(/Sickness returns .*: off/);
    expect((await h.say(channel, 'alerts'))[0]).toMatch(/sickness-return: off/);
    await h.scanAndDeliver();
    expect(h.postedTo(channel.id).some((m) => titleOf(m).startsWith('Sickness return'))).toBe(false);
    await h.say(channel, 'alerts on sickness-return');
    await h.scanAndDeliver();
    expect(h.postedTo(channel.id).filter((m) => titleOf(m).startsWith('Sickness return'))).toHaveLength(1);
    expect((await h.say(channel, 'alerts off everything'))[0]).toMatch(/don't know the alert/);
    expect((await h.say(channel, 'alerts off sickness', STRANGER))[0]).toMatch(/Only staff with a role/);
  });

  it('lets staff switch a safeguarding alert on but not off; a lead may, and both are audited', async () => {
    await h.install(channel);
    await h.store.setRole('100001', 'aad-stranger', 'staff');
    for (const kind of ['unexplained', 'continuous', 'sickness']) {
      const [refused] = await h.say(channel, `alerts off ${kind}`, STRANGER);
      expect(refused).toMatch(
        /stay on: only the attendance lead, designated safeguarding lead or head at .* can switch/,
      );
    }
    expect((await h.store.getBinding(channel.id))?.alertsOff).toEqual([]);
    expect((await h.say(channel, 'alerts off threshold', STRANGER))[0]).toMatch(/Penalty threshold reached: off/);
    expect((await h.say(channel, 'alerts on threshold', STRANGER))[0]).toMatch(/Penalty threshold reached: on/);
    expect((await h.say(channel, 'alerts off unexplained'))[0]).toMatch(/Unexplained absence .*: off/);
    expect((await h.say(channel, 'alerts on unexplained', STRANGER))[0]).toMatch(/Unexplained absence .*: on/);
    const audit = (await h.store.listAudit()).filter((e) => e.what.startsWith('alerts.'));
    expect(audit.map((e) => [e.who, e.what, e.detail?.kind])).toEqual([
      ['aad-stranger', 'alerts.off-refused', 'unexplained'],
      ['aad-stranger', 'alerts.off-refused', 'continuous-absence'],
      ['aad-stranger', 'alerts.off-refused', 'sickness-return'],
      ['aad-stranger', 'alerts.off', 'penalty-threshold'],
      ['aad-stranger', 'alerts.on', 'penalty-threshold'],
      ['aad-lead', 'alerts.off', 'unexplained'],
      ['aad-stranger', 'alerts.on', 'unexplained'],
    ]);
  });

  it('stops sending to a conversation once the app is removed', async () => {
    await h.install(channel);
    await h.install(channel, LEAD, 'uninstalled');
    await h.scanAndDeliver();
    expect(h.postedTo(channel.id)).toEqual([]);
    expect(await h.store.getConversation(channel.id)).toBeNull();
  });

  it('lets an LA officer follow a school in personal chat and get only the LA-facing alerts there', async () => {
    await h.store.setRole('100001', 'aad-officer', 'la-officer');
    const personal = conversation('a:officer-chat', 'personal');
    await h.install(personal, OFFICER);
    expect((await h.say(personal, 'follow 100001', OFFICER))[0]).toMatch(/You follow Oakfield Academy/);
    expect((await h.say(channel, 'follow 100001', OFFICER))[0]).toMatch(/personal chat/);
    expect((await h.say(personal, 'follow all', OFFICER))[0]).toMatch(/Only an LA officer assigned to all schools/);
    await h.scanAndDeliver();
    const titles = h.postedTo(personal.id).map(titleOf);
    expect(titles.some((t) => t.startsWith('Sickness return owed by Oakfield Academy'))).toBe(true);
    expect(titles.some((t) => t.startsWith('Continuous absence'))).toBe(true);
    expect(titles.some((t) => t.startsWith('Unexplained'))).toBe(false);
  });

  it('lets an officer assigned to all schools follow all', async () => {
    await h.store.setRole(ALL_SCHOOLS, 'aad-officer', 'la-officer');
    const personal = conversation('a:officer-chat', 'personal');
    expect((await h.say(personal, 'follow all', OFFICER))[0]).toMatch(/every school/);
    expect(await h.store.getSubscription('aad-officer')).toMatchObject({ schools: 'all', conversationId: personal.id });
  });

  describe('buttons on an alert row', () => {
    async function digestCard() {
      await h.install(channel);
      await h.scanAndDeliver();
      const [record] = (
        await h.store.listRecords<{
          kind: string;
          cardId: string;
          rows: { upn: string; pupilName: string; actions: string[] }[];
        }>('alert-cards')
      ).filter((r) => r.value.kind === 'unexplained');
      return record.value;
    }

    const presses = [
      ['parents-called', 'Parents called'],
      ['home-visit-done', 'Home visit done'],
      ['social-worker-told', 'Safeguarding step done'],
      ['escalate', 'Escalated'],
    ] as const;

    for (const [act, shown] of presses) {
      it(`"${act}" redraws the card for everyone with who and when, and writes the audit record`, async () => {
        const card = await digestCard();
        const row = card.rows.find((r) => r.actions.includes(act))!;
        h.clock.advance(15 * 60_000);
        const result = await h.press(channel, { cardId: card.cardId, upn: row.upn, act });
        expect('card' in result).toBe(true);
        if (!('card' in result)) return;
        expectValidCard(result.card);
        expect(JSON.stringify(result.card)).toContain(`${shown}: Lena Lead, Wed, 12 Nov 2025, 9:45 am`);
        const audit = (await h.store.listAudit({ upn: row.upn })).filter((e) => e.what !== 'alert.raised');
        expect(audit).toEqual([
          expect.objectContaining({ who: 'aad-lead', what: `alert.${act}`, schoolUrn: '100001', upn: row.upn }),
        ]);
        // The card's record keeps the note, so the next person's press shows both.
        const again = await h.press(channel, { cardId: card.cardId, upn: row.upn, act: 'escalate' });
        if ('card' in again) expect(JSON.stringify(again.card)).toContain(`${shown}: Lena Lead`);
      });
    }

    it('"reason received" records the code chosen', async () => {
      const card = await digestCard();
      const row = card.rows[0];
      const missing = await h.press(channel, { cardId: card.cardId, upn: row.upn, act: 'reason-received' });
      expect(missing).toEqual({ message: expect.stringMatching(/Choose the code/) });
      const result = await h.press(channel, {
        cardId: card.cardId,
        upn: row.upn,
        act: 'reason-received',
        [reasonInputId(row.upn)]: 'I',
      });
      if (!('card' in result)) throw new Error('expected a card');
      expect(JSON.stringify(result.card)).toContain('Reason received (recorded as I): Lena Lead');
      expect(await h.store.listAudit()).toContainEqual(
        expect.objectContaining({
          what: 'alert.reason-received',
          upn: row.upn,
          detail: expect.objectContaining({ code: 'I' }),
        }),
      );
    });

    it('"LA notified" on a sickness return card, and acting stops the repeat in a newly bound channel', async () => {
      await h.install(channel);
      await h.scanAndDeliver();
      const sickness = (
        await h.store.listRecords<{ kind: string; cardId: string; rows: { upn: string }[] }>('alert-cards')
      ).find((r) => r.value.kind === 'sickness-return')!.value;
      const result = await h.press(channel, { cardId: sickness.cardId, upn: sickness.rows[0].upn, act: 'la-notified' });
      if (!('card' in result)) throw new Error('expected a card');
      expect(JSON.stringify(result.card)).toContain('LA notified: Lena Lead');
      const second = conversation('19:second@thread.tacv2');
      await h.install(second);
      await h.scanAndDeliver();
      expect(h.postedTo(second.id).some((m) => titleOf(m).startsWith('Sickness return'))).toBe(false);
      expect(h.postedTo(second.id).some((m) => titleOf(m).startsWith('Unexplained'))).toBe(true);
    });

    it('refuses someone without a role at the school, and buttons from another conversation', async () => {
      const card = await digestCard();
      expect(
        await h.press(channel, { cardId: card.cardId, upn: card.rows[0].upn, act: 'parents-called' }, STRANGER),
      ).toEqual({ message: expect.stringMatching(/Only staff with a role/) });
      expect(
        await h.press(conversation('19:elsewhere'), {
          cardId: card.cardId,
          upn: card.rows[0].upn,
          act: 'parents-called',
        }),
      ).toEqual({ message: expect.stringMatching(/not one the bot holds/) });
      expect(await h.press(channel, { cardId: 'nonsense', upn: 'x', act: 'parents-called' })).toEqual({
        message: expect.stringMatching(/cannot read/),
      });
      expect((await h.store.listAudit({ upn: card.rows[0].upn })).map((e) => e.what)).toEqual(['alert.raised']);
    });
  });
});
