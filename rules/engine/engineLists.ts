import { pupilName } from '../pupils/pupil.ts';
import { type School } from '../register/register.ts';
import { RULE_BIT, type PupilScreen } from './screenArrays.ts';
import { illnessCount } from './candidateChecks.ts';

/** One pupil on a list the bot shows: who, where, and the figure the list is about. */
export interface ListedPupil {
  school: School;
  upn: string;
  pupilName: string;
  yearGroup: string;
}

export interface ThresholdListEntry extends ListedPupil {
  /** Sessions with the threshold's codes in the window (the rule's `count`). */
  sessions: number;
}

export interface AbsenceListEntry extends ListedPupil {
  possibleSessions: number;
  absenceSessions: number;
}

export interface SicknessReturnListEntry extends ListedPupil {
  illnessDays: number;
  reachedOn: string;
}

// Entries are written out field by field: spreading a shared part into each cost microseconds an entry.

/**
 * The pupils of screened registers on which `bit` is set, school by school and by name within a school
 * (the order findings are listed in), without building any finding.
 */
function flagged(screens: readonly PupilScreen[], bit: number, visit: (screen: PupilScreen, p: number) => void): void {
  for (const screen of screens) {
    const { nameOrder } = screen.query.index;
    for (let i = 0; i < nameOrder.length; i++) if (screen.rules[nameOrder[i]] & bit) visit(screen, nameOrder[i]);
  }
}

/** Pupils at or over the penalty-notice threshold (the `penalty-threshold` finding's pupils and counts). */
export function penaltyThresholdList(screens: readonly PupilScreen[]): ThresholdListEntry[] {
  const out: ThresholdListEntry[] = [];
  flagged(screens, RULE_BIT['penalty-threshold'], (screen, p) => {
    const { school, pupils } = screen.query.index.register;
    const pupil = pupils[p];
    out.push({
      school,
      upn: pupil.upn,
      pupilName: pupilName(pupil),
      yearGroup: pupil.yearGroup,
      sessions: screen.penaltyCount[p],
    });
  });
  return out;
}

function absenceList(screens: readonly PupilScreen[], bit: number): AbsenceListEntry[] {
  const out: AbsenceListEntry[] = [];
  flagged(screens, bit, (screen, p) => {
    const { school, pupils } = screen.query.index.register;
    const pupil = pupils[p];
    out.push({
      school,
      upn: pupil.upn,
      pupilName: pupilName(pupil),
      yearGroup: pupil.yearGroup,
      possibleSessions: screen.possible[p],
      absenceSessions: screen.absence[p],
    });
  });
  return out;
}

/** Persistently absent pupils (10%+ of possible sessions under the national profile). */
export function persistentAbsenceList(screens: readonly PupilScreen[]): AbsenceListEntry[] {
  return absenceList(screens, RULE_BIT['persistent-absence']);
}

/** Severely absent pupils (50%+). */
export function severeAbsenceList(screens: readonly PupilScreen[]): AbsenceListEntry[] {
  return absenceList(screens, RULE_BIT['severe-absence']);
}

/**
 * Pupils for whom a sickness return is due. The screen's I-session count is a necessary condition; the
 * day the illness reached the return's days (by school day, as the rule counts) decides, for those pupils
 * only.
 */
export function sicknessReturnList(screens: readonly PupilScreen[]): SicknessReturnListEntry[] {
  const out: SicknessReturnListEntry[] = [];
  flagged(screens, RULE_BIT['sickness-return'], (screen, p) => {
    const tally = illnessCount(screen.query, p);
    if (tally.reachedDay < 0) return;
    const { school, pupils, calendar } = screen.query.index.register;
    const pupil = pupils[p];
    out.push({
      school,
      upn: pupil.upn,
      pupilName: pupilName(pupil),
      yearGroup: pupil.yearGroup,
      illnessDays: tally.days,
      reachedOn: calendar.dayDate[tally.reachedDay],
    });
  });
  return out;
}
