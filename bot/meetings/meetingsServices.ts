import { type StateStore } from '../../adapters/store/stateStore.ts';
import { type NationalFigures } from '../../rules/cases/cohortComparison.ts';
import { type AccessControl } from '../access/access.ts';
import { type ProactiveSender } from '../host/featureHost.ts';
import { type Log } from '../log.ts';
import { type FindingsCache } from '../schools/findingsCache.ts';
import { type SchoolData } from '../schools/schoolData.ts';

/** What the meetings feature is built from, handed in at start-up (no module-level state). */
export interface MeetingsServices {
  schools: readonly SchoolData[];
  cache: FindingsCache;
  store: StateStore;
  access: AccessControl;
  log: Log;
  /** The real clock by default: due dates and reviews are calendar dates, not register dates. */
  now: () => Date;
  national: NationalFigures;
  /** The host's proactive sender, once the feature is registered: to redraw meeting cards. */
  proactive?: ProactiveSender;
}

/** English schools keep London time: an action due "today" is today there, whatever the server's zone. */
const LONDON_DATE = new Intl.DateTimeFormat('en-CA', {
  timeZone: 'Europe/London',
  year: 'numeric',
  month: '2-digit',
  day: '2-digit',
});

/** Today's date in London from the services' clock, as YYYY-MM-DD. */
export function todayOf(services: Pick<MeetingsServices, 'now'>): string {
  return LONDON_DATE.format(services.now());
}
