import { type StateStore } from '../../adapters/store/stateStore.ts';
import { type NationalFigures } from '../../rules/cases/cohortComparison.ts';
import { type AccessControl } from '../access/access.ts';
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
}

/** Today's date (UTC) from the services' clock. */
export function todayOf(services: Pick<MeetingsServices, 'now'>): string {
  return services.now().toISOString().slice(0, 10);
}
