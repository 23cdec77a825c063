import { addDays, formatShortDate, type IsoDate } from '../dates/isoDate.ts';
import { type PolicyProfile } from '../policies/policyProfile.ts';
import { ACTION_PARTY_LABELS, type ActionParty, type CaseActor, type CaseEvent, type PupilCase } from './pupilCase.ts';

/** Something someone did to a case: the same shapes whether from a card button, a meeting or a command. */
export type CaseChange =
  | { kind: 'add-action'; what: string; party: ActionParty; owner?: string; due: IsoDate }
  | { kind: 'action-done'; actionId: string }
  | { kind: 'barrier'; text: string; sensitive: boolean }
  | { kind: 'stage'; stageId: string }
  | { kind: 'next-review'; date: IsoDate }
  | { kind: 'lead'; name: string }
  | { kind: 'joint-approach' };

export interface CaseChangeContext {
  policy: PolicyProfile;
  today: IsoDate;
  /** Timestamp for the history (ISO 8601). */
  at: string;
  by: CaseActor;
  meetingId?: string;
}

/** Why a change was refused, in words for the person who pressed the button. */
export class CaseChangeError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'CaseChangeError';
  }
}

export function stageName(policy: PolicyProfile, stageId: string): string {
  return policy.stages.find((s) => s.id === stageId)?.name ?? stageId;
}

/**
 * The case after one change, with the change written to its history. Pure: the store's optimistic update
 * re-runs it on the latest version when two people act at once, so both changes land. Ids of new actions
 * come from the case itself (`a<n>`), so a re-run gives the action the id the latest version calls for.
 * A change that would do nothing (marking a done action done again, moving to the current stage) is kept
 * out of the history rather than recorded twice.
 */
export function applyCaseChange(current: PupilCase, change: CaseChange, context: CaseChangeContext): PupilCase {
  const next: PupilCase = {
    ...current,
    actions: [...current.actions],
    barriers: [...current.barriers],
    reviewedOn: [...current.reviewedOn],
    history: [...current.history],
  };
  const event = (kind: CaseEvent['kind'], summary: string, actionId?: string) =>
    next.history.push({
      at: context.at,
      by: context.by,
      kind,
      summary,
      ...(context.meetingId ? { meetingId: context.meetingId } : {}),
      ...(actionId ? { actionId } : {}),
    });
  switch (change.kind) {
    case 'add-action': {
      const what = change.what.trim();
      if (!what) throw new CaseChangeError('Say what the action is.');
      if (change.due < context.today) throw new CaseChangeError(`The due date ${change.due} has already passed.`);
      const id = `a${current.actions.length + 1}`;
      const owner = change.owner?.trim() || context.by.name;
      next.actions.push({
        id,
        what,
        party: change.party,
        owner,
        ...(change.owner?.trim() ? {} : { ownerId: context.by.id }),
        due: change.due,
        agreedOn: context.today,
        agreedBy: context.by,
        ...(context.meetingId ? { meetingId: context.meetingId } : {}),
      });
      event(
        'action-agreed',
        `${what} (${ACTION_PARTY_LABELS[change.party]}, ${owner}) by ${formatShortDate(change.due)}`,
        id,
      );
      return next;
    }
    case 'action-done': {
      const index = next.actions.findIndex((a) => a.id === change.actionId);
      if (index < 0) throw new CaseChangeError('That action is not on this case any more.');
      const action = next.actions[index];
      if (action.done) return current;
      next.actions[index] = { ...action, done: { on: context.today, by: context.by } };
      event('action-done', `Done: ${action.what}`, action.id);
      return next;
    }
    case 'barrier': {
      const text = change.text.trim();
      if (!text) throw new CaseChangeError('Describe the barrier.');
      next.barriers.push({ text, sensitive: change.sensitive, recordedOn: context.today, recordedBy: context.by });
      // The history is read in limited channels too (minutes), so a sensitive barrier is not quoted there.
      event('barrier', change.sensitive ? 'Barrier recorded (restricted detail)' : `Barrier: ${text}`);
      return next;
    }
    case 'stage': {
      if (!context.policy.stages.some((s) => s.id === change.stageId))
        throw new CaseChangeError(`${context.policy.name} has no stage "${change.stageId}".`);
      if (change.stageId === current.stageId) return current;
      next.stageId = change.stageId;
      event(
        'stage',
        `Moved to ${stageName(context.policy, change.stageId)} (from ${stageName(context.policy, current.stageId)})`,
      );
      return next;
    }
    case 'next-review': {
      if (change.date <= context.today) throw new CaseChangeError('The next review must be after today.');
      // Setting the next review is the end of a review: today's measures become the ones the trend starts from.
      if (next.reviewedOn.at(-1) !== context.today) next.reviewedOn.push(context.today);
      next.nextReview = change.date;
      event('next-review', `Reviewed; next review ${change.date}`);
      return next;
    }
    case 'lead': {
      const name = change.name.trim();
      if (!name) throw new CaseChangeError('Name the lead practitioner.');
      if (name === current.leadPractitioner) return current;
      next.leadPractitioner = name;
      event('lead', `Lead practitioner: ${name}`);
      return next;
    }
    case 'joint-approach': {
      if (current.jointWithLa) return current;
      next.jointWithLa = true;
      event('joint-approach', 'Joint approach agreed with the local authority');
      return next;
    }
  }
}

/**
 * Reviews every 4-6 weeks where the stage says so (Bramhall High School's Stage 2): the earliest date the
 * next review should fall, or undefined where the stage sets no interval.
 *
 * @example
 * suggestedNextReview(policyProfile('stockport-bramhall'), 'stage-2', '2025-11-21') // => '2025-12-19'
 * suggestedNextReview(policyProfile('stockport-bramhall'), 'stage-1', '2025-11-21') // => undefined
 */
export function suggestedNextReview(policy: PolicyProfile, stageId: string, today: IsoDate): IsoDate | undefined {
  const weeks = policy.stages.find((s) => s.id === stageId)?.reviewEveryWeeks;
  return weeks ? addDays(today, weeks[0] * 7) : undefined;
}
