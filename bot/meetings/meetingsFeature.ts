import { type SchoolToday } from '../schools/botToday.ts';
import { type StateStore } from '../../adapters/store/stateStore.ts';
import { type NationalFigures } from '../../rules/index.ts';
import { type AccessControl } from '../access/access.ts';
import { rememberTeamsUser } from '../access/teamsUsers.ts';
import { type FeatureModule, type MessageHandler } from '../host/featureHost.ts';
import { type Log } from '../log.ts';
import { nationalComparison } from '../queries/nationalFigures.ts';
import { type FindingsCache } from '../schools/findingsCache.ts';
import { type SchoolData } from '../schools/schoolData.ts';
import { registerCaseActions } from './caseActions.ts';
import { switchCaseAlerts } from './caseAlertsSwitch.ts';
import { myActions, openCaseCommand, showCase } from './caseCommands.ts';
import { endMeeting, markPresent, nextCase, prepareMeeting, startMeeting } from './meetingCommands.ts';
import { type MeetingsServices } from './meetingsServices.ts';
import { handleOpenCases, OPEN_CASES_VERB } from './openCasesAction.ts';

export interface MeetingsFeatureServices {
  schools: readonly SchoolData[];
  cache: FindingsCache;
  store: StateStore;
  access: AccessControl;
  log: Log;
  now?: () => Date;
  /** The bot's day at a school (botToday); without it, the date by `now`. */
  today?: SchoolToday;
}

/**
 * National figures for a cohort where DfE publishes them by that characteristic; null otherwise (social
 * worker and looked-after figures are not in the releases the bot carries, so none is shown rather than
 * the all-pupils figure under the wrong name).
 */
export const publishedNationalFigures: NationalFigures = (filter) => {
  const n = nationalComparison(filter);
  const anyFilter = Object.values(filter).some((v) => v !== undefined);
  if (anyFilter && n.group === 'all pupils') return null;
  return { absencePercent: n.overallAbsencePercent, persistentAbsencePercent: n.persistentAbsencePercent };
};

/**
 * Termly targeting support meetings and case reviews (issue 8): cases ("case <pupil>", "open a case for
 * <pupil>", card buttons), the meeting ("prepare the termly meeting [for <school>]", "start the meeting",
 * "here", "next case", "end the meeting") and "actions for me". Routes are anchored and specific; register
 * this module before the question catch-all. Both case routes are anchored at the start, so "open a case
 * for X" can never be read as "case X".
 */
export function meetingsFeature(services: MeetingsFeatureServices): FeatureModule {
  const s: MeetingsServices = {
    ...services,
    now: services.now ?? (() => new Date()),
    national: publishedNationalFigures,
  };
  return {
    name: 'meetings',
    register(rawHost) {
      // Everyone who speaks to the feature is remembered (Entra id -> Teams id), so case cards in a limited
      // channel can name the staff entitled to their own fuller view.
      const remembering =
        (handler: MessageHandler): MessageHandler =>
        async (turn, match) => {
          await rememberTeamsUser(s.store, turn.user);
          await handler(turn, match);
        };
      const host = {
        ...rawHost,
        onMessage: (pattern: RegExp, handler: MessageHandler) => rawHost.onMessage(pattern, remembering(handler)),
      };
      s.proactive = rawHost.proactive;
      host.onMessage(
        /^prepare\s+(?:the\s+|a\s+)?(?:termly\s+)?(?:targeting\s+support\s+)?meeting(?:\s+(?:for|at|with)\s+(\S(?:.*[^\s.!?])?))?\s*[.!?]?$/i,
        (turn, m) => prepareMeeting(s, turn, m[1]),
      );
      host.onMessage(/^start\s+(?:the\s+)?(?:termly\s+)?meeting\s*[.!?]?$/i, (turn) => startMeeting(s, turn));
      host.onMessage(/^next\s+case\s*[.!?]?$/i, (turn) => nextCase(s, turn));
      host.onMessage(/^(?:i'?m\s+here|here|present)\s*[.!]?$/i, (turn) => markPresent(s, turn));
      host.onMessage(/^end\s+(?:the\s+)?(?:termly\s+)?meeting\s*[.!?]?$/i, (turn) => endMeeting(s, turn));
      // Before "case <pupil>", which would otherwise read "case alerts off" as a pupil's name.
      host.onMessage(/^case\s+alerts\s+(on|off)\s*[.!]?$/i, (turn, m) => switchCaseAlerts(s, turn, m[1]));
      host.onMessage(/^open\s+(?:a\s+)?case\s+(?:for\s+)?(\S(?:.*[^\s.!?])?)\s*[.!?]?$/i, (turn, m) =>
        openCaseCommand(s, turn, m[1]),
      );
      // "case reviews due" and "case review overdue" ask which cases are due a review (a question the
      // queries answer), not for a pupil called "reviews due".
      host.onMessage(
        /^case\s+(?!reviews?\s*(?:due|overdue|coming|this|next|[.!?]?$)|reviews\b)(?:for\s+)?(\S(?:.*[^\s.!?])?)\s*[.!?]?$/i,
        (turn, m) => showCase(s, turn, m[1]),
      );
      host.onMessage(/^(?:(?:my\s+)?(?:open\s+)?actions\s+for\s+me|my\s+actions)\s*[.!?]?$/i, (turn) =>
        myActions(s, turn),
      );
      registerCaseActions(host, s);
      host.onAction(OPEN_CASES_VERB, (turn) => handleOpenCases(s, turn));
    },
  };
}
