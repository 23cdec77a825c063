import { type StateStore } from '../../adapters/store/stateStore.ts';
import { type NationalFigures } from '../../rules/index.ts';
import { type AccessControl } from '../access/access.ts';
import { type ProactiveSender } from '../host/featureHost.ts';
import { type Log } from '../log.ts';
import { type FindingsCache } from '../schools/findingsCache.ts';
import { londonDate, type SchoolToday } from '../schools/botToday.ts';
import { type SchoolData } from '../schools/schoolData.ts';

/** What the meetings feature is built from, handed in at start-up (no module-level state). */
export interface MeetingsServices {
  schools: readonly SchoolData[];
  cache: FindingsCache;
  store: StateStore;
  access: AccessControl;
  log: Log;
  /** The real clock by default: timestamps of what people did. */
  now: () => Date;
  /**
   * The bot's day at a school (botToday): what cases are opened on and due dates are checked against.
   * Without it, today's date in London by `now`.
   */
  today?: SchoolToday;
  national: NationalFigures;
  /** The host's proactive sender, once the feature is registered: to redraw meeting cards. */
  proactive?: ProactiveSender;
}

/** The day at `school` (the bot's day when the services have one), else today's date in London by the services' clock. */
export function todayOf(services: Pick<MeetingsServices, 'now' | 'today'>, school?: Pick<SchoolData, 'asOf'>): string {
  return services.today && school ? services.today(school) : londonDate(services.now());
}
