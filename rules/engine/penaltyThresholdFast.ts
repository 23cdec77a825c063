import { halfName } from '../calendar/schoolCalendar.ts';
import { codeSetTable } from '../codes/codeCategories.ts';
import { REGISTER_CODES } from '../codes/registerCodes.ts';
import { firstDayOfSpell } from '../findings/firstDayOfSpell.ts';
import { type Finding, type SessionMark } from '../findings/finding.ts';
import { penaltyThresholdFindingOf, penaltyWording, type PenaltyWording } from '../findings/penaltyThreshold.ts';
import { type RegisterQuery } from './registerQuery.ts';

/** What every penalty-threshold finding of one register at one as-of date shares, worked out once. */
export interface PenaltyWindow extends PenaltyWording {
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
  return { ...penaltyWording(ctx), table: codeSetTable(rule.codes) };
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
 * `penalty-threshold` for a pupil at or over it with `count` sessions in the window, from the pupil's
 * absence marks, worded by penaltyThresholdFindingOf. `scratch` and `scratchCodes` hold the pupil's
 * counted sessions and their codes (one slot per session of the register), so a page of findings shares
 * them.
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
  const metOnDay = firstDayOfSpell(calendar, window.lastDay, rule.schoolWeeks, rule.sessions, (day) =>
    lowerBound(scratch, counted, calendar.dayFirstSession[day]),
  );
  return penaltyThresholdFindingOf(ctx, p, shared, { count, sessions, metOnDay });
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
