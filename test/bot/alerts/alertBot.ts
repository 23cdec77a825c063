import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import restify from 'restify';
import { EmbeddedStateStore } from '../../../adapters/store/embeddedStateStore.ts';
import { type StateStore } from '../../../adapters/store/stateStore.ts';
import { type Clock } from '../../../adapters/teams/clock.ts';
import { AccessControl } from '../../../bot/access/access.ts';
import { botFeatures } from '../../../bot/app/features.ts';
import { type BotServices } from '../../../bot/app/botServices.ts';
import { alertsConfigFrom } from '../../../bot/alerts/alertsConfig.ts';
import { alertsFeature } from '../../../bot/alerts/alertsFeature.ts';
import { startAlertsRuntime, type AlertsRuntime } from '../../../bot/alerts/alertsRuntime.ts';
import { readConfig } from '../../../bot/config.ts';
import { type ProactiveSender } from '../../../bot/host/featureHost.ts';
import { FeatureRegistry } from '../../../bot/host/featureRegistry.ts';
import { silentLog } from '../../../bot/log.ts';
import { FindingsCache } from '../../../bot/schools/findingsCache.ts';
import { loadSchools } from '../../../bot/schools/schoolData.ts';
import { createTeamsBot } from '../../../bot/wiring/teamsBot.ts';
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
 * The real Teams wiring (botbuilder CloudAdapter + teams-ai Application, local mode) with the product's
 * features and the alerts feature, on restify on an ephemeral port, plus the alert runtime (scanner, paced
 * sender, POST /api/scan). Scheduled scans are off: tests scan through the endpoint.
 */
export async function startAlertBot(options: AlertBotOptions = {}): Promise<AlertBot> {
  const root = mkdtempSync(join(tmpdir(), 'alert-bot-'));
  const dataDir = options.dataDir ?? writeAlertSchool();
  const config = readConfig({ ATTENDANCE_DATA: dataDir, ATTENDANCE_AS_OF: SCAN_DAY, PORT: '0', ATTENDANCE_STATE_DIR: options.stateDir ?? join(root, 'state') });
  const ownStore = !options.store;
  const store = options.store ?? EmbeddedStateStore.open(config.stateDir);
  const schools = loadSchools(dataDir, config.asOf);
  const services: BotServices = { config, schools, cache: new FindingsCache(), store, access: new AccessControl(store, config.defaultRole), log: silentLog };
  const registry = new FeatureRegistry();
  registry.add(alertsFeature(services));
  for (const feature of botFeatures(services)) registry.add(feature);
  const bot = createTeamsBot(config, registry, silentLog);
  const server = restify.createServer({ name: 'alert-test-bot' });
  server.use(restify.plugins.bodyParser());
  server.post('/api/messages', async (req, res) => {
    await bot.adapter.process(req, res, (context) => bot.run(context));
  });
  const alertsConfig = { ...alertsConfigFrom({ SCAN_TOKEN, ALERT_SCANS: 'off' }), ...(options.instanceId ? { instanceId: options.instanceId } : {}) };
  const proactive: ProactiveSender = options.wrapSend ? { ...registry.proactive, send: options.wrapSend(registry.proactive.send) } : registry.proactive;
  const runtime = startAlertsRuntime({ config: alertsConfig, schools, store, proactive, server, log: silentLog, clock: options.clock, sweepEveryMs: options.clock ? null : 60_000 });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', () => resolve()));
  const address = server.address();
  const port = typeof address === 'object' && address ? address.port : 0;
  return {
    url: `http://127.0.0.1:${port}`,
    store,
    runtime,
    close: async () => {
      runtime.stop();
      await new Promise<void>((resolve) => server.close(() => resolve()));
      if (ownStore) await store.close();
      rmSync(root, { recursive: true, force: true });
    },
  };
}
