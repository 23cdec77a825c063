import { type StateStore } from '../../adapters/store/stateStore.ts';
import { type AccessControl } from '../access/access.ts';
import { type BotConfig } from '../config.ts';
import { type Log } from '../log.ts';
import { type FindingsCache } from '../schools/findingsCache.ts';
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
  store: StateStore;
  access: AccessControl;
  log: Log;
}
