import { type SchoolRole, type StateStore } from '../../adapters/store/stateStore.ts';
import { type AccessControl } from '../access/access.ts';
import { type Log } from '../log.ts';
import { type SchoolToday } from '../schools/botToday.ts';
import { type RecordedTimetables } from '../schools/recordedTimetables.ts';
import { type SchoolData } from '../schools/schoolData.ts';

/** What the decisions feature needs, handed in at start-up (no module-level state). */
export interface DecisionServices {
  schools: readonly SchoolData[];
  access: AccessControl;
  store: StateStore;
  log: Log;
  /** Part-time timetables recorded in the bot: a recording lays itself over the register at once. */
  recordedTimetables: RecordedTimetables;
  /** The wall clock, for "who decided when"; the rules' as-of date is each school's, not this. */
  now: () => Date;
  /** New walk-through ids; random UUIDs unless a test fixes them. */
  newId: () => string;
  /** The bot's day at a school (botToday); the school's as-of date unless given. */
  today: SchoolToday;
}

/** Who may open a walk-through about a pupil (which-code is open to everyone with a role). */
export const PUPIL_WALK_ROLES: ReadonlySet<SchoolRole> = new Set([
  'attendance-lead',
  'designated-safeguarding-lead',
  'head',
  'la-officer',
]);
/** Leave is granted only by someone the proprietor authorises: the head (reg 11). */
export const LEAVE_DECISION_ROLES: ReadonlySet<SchoolRole> = new Set(['head']);
/** Who may move a penalty case on: the school's head and attendance lead, and the LA officer who issues. */
export const CASE_ROLES: ReadonlySet<SchoolRole> = new Set(['head', 'attendance-lead', 'la-officer']);
/**
 * Who may record a part-time timetable, a review of it or its end: the school's head and leads. Reg 11(6)
 * makes it the school's agreement (with the parent's), so an LA officer reads it but does not record it.
 */
export const PART_TIME_ROLES: ReadonlySet<SchoolRole> = new Set([
  'head',
  'attendance-lead',
  'designated-safeguarding-lead',
]);
/** Who may mark a sickness return sent. */
export const RETURN_ROLES: ReadonlySet<SchoolRole> = new Set([
  'head',
  'attendance-lead',
  'designated-safeguarding-lead',
  'la-officer',
]);
