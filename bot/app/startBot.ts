import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { ResilientStateStore } from '../../adapters/store/resilientStateStore.ts';
import { type ConnectionSignal } from '../../adapters/store/storeAvailability.ts';
import { type StateStore } from '../../adapters/store/stateStore.ts';
import { type FileUploadPolicy } from '../../adapters/teams/fileUpload.ts';
import { AccessControl } from '../access/access.ts';
import { loadRoleAssignments } from '../access/roleAssignments.ts';
import { TEAMS_USERS_NAMESPACE } from '../access/teamsUsers.ts';
import { type BotConfig } from '../config.ts';
import { type FeatureModule } from '../host/featureHost.ts';
import { FeatureRegistry } from '../host/featureRegistry.ts';
import { type Log } from '../log.ts';
import { FindingsCache } from '../schools/findingsCache.ts';
import { RecordedTimetables } from '../schools/recordedTimetables.ts';
import { StoreUnavailableError } from '../../adapters/store/storeUnavailableError.ts';
import { mountReloadRoute } from '../schools/reloadRoute.ts';
import { reloadSchools } from '../schools/reloadSchools.ts';
import { loadSchools } from '../schools/schoolData.ts';
import { createBotServer, type BotServer } from '../server/botServer.ts';
import { createTeamsBot, type ChannelAuthenticationOptions } from '../wiring/teamsBot.ts';
import { type BotServices } from './botServices.ts';
import { botFeatures, startBotRuntimes, type BotRuntime, type RuntimeHost } from './features.ts';

/** Where the bundled demo local authority lives: used when ATTENDANCE_DATA is not set. */
export const DEMO_DATA_DIR = fileURLToPath(new URL('../../demo/', import.meta.url));

export interface StartOptions {
  config: BotConfig;
  store: StateStore;
  log: Log;
  /** Features to run; the product's list by default. Tests pass their own. */
  features?: (services: BotServices) => FeatureModule[];
  /** Runtimes to start beside them; the product's by default. */
  runtimes?: (services: BotServices, host: RuntimeHost) => BotRuntime[];
  /** Tests only: where inbound tokens' signing keys are published (their own, on loopback). */
  channelAuthentication?: ChannelAuthenticationOptions;
  /** Tests only: how often the outage wrapper tries the store again (default 2 s). */
  storeProbeEveryMs?: number;
  /**
   * Tests only: file upload bounds, and leave to upload over plain http to loopback (the fake upload
   * server). Deliberately not read from the environment, so a deployment cannot loosen the https rule.
   */
  fileUploads?: FileUploadPolicy;
  /** Tests only: how often the recorded part-time timetables are read again (default 30 s). */
  recordedTimetablesRefreshMs?: number;
}

export interface RunningBot {
  server: BotServer;
  services: BotServices;
  registry: FeatureRegistry;
  close(): Promise<void>;
}

/** How often each instance reads the recorded part-time timetables again, for those another instance recorded. */
export const RECORDED_TIMETABLES_REFRESH_MS = 30_000;

/**
 * Reads the part-time timetables recorded in the bot before the first findings are worked out. A store
 * that cannot be reached at start-up does not stop the bot: the registers' own timetables answer until
 * the record is read again (every RECORDED_TIMETABLES_REFRESH_MS, and at each alert scan).
 */
async function loadRecordedTimetables(recorded: RecordedTimetables, store: StateStore, log: Log): Promise<void> {
  try {
    const problems = await recorded.load(store);
    if (problems.length > 0) log('partTime.records-unusable', { count: problems.length });
  } catch (err) {
    if (!(err instanceof StoreUnavailableError)) throw err;
    log('partTime.records-not-loaded', { reason: 'store unavailable' });
  }
}

/** Loads the schools and roles, registers the features, and starts the HTTP server on config.port (0: any free port). */
export async function startBot(options: StartOptions): Promise<RunningBot> {
  const { config, log } = options;
  // Every feature sees the store through the outage wrapper (see ResilientStateStore).
  const store = new ResilientStateStore(options.store, {
    storeName: config.redisUrl ? 'redis' : 'embedded store',
    log,
    connection: 'onConnectionChange' in options.store ? (options.store as unknown as ConnectionSignal) : undefined,
    probeEveryMs: options.storeProbeEveryMs,
    lastKnownRecordNamespaces: [TEAMS_USERS_NAMESPACE],
  });
  const dataPath = config.dataPath ?? DEMO_DATA_DIR;
  if (!config.dataPath && !existsSync(dataPath))
    throw new Error(
      `ATTENDANCE_DATA is not set and there is no demo data at ${dataPath}: set ATTENDANCE_DATA to a register bundle or a folder of them`,
    );
  const loadStarted = performance.now();
  const schools = loadSchools(dataPath, config.asOf);
  log('schools.loaded', {
    schools: schools.length,
    pupils: schools.reduce((n, s) => n + s.register.pupils.length, 0),
    ms: Math.round(performance.now() - loadStarted),
    demo: !config.dataPath,
  });
  // A bundle without a URN is served under its folder's name: say so, as "link school" will need that id.
  for (const school of schools.filter((s) => s.idFromFolder))
    log('school.id-from-folder', {
      school: school.urn,
      folder: school.dir,
      reason: 'the bundle has no school.json with a urn',
    });
  if (config.rolesFile) log('roles.loaded', { assignments: await loadRoleAssignments(config.rolesFile, store) });
  const recordedTimetables = new RecordedTimetables();
  await loadRecordedTimetables(recordedTimetables, store, log);
  const services: BotServices = {
    config,
    schools,
    cache: new FindingsCache(undefined, recordedTimetables),
    recordedTimetables,
    store,
    availability: store,
    access: new AccessControl(store, config.defaultRole),
    log,
    ...(options.fileUploads ? { fileUploads: options.fileUploads } : {}),
  };
  const registry = new FeatureRegistry();
  for (const feature of (options.features ?? botFeatures)(services)) registry.add(feature);
  const bot = createTeamsBot(config, registry, log, options.channelAuthentication);
  const server = await createBotServer({
    bot,
    port: config.port,
    host: config.host,
    log,
    // Counts and names of kinds only: /healthz answers anyone who can reach the port.
    health: () => ({
      ok: store.isAvailable(),
      facts: {
        store: store.storeName,
        storeAvailable: store.isAvailable(),
        schools: schools.length,
        mode: config.localMode ? 'local' : 'teams',
        localMode: config.localMode,
      },
    }),
  });
  const runtimes = (options.runtimes ?? startBotRuntimes)(services, {
    server: server.restify,
    proactive: registry.proactive,
  });
  mountReloadRoute(server.restify, {
    token: config.alerts.scanToken,
    reload: () => reloadSchools(schools, services.cache, dataPath, config.asOf, log),
    log,
  });
  // Work out each school's findings for its default as-of day now, after listening, so the first question
  // of the morning is answered from the cache rather than paying for the evaluation.
  const warming = setTimeout(() => {
    for (const school of schools) {
      const started = performance.now();
      services.cache.warm(school);
      log('findings.warmed', { school: school.urn, ms: Math.round(performance.now() - started) });
    }
  }, 0);
  // Another instance may record a timetable: read the record again now and then, so this instance's answers
  // follow within RECORDED_TIMETABLES_REFRESH_MS (a load that finds nothing changed keeps the findings).
  let refreshing = false;
  const timetableRefresh = setInterval(() => {
    if (refreshing) return;
    refreshing = true;
    loadRecordedTimetables(recordedTimetables, store, log)
      .catch((err: unknown) => log('partTime.records-not-loaded', { reason: String(err) }))
      .finally(() => (refreshing = false));
  }, options.recordedTimetablesRefreshMs ?? RECORDED_TIMETABLES_REFRESH_MS);
  timetableRefresh.unref();
  return {
    server,
    services,
    registry,
    close: async () => {
      clearTimeout(warming);
      clearInterval(timetableRefresh);
      for (const runtime of [...runtimes].reverse()) await runtime.stop();
      await server.close();
      await store.stop();
    },
  };
}
