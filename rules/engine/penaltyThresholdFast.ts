import { halfName } from '../calendar/schoolCalendar.ts';
import { schoolWeekWindow, type SchoolWeekWindow } from '../calendar/schoolWeekWindow.ts';
import { codeSetTable } from '../codes/codeCategories.ts';
import { REGISTER_CODES } from '../codes/registerCodes.ts';
import { formatShortDate } from '../dates/isoDate.ts';
import { type Finding, type SessionMark } from '../findings/finding.ts';
import { penaltyNextStep } from '../findings/penaltyNextStep.ts';
import { pupilFinding } from '../findings/pupilFinding.ts';
import { codeBreakdown, describeCodes } from '../findings/sessionEvidence.ts';
import { type RegisterQuery } from './registerQuery.ts';

/** What every penalty-threshold finding of one register at one as-of date shares, worked out once. */
export interface PenaltyWindow {
  window: SchoolWeekWindow;
  from: string;
  to: string;
  shortWindow: string;
  table: Uint8Array;
}

/**
 * The shared part of the penalty-threshold findings, or null when the engine cannot build them from
 * absence marks (a profile counting a code that is not absence) and the rule's own function must.
 */
export function penaltyWindow(q: RegisterQuery): PenaltyWindow | null {
  const { ctx, policy } = q;
  const rule = policy.penaltyThreshold;
  const absenceOnly = rule.codes.every((code) =>
    ['authorised', 'unauthorised'].includes(REGISTER_CODES.find((c) => c.code === code)?.category ?? ''),
  );
  if (!absenceOnly || ctx.asOfDay < 0) return null;
  const { calendar } = ctx.register;
  const window = schoolWeekWindow(calendar, ctx.asOfDay, rule.schoolWeeks);
  return {
    window,
    from: calendar.dayDate[window.firstDay],
    to: calendar.dayDate[window.lastDay],
    shortWindow: window.complete ? '' : ` (the register holds only ${window.weeks} school weeks up to then)`,
    table: codeSetTable(rule.codes),
  };
}

/** What a penalty-threshold finding is built from: the query and the window every pupil shares. */
export interface PenaltySource {
  query: RegisterQuery;
  shared: PenaltyWindow;
}

/**
 * The pupil's counted sessions up to the end of the as-of day into `scratch` (and their codes into
 * `scratchCodes`), in session order; returns how many.
 */
function countedSessions(
  q: RegisterQuery,
  p: number,
  shared: PenaltyWindow,
  scratch: Int32Array,
  scratchCodes: Uint8Array,
): number {
  const { absenceMarks } = q.index;
  const { window, table } = shared;
  let counted = 0;
  for (let k = absenceMarks.start[p], end = absenceMarks.start[p + 1]; k < end; k++) {
    const s = absenceMarks.session[k];
    if (s >= window.endSession) break;
    if (table[absenceMarks.code[k]]) {
      scratch[counted] = s;
      scratchCodes[counted++] = absenceMarks.code[k];
    }
  }
  return counted;
}

/**
 * `penalty-threshold` for a pupil at or over it with `count` sessions in the window, as
 * penaltyThresholdFinding words it, from the pupil's absence marks. `scratch` and `scratchCodes` hold the pupil's counted sessions and their
 * codes (one slot per session of the register), so a page of findings shares them.
 */
export function penaltyThresholdFast(
  source: PenaltySource,
  p: number,
  count: number,
  scratch: Int32Array,
  scratchCodes: Uint8Array,
): Finding {
  const { query, shared } = source;
  const { ctx, index } = query;
  const { calendar } = index.register;
  const { window } = shared;
  const rule = ctx.policy.penaltyThreshold;
  const counted = countedSessions(query, p, shared, scratch, scratchCodes);
  const sessions: SessionMark[] = [];
  for (let i = lowerBound(scratch, counted, window.startSession); i < counted; i++) {
    const s = scratch[i];
    sessions.push({
      date: calendar.sessionDate[s],
      session: halfName(calendar.sessionHalf[s]),
      code: REGISTER_CODES[scratchCodes[i]].code,
    });
  }
  // The day the threshold was first met in the present unbroken spell: the finding's episode.
  const metOn =
    calendar.dayDate[firstDayOfSpell(query, window.lastDay, rule.schoolWeeks, rule.sessions, scratch, counted)];
  const breakdown = codeBreakdown(sessions);
  return pupilFinding(ctx, p, 'penalty-threshold', {
    reason: `${count} unauthorised sessions (${describeCodes(breakdown)}) in the ${window.weeks} school weeks from ${formatShortDate(shared.from)} to ${formatShortDate(shared.to)}${shared.shortWindow}: the threshold for considering a penalty notice is ${rule.sessions}.`,
    evidence: {
      count,
      threshold: rule.sessions,
      codesCounted: rule.codes,
      byCode: breakdown,
      window: {
        from: shared.from,
        to: shared.to,
        schoolWeeks: window.weeks,
        weekMondays: calendar.weekMonday.slice(window.firstWeek, window.lastWeek + 1),
        complete: window.complete,
      },
      sessions,
      firstMetOn: metOn,
      compulsorySchoolAge: true,
    },
    nextStep: penaltyNextStep(ctx.policy, breakdown),
    citation: rule.citation,
    episode: metOn,
  });
}

/** Index of the first of `sessions[0, length)` at or after `s`. */
function lowerBound(sessions: Int32Array, length: number, s: number): number {
  let lo = 0;
  let hi = length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (sessions[mid] < s) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

/**
 * The school day the count first reached the threshold in the present unbroken spell of being over it,
 * as rollingWindowCount works it out: step back a day at a time while the window ending the day before
 * still holds enough counted sessions.
 */
function firstDayOfSpell(
  q: RegisterQuery,
  lastDay: number,
  weeks: number,
  threshold: number,
  sessions: Int32Array,
  length: number,
): number {
  const { calendar } = q.index.register;
  let day = lastDay;
  while (day > 0) {
    const previous = day - 1;
    const firstDay = calendar.weekFirstDay[Math.max(0, calendar.dayWeek[previous] - weeks + 1)];
    const inWindow =
      lowerBound(sessions, length, calendar.dayFirstSession[previous + 1]) -
      lowerBound(sessions, length, calendar.dayFirstSession[firstDay]);
    if (inWindow < threshold) break;
    day = previous;
  }
  return day;
}
