import { type IsoDate } from '../dates/isoDate.ts';
import { type EvaluationContext } from '../findings/evaluationContext.ts';
import { type Finding, type RuleId } from '../findings/finding.ts';
import { compareWithTargets, type TargetComparison } from '../measures/targetComparison.ts';
import { pupilMeasures } from '../measures/pupilMeasures.ts';
import { sessionRange } from '../calendar/calendarLookup.ts';
import { effectiveEnd, isInPlaceOn } from '../partTime/partTimeTimetable.ts';
import { findRegisterCode } from '../codes/registerCodes.ts';
import { pupilName } from '../pupils/pupil.ts';
import { stageName } from './applyCaseChange.ts';
import { actionsDueBy, reviewOverdue } from './caseDue.ts';
import { cohortComparison, type CohortComparisonRow, type NationalFigures } from './cohortComparison.ts';
import { type ActionParty, type PupilCase } from './pupilCase.ts';

export type AbsenceLevel = 'severe' | 'persistent' | 'at-risk';

export interface AgendaPupil {
  upn: string;
  pupilName: string;
  yearGroup: string;
  level: AbsenceLevel;
  absencePercent: number;
  /** Not on the last meeting's agenda at this level or worse: discussed first. */
  isNew: boolean;
  hasCase: boolean;
}

export interface AgendaCaseDue {
  upn: string;
  pupilName: string;
  yearGroup: string;
  stage: string;
  actionsDue: { id: string; what: string; owner: string; due: IsoDate }[];
  /** Set when the review date has passed. */
  reviewDue?: IsoDate;
}

export interface AgendaMover {
  upn: string;
  pupilName: string;
  yearGroup: string;
  /** Attendance before the comparison date (year to date then) and since it, in percent. */
  before: number;
  since: number;
  change: number;
}

export interface AgendaPartTime {
  upn: string;
  pupilName: string;
  yearGroup: string;
  c2Sessions: number;
  lastC2: IsoDate;
  /**
   * The review date: the timetable's when the school records timetables, else the case's; absent means none
   * was ever set (the guidance asks for regular review dates).
   */
  reviewDate?: IsoDate;
  /** The timetable in place, when the school records one; absent for C2 with no timetable behind it. */
  timetable?: { start: IsoDate; endInForce: IsoDate; pastEnd: boolean };
}

/** An action agreed at the last meeting, with where it stands now: nothing agreed is forgotten between terms. */
export interface CarriedForwardAction {
  upn: string;
  pupilName: string;
  actionId: string;
  what: string;
  party: ActionParty;
  owner: string;
  due: IsoDate;
  done: boolean;
}

export interface MeetingAgenda {
  schoolUrn: string;
  schoolName: string;
  asOf: IsoDate;
  /** The calendar date the agenda was prepared on: what "due" and "overdue" are judged against. */
  today: IsoDate;
  /** The last meeting this agenda starts from, if any. */
  lastMeeting?: { id: string; heldOn: IsoDate };
  /** The date movement in attendance is measured from. */
  movementFrom: IsoDate;
  carriedForward: CarriedForwardAction[];
  pupils: AgendaPupil[];
  casesDue: AgendaCaseDue[];
  movers: AgendaMover[];
  cohorts: CohortComparisonRow[];
  targets: TargetComparison[];
  partTime: AgendaPartTime[];
  /**
   * How many part-time timetables are in place at the as-of date, when the school records them (null when it
   * does not): Derby City Council's termly meetings review them (para 33), and every authority asks.
   */
  partTimeInPlace: number | null;
}

/** What the last meeting left behind, as far as the next agenda needs it. */
export interface LastMeetingSummary {
  id: string;
  heldOn: IsoDate;
  /** Each pupil on its agenda with the level they were at. */
  pupils: readonly { upn: string; level: AbsenceLevel }[];
}

export interface AgendaInput {
  schoolName: string;
  /** The school at the meeting's as-of date (period: the school year so far). */
  now: EvaluationContext;
  /**
   * The school's findings at that date, from the engine (`registerFindings`, or the bot's cache of it):
   * who is severely, persistently or at-risk absent is what those findings say, not a second test here.
   */
  findings: readonly Finding[];
  /** The same register from the year's start to `movementFrom`, and from then to the as-of date. */
  movement: { from: IsoDate; before: EvaluationContext; since: EvaluationContext };
  /** All loaded schools of the school's local authority (itself included), or null when it is not known. */
  localAuthority: readonly EvaluationContext[] | null;
  national: NationalFigures;
  cases: readonly PupilCase[];
  lastMeeting?: LastMeetingSummary;
  /** The meeting's calendar date, for actions and reviews due (the register's as-of date when not given). */
  today?: IsoDate;
  /** Most movers listed. */
  moversShown?: number;
}

const LEVEL_ORDER: Record<AbsenceLevel, number> = { severe: 0, persistent: 1, 'at-risk': 2 };
const LEVEL_OF_RULE: Partial<Record<RuleId, AbsenceLevel>> = {
  'severe-absence': 'severe',
  'persistent-absence': 'persistent',
  'at-risk-of-persistent-absence': 'at-risk',
};

/** Each pupil's worst absence level among the findings. */
function absenceLevels(findings: readonly Finding[]): Map<string, AbsenceLevel> {
  const levels = new Map<string, AbsenceLevel>();
  for (const f of findings) {
    const level = LEVEL_OF_RULE[f.rule as RuleId];
    if (!level) continue;
    const had = levels.get(f.upn);
    if (had === undefined || LEVEL_ORDER[level] < LEVEL_ORDER[had]) levels.set(f.upn, level);
  }
  return levels;
}
/** A move smaller than this (percentage points) is noise, not worth a meeting's time. */
const MIN_MOVE_POINTS = 2;

function byYearThenName(
  a: { yearGroup: string; pupilName: string },
  b: { yearGroup: string; pupilName: string },
): number {
  return a.yearGroup.localeCompare(b.yearGroup, 'en', { numeric: true }) || a.pupilName.localeCompare(b.pupilName);
}

/**
 * The termly targeting support meeting's agenda (003; 000 paras 33-35): what was agreed last time and
 * where it stands; severely, persistently and at-risk absent pupils, those new since the last meeting
 * first; cases with actions or reviews due; the biggest movers; the school's cohorts against the local
 * authority and national figures and the profile's targets; and part-time timetables (C2) due a review.
 */
export function buildMeetingAgenda(input: AgendaInput): MeetingAgenda {
  const { now, cases } = input;
  const { register } = now;
  const asOf = now.asOf;
  const today = input.today ?? asOf;
  const caseByUpn = new Map(cases.map((c) => [c.upn, c]));
  const previousLevel = new Map((input.lastMeeting?.pupils ?? []).map((p) => [p.upn, p.level]));
  const levelNow = absenceLevels(input.findings);

  const pupils: AgendaPupil[] = [];
  const movers: AgendaMover[] = [];
  register.pupils.forEach((pupil, p) => {
    const level = levelNow.get(pupil.upn);
    const name = pupilName(pupil);
    const absence = level ? pupilMeasures(now, p).absencePercent : null;
    if (level && absence !== null) {
      const before = previousLevel.get(pupil.upn);
      pupils.push({
        upn: pupil.upn,
        pupilName: name,
        yearGroup: pupil.yearGroup,
        level,
        absencePercent: absence,
        isNew: before === undefined || LEVEL_ORDER[before] > LEVEL_ORDER[level],
        hasCase: caseByUpn.has(pupil.upn),
      });
    }
    const before = pupilMeasures(input.movement.before, p).attendancePercent;
    const since = pupilMeasures(input.movement.since, p).attendancePercent;
    if (before !== null && since !== null && Math.abs(since - before) >= MIN_MOVE_POINTS)
      movers.push({
        upn: pupil.upn,
        pupilName: name,
        yearGroup: pupil.yearGroup,
        before,
        since,
        change: since - before,
      });
  });
  pupils.sort(
    (a, b) =>
      Number(b.isNew) - Number(a.isNew) ||
      LEVEL_ORDER[a.level] - LEVEL_ORDER[b.level] ||
      b.absencePercent - a.absencePercent ||
      byYearThenName(a, b),
  );
  movers.sort((a, b) => Math.abs(b.change) - Math.abs(a.change) || byYearThenName(a, b));

  const casesDue: AgendaCaseDue[] = cases
    .map((c) => ({
      upn: c.upn,
      pupilName: c.pupilName,
      yearGroup: c.yearGroup,
      stage: stageName(now.policy, c.stageId),
      actionsDue: actionsDueBy(c, today).map((a) => ({ id: a.id, what: a.what, owner: a.owner, due: a.due })),
      ...(reviewOverdue(c, today) || c.nextReview === today ? { reviewDue: c.nextReview } : {}),
    }))
    .filter((c) => c.actionsDue.length > 0 || c.reviewDue !== undefined)
    .sort(byYearThenName);

  const carriedForward: CarriedForwardAction[] = [];
  if (input.lastMeeting) {
    for (const c of cases) {
      for (const a of c.actions) {
        if (a.meetingId === input.lastMeeting.id)
          carriedForward.push({
            upn: c.upn,
            pupilName: c.pupilName,
            actionId: a.id,
            what: a.what,
            party: a.party,
            owner: a.owner,
            due: a.due,
            done: a.done !== undefined,
          });
      }
    }
    carriedForward.sort(
      (a, b) =>
        Number(a.done) - Number(b.done) ||
        (a.due < b.due ? -1 : a.due > b.due ? 1 : a.pupilName.localeCompare(b.pupilName)),
    );
  }

  return {
    schoolUrn: register.school.urn ?? '',
    schoolName: input.schoolName,
    asOf,
    today,
    ...(input.lastMeeting ? { lastMeeting: { id: input.lastMeeting.id, heldOn: input.lastMeeting.heldOn } } : {}),
    movementFrom: input.movement.from,
    carriedForward,
    pupils,
    casesDue,
    movers: movers.slice(0, input.moversShown ?? 5),
    cohorts: cohortComparison(now, input.localAuthority, input.national),
    targets: compareWithTargets(now),
    partTime: partTimeTimetables(now, input.movement.from, caseByUpn, today),
    partTimeInPlace: register.partTimeTimetables
      ? new Set(register.partTimeTimetables.filter((t) => isInPlaceOn(t, asOf)).map((t) => t.upn)).size
      : null,
  };
}

/**
 * Pupils on a part-time timetable (C2 since `from`) whose review date has passed or was never set: 000
 * para 19 asks for regular review dates and the shortest time necessary. A pupil's review is their case's.
 */
function partTimeTimetables(
  ctx: EvaluationContext,
  from: IsoDate,
  caseByUpn: ReadonlyMap<string, PupilCase>,
  today: IsoDate,
): AgendaPartTime[] {
  const c2 = findRegisterCode('C2');
  if (!c2) return [];
  const { register, asOf } = ctx;
  const { calendar } = register;
  const { start, end } = sessionRange(calendar, from, asOf);
  const out: AgendaPartTime[] = [];
  const recorded = register.partTimeTimetables;
  register.pupils.forEach((pupil, p) => {
    const base = p * calendar.sessionCount;
    let sessions = 0;
    let last = -1;
    for (let s = start; s < end; s++) {
      if (register.marks[base + s] !== c2.id) continue;
      sessions++;
      last = s;
    }
    const timetable = recorded?.find((t) => t.upn === pupil.upn && isInPlaceOn(t, asOf));
    if (sessions === 0 && !timetable) return;
    const entry = {
      upn: pupil.upn,
      pupilName: pupilName(pupil),
      yearGroup: pupil.yearGroup,
      c2Sessions: sessions,
      lastC2: last >= 0 ? calendar.sessionDate[last] : asOf,
    };
    if (recorded) {
      // The school keeps its timetables: on the agenda when a review is due, the end date has passed, or
      // there are C2 marks with no timetable behind them.
      if (!timetable) return void out.push(entry);
      const endInForce = effectiveEnd(timetable);
      const pastEnd = endInForce < asOf;
      const reviewed =
        timetable.nextReview !== undefined && timetable.reviews.some((r) => r.on >= timetable.nextReview!);
      const reviewDue = timetable.nextReview === undefined || (!reviewed && timetable.nextReview <= today);
      if (!reviewDue && !pastEnd) return;
      return void out.push({
        ...entry,
        ...(timetable.nextReview ? { reviewDate: timetable.nextReview } : {}),
        timetable: { start: timetable.start, endInForce, pastEnd },
      });
    }
    const c = caseByUpn.get(pupil.upn);
    if (c?.nextReview && c.nextReview >= today) return;
    out.push({ ...entry, ...(c?.nextReview ? { reviewDate: c.nextReview } : {}) });
  });
  return out.sort(byYearThenName);
}
