import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import restify from 'restify';
import { describe, expect, it } from 'vitest';
import { EmbeddedStateStore } from '../../../adapters/store/embeddedStateStore.ts';
import { startAlertsRuntime } from '../../../bot/alerts/alertsRuntime.ts';
import { alertsConfigFrom } from '../../../bot/alerts/alertsConfig.ts';
import { silentLog } from '../../../bot/log.ts';
import { VirtualClock } from '../../adapters/teams/virtualClock.ts';

describe('alerts runtime', () => {
  it('does not mark a send sent when Teams gave no activity id, and reports it once it gives up', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'runtime-'));
    const store = EmbeddedStateStore.open(dir);
    const server = restify.createServer();
    const clock = new VirtualClock();
    let attempts = 0;
    const runtime = startAlertsRuntime({
      config: { ...alertsConfigFrom({ ALERT_SCANS: 'off' }), instanceId: 'test' },
      schools: [],
      store,
      server,
      log: silentLog,
      clock,
      sweepEveryMs: null,
      proactive: {
        send: async () => {
          attempts++;
          return { id: '' };
        },
        update: async () => undefined,
      },
    });
    await store.putConversation({ conversationId: 'c1', scope: 'channel', reference: {}, installedAt: 'x' });
    await store.enqueue(
      { id: 'a1', conversationId: 'c1', kind: 'alert:test', createdAt: 'x', message: { text: 'hello' } },
      ['k1'],
    );
    await runtime.deliver();
    runtime.stop();
    expect(attempts).toBeGreaterThan(3);
    expect(await store.listOutbox('sent')).toEqual([]);
    expect((await store.listAudit()).map((e) => e.what)).toEqual(['send.gave-up']);
    await store.close();
    rmSync(dir, { recursive: true, force: true });
  });
});
