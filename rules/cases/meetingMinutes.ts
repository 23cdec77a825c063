import { type IsoDate } from '../dates/isoDate.ts';
import { type PolicyProfile } from '../policies/policyProfile.ts';
import { stageName } from './applyCaseChange.ts';
import { type ActionParty, type CaseActor, type PupilCase } from './pupilCase.ts';

export interface MinutesCase {
  upn: string;
  pupilName: string;
  yearGroup: string;
  /** What was recorded for this pupil during the meeting, in order; empty when it was discussed without change. */
  outcome: string[];
  stage: string;
  nextReview?: IsoDate;
}

export interface MinutesAction {
  upn: string;
  pupilName: string;
  actionId: string;
  what: string;
  party: ActionParty;
  due: IsoDate;
}

export interface MeetingMinutes {
  meetingId: string;
  schoolUrn: string;
  heldOn: IsoDate;
  attendees: CaseActor[];
  cases: MinutesCase[];
  /** The actions agreed at the meeting, grouped by owner (owners in name order). */
  actionsByOwner: { owner: string; actions: MinutesAction[] }[];
}

export interface MinutesInput {
  meetingId: string;
  schoolUrn: string;
  heldOn: IsoDate;
  attendees: readonly CaseActor[];
  /** Pupils whose cards were put to the meeting, in the order they were discussed. */
  discussed: readonly string[];
  cases: readonly PupilCase[];
  policy: PolicyProfile;
}

/**
 * The minutes: who attended, each discussed case's outcome (every change recorded against the meeting),
 * and the actions agreed, by owner. Built from the cases' histories, so they say exactly what was recorded,
 * whoever recorded it and whichever card they pressed.
 */
export function buildMeetingMinutes(input: MinutesInput): MeetingMinutes {
  const caseByUpn = new Map(input.cases.map((c) => [c.upn, c]));
  const cases: MinutesCase[] = [];
  const byOwner = new Map<string, MinutesAction[]>();
  for (const upn of input.discussed) {
    const c = caseByUpn.get(upn);
    if (!c) continue;
    cases.push({
      upn,
      pupilName: c.pupilName,
      yearGroup: c.yearGroup,
      outcome: c.history.filter((e) => e.meetingId === input.meetingId).map((e) => e.summary),
      stage: stageName(input.policy, c.stageId),
      ...(c.nextReview ? { nextReview: c.nextReview } : {}),
    });
    for (const a of c.actions) {
      if (a.meetingId !== input.meetingId) continue;
      const list = byOwner.get(a.owner) ?? [];
      list.push({ upn, pupilName: c.pupilName, actionId: a.id, what: a.what, party: a.party, due: a.due });
      byOwner.set(a.owner, list);
    }
  }
  return {
    meetingId: input.meetingId,
    schoolUrn: input.schoolUrn,
    heldOn: input.heldOn,
    attendees: [...input.attendees].sort((a, b) => a.name.localeCompare(b.name)),
    cases,
    actionsByOwner: [...byOwner.entries()]
      .sort(([a], [b]) => a.localeCompare(b))
      .map(([owner, actions]) => ({
        owner,
        actions: actions.sort((a, b) =>
          a.due < b.due ? -1 : a.due > b.due ? 1 : a.pupilName.localeCompare(b.pupilName),
        ),
      })),
  };
}

/** Adds someone to the attendees once (by id): whoever acted at the meeting or said they were there. */
export function withAttendee(attendees: readonly CaseActor[], person: CaseActor): CaseActor[] {
  return attendees.some((a) => a.id === person.id) ? [...attendees] : [...attendees, person];
}
