import { IS_ATTENDANCE, codeSetTable } from '../codes/codeCategories.ts';
import { formatShortDate } from '../dates/isoDate.ts';
import { type EvaluationContext } from './evaluationContext.ts';
import { type Finding } from './finding.ts';
import { pupilFinding } from './pupilFinding.ts';
import { markedSessions } from './sessionEvidence.ts';

const N_CODE = codeSetTable(['N']);

/**
 * A school day of unexplained absence: at least one session coded N and no session attended. A pupil
 * marked N in the morning who came in the afternoon has been seen, so the day does not count toward
 * the home-visit trigger (they still show as unexplained that day).
 */
function isUnexplainedDay(ctx: EvaluationContext, p: number, day: number): boolean {
  const { calendar, marks } = ctx.register;
  const base = p * calendar.sessionCount;
  let n = 0;
  for (let s = calendar.dayFirstSession[day]; s < calendar.dayFirstSession[day + 1]; s++) {
    const id = marks[base + s];
    if (IS_ATTENDANCE[id]) return false;
    n += N_CODE[id];
  }
  return n > 0;
}

/**
 * Whether the pupil has a social worker to tell. A looked-after child always has one (the local authority
 * allocates a social worker to every child it looks after: Care Planning, Placement and Case Review
 * (England) Regulations 2010), so the flag alone does not decide it. This also keeps a limited channel's
 * "extra safeguarding steps apply" from telling looked-after children apart from others with a social worker.
 */
function hasSocialWorker(ctx: EvaluationContext, p: number): boolean {
  const pupil = ctx.register.pupils[p];
  return pupil.socialWorker === true || pupil.lookedAfter === true;
}

function socialWorkerExtras(ctx: EvaluationContext, p: number) {
  return hasSocialWorker(ctx, p) ? { socialWorker: true } : {};
}

function withSocialWorker(ctx: EvaluationContext, p: number, step: string): string {
  return hasSocialWorker(ctx, p) ? `${step}. ${ctx.policy.unexplainedAbsence.socialWorkerStep}` : step;
}

/** `unexplained-absence`: an N mark on the as-of school day (call parents today). */
export function unexplainedAbsenceFinding(ctx: EvaluationContext, p: number): Finding | null {
  if (ctx.asOfDay < 0) return null;
  const { calendar } = ctx.register;
  const sessions = markedSessions(
    ctx.register,
    p,
    calendar.dayFirstSession[ctx.asOfDay],
    calendar.dayFirstSession[ctx.asOfDay + 1],
    N_CODE,
  );
  if (sessions.length === 0) return null;
  const date = calendar.dayDate[ctx.asOfDay];
  const which =
    sessions.length === 2 ? 'morning and afternoon' : sessions[0].session === 'AM' ? 'morning' : 'afternoon';
  const rule = ctx.policy.unexplainedAbsence;
  return pupilFinding(ctx, p, 'unexplained-absence', {
    reason: `No reason yet (N) for absence on ${formatShortDate(date)} (${which}).`,
    evidence: { date, sessions, ...socialWorkerExtras(ctx, p) },
    nextStep: withSocialWorker(ctx, p, rule.firstDayContact),
    citation: ctx.register.pupils[p].socialWorker ? rule.socialWorkerCitation : rule.citation,
    episode: date,
  });
}

/** `unexplained-3-days`: unexplained absence on each of the last 3 consecutive school days (home visit). */
export function unexplainedDaysFinding(ctx: EvaluationContext, p: number): Finding | null {
  const rule = ctx.policy.unexplainedAbsence;
  if (ctx.asOfDay < 0) return null;
  let first = ctx.asOfDay;
  while (first >= 0 && isUnexplainedDay(ctx, p, first)) first--;
  first++;
  const days = ctx.asOfDay - first + 1;
  if (days < rule.homeVisitOnDay) return null;
  const { calendar } = ctx.register;
  const start = calendar.dayDate[first];
  const end = calendar.dayDate[ctx.asOfDay];
  const sessions = markedSessions(
    ctx.register,
    p,
    calendar.dayFirstSession[first],
    calendar.dayFirstSession[ctx.asOfDay + 1],
    N_CODE,
  );
  return pupilFinding(ctx, p, 'unexplained-3-days', {
    reason: `Absent with no reason established on ${days} consecutive school days, ${formatShortDate(start)} to ${formatShortDate(end)}.`,
    evidence: {
      consecutiveSchoolDays: days,
      trigger: rule.homeVisitOnDay,
      from: start,
      to: end,
      schoolDays: calendar.dayDate.slice(first, ctx.asOfDay + 1),
      sessions,
      ...socialWorkerExtras(ctx, p),
    },
    nextStep: withSocialWorker(ctx, p, rule.homeVisitStep),
    citation: rule.homeVisitCitation,
    episode: start,
  });
}
