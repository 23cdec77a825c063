import type restify from 'restify';
import { alertsFeature } from '../alerts/alertsFeature.ts';
import { startAlertsRuntime } from '../alerts/alertsRuntime.ts';
import { decisionsModule } from '../decisions/decisionsModule.ts';
import { meetingsFeature } from '../meetings/meetingsFeature.ts';
import { botToday, usesRegisterDay } from '../schools/botToday.ts';
import { startOverdueCaseRuntime } from '../meetings/overdueCaseRuntime.ts';
import { systemClock } from '../../adapters/teams/clock.ts';
import { type SchoolData } from '../schools/schoolData.ts';
import { mountSyncRoute } from '../sync/syncRoute.ts';
import { startWondeSyncRuntime } from '../sync/wondeSyncRuntime.ts';
import { type FeatureModule, type ProactiveSender } from '../host/featureHost.ts';
import { parseQuestion } from '../questions/parseQuestion.ts';
import { queriesFeature } from '../queries/queriesFeature.ts';
import { returnsFeature } from '../returns/returnsFeature.ts';
import { setupFeature } from '../setup/setupFeature.ts';
import { type BotServices } from './botServices.ts';

/**
 * The bot's features, in registration order. To add one, append its factory here: its anchored message
 * routes are tried after those of the features above it, and the question catch-all (queries) always runs
 * last whatever its place in this list.
 */
export function botFeatures(services: BotServices): FeatureModule[] {
  return [
    setupFeature(services),
    alertsFeature(services),
    // One "today" for cases, meetings and due dates: the bot's day (ATTENDANCE_AS_OF, the register's in local mode).
    meetingsFeature({ ...services, today: botToday(services.config) }),
    returnsFeature(services),
    queriesFeature({ ...services, parse: parseQuestion }),
    decisionsModule({ ...services, today: botToday(services.config) }),
  ];
}

/** What a runtime gets once the server is listening: somewhere to mount routes and a way to send. */
export interface RuntimeHost {
  server: restify.Server;
  proactive: ProactiveSender;
}

/** Something that runs beside the message handlers (scheduled scans, an outbox sender) until the bot stops. */
export interface BotRuntime {
  readonly name: string;
  stop(): void | Promise<void>;
}

/**
 * Runtimes to start after the server listens, in order; each is stopped (in reverse) when the bot stops.
 * To add one, start it here from `services` and `host` and return its handle.
 */
export function startBotRuntimes(services: BotServices, host: RuntimeHost): BotRuntime[] {
  const alertsConfig = services.config.alerts;
  const alerts = startAlertsRuntime({
    config: alertsConfig,
    schools: services.schools,
    store: services.store,
    proactive: host.proactive,
    server: host.server,
    log: services.log,
    availability: services.availability,
    registerDay: usesRegisterDay(services.config),
    recordedTimetables: services.recordedTimetables,
  });
  // Overdue case actions and reviews, and case offers, are checked at the alert times and go out through the alerts sender.
  const meetings = startOverdueCaseRuntime({
    schools: services.schools,
    store: services.store,
    cache: services.cache,
    log: services.log,
    config: alertsConfig,
    deliver: alerts.deliver,
    ...(usesRegisterDay(services.config) ? { registerToday: botToday(services.config) } : {}),
  });
  // The Wonde feed: scheduled syncs, POST /api/sync, and every instance applying what one synced. The
  // syncing instance raises the new day's alerts through the alerts scanner (raised once, whoever scans).
  const wonde = services.config.wonde
    ? startWondeSyncRuntime({
        config: services.config.wonde,
        // The array every feature holds: an update replaces a school in it when its bundle is read again.
        schools: services.schools as SchoolData[],
        cache: services.cache,
        store: services.store,
        log: services.log,
        instanceId: alertsConfig.instanceId,
        clock: systemClock,
        timeZone: alertsConfig.timeZone,
        fixedAsOf: services.config.asOf,
        scheduled: true,
        pollMs: services.config.wonde.pollMs,
        afterSync: async (urns) => {
          await alerts.scanner.scan({ schoolUrns: urns });
          void alerts.deliver();
        },
      })
    : undefined;
  mountSyncRoute(host.server, { token: alertsConfig.scanToken, runtime: wonde, log: services.log });
  return wonde ? [alerts, meetings, wonde] : [alerts, meetings];
}
