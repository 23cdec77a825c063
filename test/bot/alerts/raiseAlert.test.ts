import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { raiseAlert, type AlertToRaise } from '../../../bot/alerts/raiseAlert.ts';
import { AlertsHarness, conversation, OFFICER } from './alertsHarness.ts';

describe('raising an alert from another feature', () => {
  let h: AlertsHarness;
  const channel = conversation('19:attendance@thread.tacv2');
  const officerChat = conversation('a:officer', 'personal');
  const overdue: AlertToRaise = {
    key: '100001|X|case-action-overdue|action-7',
    schoolUrn: '100001',
    kind: 'case-actions',
    audience: 'both',
    message: { text: 'An agreed action is overdue' },
    at: '2025-11-12T09:30:00Z',
  };

  beforeEach(async () => {
    h = new AlertsHarness();
    await h.store.setRole('100001', 'aad-officer', 'la-officer');
    await h.install(channel);
    await h.install(officerChat, OFFICER);
    await h.say(officerChat, 'follow 100001', OFFICER);
  });
  afterEach(async () => h.close());

  it('reaches the school channel and following officers once, however often it is raised', async () => {
    expect(await raiseAlert(h.store, overdue)).toBe(2);
    expect(await raiseAlert(h.store, overdue)).toBe(0);
    await h.sender.drain();
    expect(h.posted.map((p) => p.conversationId).sort()).toEqual([officerChat.id, channel.id].sort());
  });

  it('puts an escalated alert in front of the officers following the school, not back in the channel', async () => {
    await h.store.setRole('100001', 'aad-lead', 'attendance-lead');
    await h.scanAndDeliver();
    const before = h.posted.length;
    const [card] = (
      await h.store.listRecords<{ kind: string; cardId: string; rows: { upn: string }[] }>('alert-cards')
    ).filter((r) => r.value.kind === 'unexplained');
    expect(
      await h.press(channel, { cardId: card.value.cardId, upn: card.value.rows[0].upn, act: 'escalate' }),
    ).toHaveProperty('card');
    await h.sender.drain();
    const escalations = h.posted.slice(before);
    expect(escalations.map((p) => p.conversationId)).toEqual([officerChat.id]);
    expect(escalations[0].message.text).toMatch(
      /^Oakfield Academy \(URN 100001\) escalated an alert to the local authority: .+, Year \d+: /,
    );
  });

  it('respects a conversation that switched the kind off, and the audience asked for', async () => {
    const binding = (await h.store.getBinding(channel.id))!;
    await h.store.putBinding({ ...binding, alertsOff: ['case-actions'] });
    expect(await raiseAlert(h.store, overdue)).toBe(1);
    expect(await raiseAlert(h.store, { ...overdue, key: 'other', audience: 'school' })).toBe(0);
  });
});
