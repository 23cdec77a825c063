import { type StoreAvailability } from '../../adapters/store/storeAvailability.ts';
import { type StateStore } from '../../adapters/store/stateStore.ts';
import { type FileUploadPolicy } from '../../adapters/teams/fileUpload.ts';
import { type AccessControl } from '../access/access.ts';
import { type BotConfig } from '../config.ts';
import { type Log } from '../log.ts';
import { type FindingsCache } from '../schools/findingsCache.ts';
import { type RecordedTimetables } from '../schools/recordedTimetables.ts';
import { type SchoolData } from '../schools/schoolData.ts';

/**
 * What every feature module is built from. Created once at start-up and passed in (no module-level
 * state): tests build their own with fixture schools and a temporary store.
 */
export interface BotServices {
  config: BotConfig;
  schools: readonly SchoolData[];
  /** Findings per school and as-of date, shared by queries, alerts and meetings. */
  cache: FindingsCache;
  /** Part-time timetables recorded in the bot, laid over the registers' own (the cache uses the same). */
  recordedTimetables: RecordedTimetables;
  /** The store as the features see it: through the outage wrapper, so reads degrade instead of failing. */
  store: StateStore;
  /** Whether that store can be reached now (and when it comes back); absent in tests that build their own. */
  availability?: StoreAvailability;
  access: AccessControl;
  log: Log;
  /** Bounds on uploading a file a person accepted; production's (https only, 4 s, 10 MiB) when absent. */
  fileUploads?: FileUploadPolicy;
}
