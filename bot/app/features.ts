import type restify from 'restify';
import { alertsConfigFrom } from '../alerts/alertsConfig.ts';
import { alertsFeature } from '../alerts/alertsFeature.ts';
import { startAlertsRuntime } from '../alerts/alertsRuntime.ts';
import { decisionsModule } from '../decisions/decisionsModule.ts';
import { type FeatureModule, type ProactiveSender } from '../host/featureHost.ts';
import { parseQuestion } from '../questions/parseQuestion.ts';
import { queriesFeature } from '../queries/queriesFeature.ts';
import { setupFeature } from '../setup/setupFeature.ts';
import { type BotServices } from './botServices.ts';

/**
 * The bot's features, in registration order. To add one, append its factory here: its anchored message
 * routes are tried after those of the features above it, and the question catch-all (queries) always runs
 * last whatever its place in this list.
 */
export function botFeatures(services: BotServices): FeatureModule[] {
  return [setupFeature(services), alertsFeature(services), queriesFeature({ ...services, parse: parseQuestion }), decisionsModule(services)];
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
  const alerts = startAlertsRuntime({ config: alertsConfigFrom(process.env), schools: services.schools, store: services.store, proactive: host.proactive, server: host.server, log: services.log });
  return [alerts];
}
