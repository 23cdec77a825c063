import { describe, expect, it } from 'vitest';
import { type MessageTurn } from '../../../bot/host/featureHost.ts';
import { FeatureRegistry } from '../../../bot/host/featureRegistry.ts';

function turn(text: string): MessageTurn {
  return {
    text,
    conversation: { id: 'c1', type: 'channel' },
    user: { id: 'u1' },
    reference: { serviceUrl: 'http://x', channelId: 'msteams', conversation: { id: 'c1' }, bot: { id: 'b' } },
    reply: async () => ({}),
    typing: async () => {},
  };
}

describe('FeatureRegistry', () => {
  it('tries routes in registration order and runs the catch-all only when none matches', async () => {
    const seen: string[] = [];
    const registry = new FeatureRegistry();
    registry.add({
      name: 'fallback',
      register: (h) => h.onUnmatchedMessage(async (t) => void seen.push(`fallback:${t.text}`)),
    });
    registry.add({
      name: 'link',
      register: (h) => h.onMessage(/^link school (\d+)$/i, async (_t, m) => void seen.push(`link:${m[1]}`)),
    });
    registry.add({ name: 'loose', register: (h) => h.onMessage(/^link.*$/i, async () => void seen.push('loose')) });
    await registry.dispatchMessage(turn('link school 123456'));
    await registry.dispatchMessage(turn('link something'));
    await registry.dispatchMessage(turn('who is absent?'));
    expect(seen).toEqual(['link:123456', 'loose', 'fallback:who is absent?']);
  });

  it('refuses unanchored routes, duplicate verbs and a second catch-all', () => {
    const registry = new FeatureRegistry();
    expect(() => registry.add({ name: 'a', register: (h) => h.onMessage(/alerts/, async () => {}) })).toThrow(
      /must be anchored/,
    );
    registry.add({ name: 'b', register: (h) => h.onAction('b.ack', async () => ({ message: 'ok' })) });
    expect(() =>
      registry.add({ name: 'c', register: (h) => h.onAction('b.ack', async () => ({ message: 'ok' })) }),
    ).toThrow(/already registered by b/);
    registry.add({ name: 'd', register: (h) => h.onUnmatchedMessage(async () => {}) });
    expect(() => registry.add({ name: 'e', register: (h) => h.onUnmatchedMessage(async () => {}) })).toThrow(
      /already set by d/,
    );
  });

  it('forwards proactive sends to the sender bound later', async () => {
    const registry = new FeatureRegistry();
    let held: FeatureRegistry['proactive'] | undefined;
    registry.add({ name: 'alerts', register: (h) => void (held = h.proactive) });
    const ref = turn('x').reference;
    await expect(held!.send(ref, { text: 'hi' })).rejects.toThrow(/not available/);
    registry.bindProactiveSender({ send: async () => ({ id: 'a1' }), update: async () => {} });
    await expect(held!.send(ref, { text: 'hi' })).resolves.toEqual({ id: 'a1' });
  });

  it('refuses a file consent purpose two features claim, and forwards file offers to the sender bound later', async () => {
    const registry = new FeatureRegistry();
    let held: FeatureRegistry['files'] | undefined;
    registry.add({
      name: 'returns',
      register: (h) => {
        h.onFileConsent('returns.file', async () => 'answered');
        held = h.files;
      },
    });
    expect(() =>
      registry.add({ name: 'other', register: (h) => h.onFileConsent('returns.file', async () => 'answered') }),
    ).toThrow(/already registered by returns/);
    const ref = turn('x').reference;
    const offer = { name: 'f.csv', description: 'd', sizeInBytes: 1, purpose: 'returns.file', context: {} };
    await expect(held!.offerFile(ref, offer, 'here')).rejects.toThrow(/not available/);
    registry.bindFileSender({ openPersonalChat: async () => ref, offerFile: async () => ({ id: 'f1' }) });
    await expect(held!.offerFile(ref, offer, 'here')).resolves.toEqual({ id: 'f1' });
  });
});
