import { absenceLevelFinding, type AbsenceLevelRule } from '../findings/absenceLevelFindings.ts';
import { brokenWeeksFindingOf } from '../findings/brokenWeeksFinding.ts';
import { type Finding } from '../findings/finding.ts';
import { flaggedMeasures } from './flaggedMeasures.ts';
import { type RegisterQuery } from './registerQuery.ts';

/**
 * A persistent, severe or at-risk finding of a pupil the screen flagged, worded by absenceLevelFinding;
 * the codes behind the percentage come from the pupil's absence marks. `tally` is scratch space of one
 * slot per code id.
 */
export function absenceLevelFindingFast(
  q: RegisterQuery,
  p: number,
  rule: AbsenceLevelRule,
  absenceSessions: number,
  possibleSessions: number,
  tally: Uint16Array,
): Finding {
  const m = flaggedMeasures(q, p, possibleSessions, absenceSessions, tally, false);
  return absenceLevelFinding(q.ctx, p, rule, m, m.periodText);
}

/** `broken-weeks` for a pupil the screen found over the profile's ratio, worded by brokenWeeksFindingOf. */
export function brokenWeeksFindingFast(
  q: RegisterQuery,
  p: number,
  broken: number,
  weeks: number,
  tally: Uint16Array,
): Finding {
  const m = flaggedMeasures(q, p, 0, 0, tally, true);
  return brokenWeeksFindingOf(q.ctx, p, broken, weeks, m.brokenWeekMondays, m.periodText);
}
