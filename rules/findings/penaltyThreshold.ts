import { schoolWeekWindow, type SchoolWeekWindow } from '../calendar/schoolWeekWindow.ts';
import { codeSetTable } from '../codes/codeCategories.ts';
import { formatShortDate } from '../dates/isoDate.ts';
import { type EvaluationContext } from './evaluationContext.ts';
import { type Finding, type SessionMark } from './finding.ts';
import { compulsorySchoolAgeOn, pupilFinding } from './pupilFinding.ts';
import { penaltyNextStep } from './penaltyNextStep.ts';
import { rollingWindowCount } from './rollingWindowCount.ts';
import { codeBreakdown, describeCodes } from './sessionEvidence.ts';

/**
 * The national threshold for considering a penalty notice: 10 sessions coded G, N, O or U within the 10
 * school weeks ending on the as-of date. The window is counted in school weeks, so it reaches across
 * half-terms, terms and into the previous school year where the register holds it (see `mergeRegisters`).
 * Penalty notices exist only for pupils of compulsory school age, so for anyone else there is no finding:
 * their absence still shows in persistent absence and the unexplained-absence rules.
 */
export function penaltyThresholdFinding(ctx: EvaluationContext, p: number): Finding | null {
  if (!compulsorySchoolAgeOn(ctx, p)) return null;
  const rule = ctx.policy.penaltyThreshold;
  const result = rollingWindowCount(
    ctx.register,
    p,
    ctx.asOfDay,
    rule.schoolWeeks,
    rule.sessions,
    codeSetTable(rule.codes),
  );
  if (!result) return null;
  return penaltyThresholdFindingOf(ctx, p, penaltyWording(ctx), result);
}

/**
 * What every penalty-threshold finding of one register at one as-of date shares: the window and the
 * words that depend only on it and the profile. Worked out once per query by the engine.
 */
export interface PenaltyWording {
  window: SchoolWeekWindow;
  from: string;
  to: string;
  /** Said when the register does not reach back the whole window. */
  shortWindow: string;
  /** The next step unless the sessions are all unauthorised holiday. */
  supportFirstStep: string;
}

/** The shared part of the penalty-threshold findings at the context's as-of day (which must exist). */
export function penaltyWording(ctx: EvaluationContext): PenaltyWording {
  const { calendar } = ctx.register;
  const window = schoolWeekWindow(calendar, ctx.asOfDay, ctx.policy.penaltyThreshold.schoolWeeks);
  const { period } = ctx.policy.noticeToImprove;
  const unit = period.unit === 'weeks' ? 'weeks' : 'school days';
  const improvement =
    period.min === period.max
      ? `improvement period ${period.min} ${unit}`
      : `improvement period ${period.min}-${period.max} ${unit}`;
  return {
    window,
    from: calendar.dayDate[window.firstDay],
    to: calendar.dayDate[window.lastDay],
    shortWindow: window.complete ? '' : ` (the register holds only ${window.weeks} school weeks up to then)`,
    supportFirstStep: `Offer support first; where support has not worked or been engaged with, consider a notice to improve (${improvement}) before a penalty notice`,
  };
}

/** The pupil's count in the window, its sessions, and the school day the count first reached the threshold. */
export interface PenaltyCount {
  count: number;
  sessions: SessionMark[];
  metOnDay: number;
}

/**
 * The penalty-threshold finding for a pupil of compulsory school age at or over the threshold: its reason,
 * evidence, next step and citation, written here once for the plain rule and the engine alike.
 */
export function penaltyThresholdFindingOf(
  ctx: EvaluationContext,
  p: number,
  wording: PenaltyWording,
  counted: PenaltyCount,
): Finding {
  const rule = ctx.policy.penaltyThreshold;
  const { calendar } = ctx.register;
  const { window } = wording;
  const { count, sessions } = counted;
  const breakdown = codeBreakdown(sessions);
  const metOn = calendar.dayDate[counted.metOnDay];
  return pupilFinding(ctx, p, 'penalty-threshold', {
    reason: `${count} unauthorised sessions (${describeCodes(breakdown)}) in the ${window.weeks} school weeks from ${formatShortDate(wording.from)} to ${formatShortDate(wording.to)}${wording.shortWindow}: the threshold for considering a penalty notice is ${rule.sessions}.`,
    evidence: {
      count,
      threshold: rule.sessions,
      codesCounted: rule.codes,
      byCode: breakdown,
      window: {
        from: wording.from,
        to: wording.to,
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
