import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { EmbeddedStateStore } from '../../../adapters/store/embeddedStateStore.ts';
import { type StateStore } from '../../../adapters/store/stateStore.ts';
import { type Clock } from '../../../adapters/teams/clock.ts';
import { startBot } from '../../../bot/app/startBot.ts';
import { alertsConfigFrom } from '../../../bot/alerts/alertsConfig.ts';
import { startAlertsRuntime, type AlertsRuntime } from '../../../bot/alerts/alertsRuntime.ts';
import { readConfig } from '../../../bot/config.ts';
import { type ProactiveSender } from '../../../bot/host/featureHost.ts';
import { silentLog } from '../../../bot/log.ts';
import { AUTUMN_2025, writeBundle } from '../../support/registerFixture.ts';
import { ALERT_PUPILS, SCAN_DAY } from './alertScenario.ts';

export const SCAN_TOKEN = 'test-scan-token-0123456789';

export interface AlertBot {
  url: string;
  store: StateStore;
  runtime: AlertsRuntime;
  close(): Promise<void>;
}

export interface AlertBotOptions {
  clock?: Clock;
  /** A store shared with another instance (Redis), or a data directory to reopen after a restart. */
  store?: StateStore;
  stateDir?: string;
  instanceId?: string;
  dataDir?: string;
  /** Wraps the proactive sender (e.g. to hold a virtual clock still while a request is on the wire). */
  wrapSend?: (send: ProactiveSender['send']) => ProactiveSender['send'];
}

/** Writes the alert scenario school as a register bundle, as ATTENDANCE_DATA would point at. */
export function writeAlertSchool(): string {
  const dir = join(mkdtempSync(join(tmpdir(), 'alert-school-')), 'oakfield');
  writeBundle(dir, {
    school: { urn: '100001', name: 'Oakfield Academy', localAuthority: 'Fixture LA', policy: 'national' },
    calendar: AUTUMN_2025,
    pupils: Object.values(ALERT_PUPILS).map((p) => ({ ...p, marksUntil: SCAN_DAY })),
  });
  return dir;
}

/**
 * The product's bot as `npm start` runs it (startBot: restify, botbuilder CloudAdapter + teams-ai in local
 * mode, the product's features, alerts among them) on an ephemeral port, with the alert runtime (scanner,
 * paced sender, POST /api/scan) started with test settings: a known SCAN_TOKEN, an injectable clock, and
 * no scheduled scans (tests scan through the endpoint).
 */
export async function startAlertBot(options: AlertBotOptions = {}): Promise<AlertBot> {
  const root = mkdtempSync(join(tmpdir(), 'alert-bot-'));
  const dataDir = options.dataDir ?? writeAlertSchool();
  const config = readConfig({
    ATTENDANCE_DATA: dataDir,
    ATTENDANCE_AS_OF: SCAN_DAY,
    PORT: '0',
    ATTENDANCE_STATE_DIR: options.stateDir ?? join(root, 'state'),
  });
  const ownStore = !options.store;
  const store = options.store ?? EmbeddedStateStore.open(config.stateDir);
  const alertsConfig = {
    ...alertsConfigFrom({ SCAN_TOKEN, ALERT_SCANS: 'off' }),
    ...(options.instanceId ? { instanceId: options.instanceId } : {}),
  };
  let runtime: AlertsRuntime | undefined;
  const bot = await startBot({
    config,
    store,
    log: silentLog,
    runtimes: (services, host) => {
      const proactive: ProactiveSender = options.wrapSend
        ? { ...host.proactive, send: options.wrapSend(host.proactive.send) }
        : host.proactive;
      runtime = startAlertsRuntime({
        config: alertsConfig,
        schools: services.schools,
        store,
        proactive,
        server: host.server,
        log: silentLog,
        clock: options.clock,
        sweepEveryMs: options.clock ? null : 60_000,
      });
      return [runtime];
    },
  });
  return {
    url: `http://127.0.0.1:${bot.server.port}`,
    store,
    runtime: runtime!,
    close: async () => {
      await bot.close();
      if (ownStore) await store.close();
      rmSync(root, { recursive: true, force: true });
    },
  };
}
