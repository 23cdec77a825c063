import { formatShortDate, type PreviousNotice, type SessionMark } from '../../rules/index.ts';

/** Kept here too, where the bot's callers look for it. */
export { normaliseParent } from '../../rules/index.ts';

export const CASE_STATES = ['considered', 'nti-issued', 'penalty-requested', 'issued', 'paid', 'withdrawn'] as const;
export type CaseState = (typeof CASE_STATES)[number];

export const CASE_STATE_TITLES: Record<CaseState, string> = {
  considered: 'Considered',
  'nti-issued': 'Notice to improve issued',
  'penalty-requested': 'Penalty notice requested from the local authority',
  issued: 'Penalty notice issued',
  paid: 'Paid',
  withdrawn: 'Withdrawn',
};

/** Where a case may go from each state: a notice is requested before it is issued, issued before it is paid. */
const NEXT_STATES: Record<CaseState, readonly CaseState[]> = {
  considered: ['nti-issued', 'penalty-requested', 'withdrawn'],
  'nti-issued': ['penalty-requested', 'withdrawn'],
  'penalty-requested': ['issued', 'withdrawn'],
  issued: ['paid', 'withdrawn'],
  paid: [],
  withdrawn: [],
};

export interface CaseStep {
  state: CaseState;
  /** The day it happened (the notice's date of issue, the day it was paid), as staff give it. */
  on: string;
  /** For a notice to improve: the last day of its improvement period. */
  periodEnds?: string;
  by: string;
  at: string;
}

/**
 * One parent's penalty-notice case for one child, linked to the absences behind it (the penalty-threshold
 * finding's sessions) so the 3-year count per parent and child comes from the record.
 */
export interface PenaltyCase {
  id: string;
  schoolUrn: string;
  upn: string;
  /** The parent, normalised so "Mrs J Smith" typed twice is one parent. */
  parentKey: string;
  /** The walk-through that opened it. */
  walkId: string;
  sessions: SessionMark[];
  steps: CaseStep[];
}

export function currentState(c: PenaltyCase): CaseState {
  return c.steps[c.steps.length - 1].state;
}

export function nextCaseStates(c: PenaltyCase): readonly CaseState[] {
  return NEXT_STATES[currentState(c)];
}

/** Moves a case on, or says why it cannot: states follow each other in order and dates never go back. */
export function advanceCase(
  c: PenaltyCase,
  step: CaseStep,
): { ok: true; case: PenaltyCase } | { ok: false; problem: string } {
  const from = currentState(c);
  if (!NEXT_STATES[from].includes(step.state)) {
    const allowed = NEXT_STATES[from].map((s) => CASE_STATE_TITLES[s].toLowerCase());
    return {
      ok: false,
      problem: `The case is at “${CASE_STATE_TITLES[from]}”; ${allowed.length > 0 ? `next it can be: ${allowed.join(', ')}` : 'it is closed'}.`,
    };
  }
  const last = c.steps[c.steps.length - 1];
  if (step.on < last.on)
    return {
      ok: false,
      problem: `The date ${formatShortDate(step.on)} is before the case’s last step (${formatShortDate(last.on)}).`,
    };
  if (step.state === 'nti-issued' && (!step.periodEnds || step.periodEnds <= step.on))
    return {
      ok: false,
      problem: 'A notice to improve needs the end of its improvement period, after the day it was issued.',
    };
  return { ok: true, case: { ...c, steps: [...c.steps, step] } };
}

/**
 * The notices a case counts as for the 3-year limit: only a notice actually issued counts; one withdrawn
 * afterwards does not (the pure decision leaves withdrawn notices out).
 */
export function noticeOf(c: PenaltyCase): PreviousNotice | undefined {
  const issued = c.steps.find((s) => s.state === 'issued');
  if (!issued) return undefined;
  const state = currentState(c);
  return { issuedOn: issued.on, status: state === 'paid' ? 'paid' : state === 'withdrawn' ? 'withdrawn' : 'issued' };
}
