import { type Server } from 'restify';
import { type StoreAvailability } from '../../adapters/store/storeAvailability.ts';
import { type StateStore } from '../../adapters/store/stateStore.ts';
import { systemClock, type Clock } from '../../adapters/teams/clock.ts';
import { OutboxSender, type SenderLog } from '../../adapters/teams/outboxSender.ts';
import { type BotMessage, type ConversationRef, type ProactiveSender } from '../host/featureHost.ts';
import { type Log } from '../log.ts';
import { type RecordedTimetables } from '../schools/recordedTimetables.ts';
import { type SchoolData } from '../schools/schoolData.ts';
import { AlertScanner } from './alertScanner.ts';
import { type AlertsConfig } from './alertsConfig.ts';
import { runScanSchedule } from './scanScheduler.ts';
import { mountScanRoute } from './scanRoute.ts';

export interface AlertsRuntimeOptions {
  config: AlertsConfig;
  schools: readonly SchoolData[];
  store: StateStore;
  /** The host's proactive sender (one HTTP request per call); pacing and retries are added here. */
  proactive: ProactiveSender;
  /** The restify server, to mount `POST /api/scan` on. */
  server: Server;
  log: Log;
  /** The store's availability: when it comes back after an outage, delivery resumes at once. */
  availability?: StoreAvailability;
  clock?: Clock;
  /** True when the bot's day comes from the registers (ATTENDANCE_AS_OF, local mode): see botToday. */
  registerDay?: boolean;
  /**
   * How often to look for work nobody is doing (default every minute): items whose holder died and whose
   * lease has since run out, in a shared Redis. Null turns it off (virtual-time tests, where a loop that
   * only sleeps would spin).
   */
  sweepEveryMs?: number | null;
  /** Part-time timetables recorded in the bot: each scan reads them again, so another instance's recording counts. */
  recordedTimetables?: RecordedTimetables;
}

export interface AlertsRuntime {
  readonly name: 'alerts';
  scanner: AlertScanner;
  sender: OutboxSender;
  /** Starts (or joins) delivery of everything queued; resolves when the outbox is empty. */
  deliver(): Promise<unknown>;
  stop(): void;
}

/**
 * Starts the alert machinery beside the bot: the scanner, the paced sender (draining at once, so what a
 * crashed predecessor left in the outbox goes out), the `POST /api/scan` route and, unless ALERT_SCANS=off,
 * the scheduled scans.
 */
export function startAlertsRuntime(options: AlertsRuntimeOptions): AlertsRuntime {
  const { config, store, log } = options;
  const clock = options.clock ?? systemClock;
  const senderLog: SenderLog = (_level, event, fields) => log(`outbox.${event}`, fields);
  const sender = new OutboxSender({
    store,
    owner: config.instanceId,
    clock,
    log: senderLog,
    send: async (reference, message) => {
      const accepted = await options.proactive.send(reference as ConversationRef, message as BotMessage);
      // Teams answers every accepted send with the new activity's id. No id means the send was not
      // confirmed (botbuilder can route a failed proactive send to onTurnError instead of throwing), so
      // it must not be marked sent: throwing makes the sender retry it with backoff, then report it.
      if (!accepted.id) throw new Error('Teams did not confirm the send (no activity id)');
      return accepted;
    },
  });
  const scanner = new AlertScanner(
    options.schools,
    store,
    log,
    () => new Date(clock.now()),
    options.recordedTimetables,
  );
  const stopping = new AbortController();
  const deliver = () =>
    sender.drain(stopping.signal).catch((err: unknown) => {
      log('outbox.drain-failed', { error: (err as Error).name });
    });
  mountScanRoute(options.server, { scanner, token: config.scanToken, deliver: () => void deliver(), log });
  if (config.scheduledScans) {
    void runScanSchedule(
      {
        times: config.scanTimes,
        timeZone: config.timeZone,
        clock,
        log,
        scan: async (date) => {
          // With the bot's day taken from the registers (ATTENDANCE_AS_OF, local mode) each school is scanned at
          // that day, its last marked school day or the fixed one, not at the clock's date.
          await scanner.scan(options.registerDay ? {} : { onlyIfSchoolDay: date });
          void deliver();
        },
      },
      stopping.signal,
    );
  }
  const sweepEveryMs = options.sweepEveryMs === undefined ? 60_000 : options.sweepEveryMs;
  if (sweepEveryMs !== null) {
    void (async () => {
      while (!stopping.signal.aborted) {
        await clock.sleep(sweepEveryMs);
        if (!stopping.signal.aborted) await deliver();
      }
    })();
  }
  // Back from an outage: what was claimed before it goes now, not when this instance's own leases run out.
  const stopListening = options.availability?.onAvailabilityChange((available) => {
    if (!available || stopping.signal.aborted) return;
    sender.resume(stopping.signal).catch((err: unknown) => {
      log('outbox.resume-failed', { error: (err as Error).name });
    });
  });
  void deliver();
  return {
    name: 'alerts',
    scanner,
    sender,
    deliver,
    stop: () => {
      stopListening?.();
      stopping.abort();
    },
  };
}
