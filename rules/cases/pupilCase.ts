import { type IsoDate } from '../dates/isoDate.ts';

/**
 * Who carries out an agreed action. Support-first plans are joint (000 para 35, 003 "agree joint actions"):
 * the school, the local authority, the family, or another service (health, early help, social care).
 */
export const ACTION_PARTIES = ['school', 'la', 'family', 'other-service'] as const;
export type ActionParty = (typeof ACTION_PARTIES)[number];

export const ACTION_PARTY_LABELS: Record<ActionParty, string> = {
  school: 'School',
  la: 'Local authority',
  family: 'Family',
  'other-service': 'Other service',
};

/** Someone who changed a case: the key roles and audit use, and the display name for minutes. */
export interface CaseActor {
  id: string;
  name: string;
}

/** An action agreed for a pupil: what, by which party, whose job it is and by when. */
export interface AgreedAction {
  /** Unique within the case ("a1", "a2", ...): buttons on the card name it. */
  id: string;
  what: string;
  party: ActionParty;
  /** The person (or team) who owns it, as agreed; matched against names for "actions for me". */
  owner: string;
  /** Set when the owner is a known user (the person who recorded it, when no owner was named). */
  ownerId?: string;
  due: IsoDate;
  agreedOn: IsoDate;
  agreedBy: CaseActor;
  /** The meeting it was agreed at, if any. */
  meetingId?: string;
  done?: { on: IsoDate; by: CaseActor };
}

/** A barrier to attendance as recorded. Sensitive ones (health, family) show only in a full-view conversation. */
export interface Barrier {
  text: string;
  sensitive: boolean;
  recordedOn: IsoDate;
  recordedBy: CaseActor;
}

/** One change to a case: the history the minutes, the audit and the next meeting read. */
export interface CaseEvent {
  /** Timestamp of the change (ISO 8601), from the caller's clock. */
  at: string;
  by: CaseActor;
  kind: 'opened' | 'action-agreed' | 'action-done' | 'barrier' | 'stage' | 'next-review' | 'lead' | 'joint-approach';
  /** Plain words: "Stage 2: Getting help (action) from Stage 1: ...", "Home visit (School, Ms Patel) by 2026-01-09". */
  summary: string;
  meetingId?: string;
  actionId?: string;
}

export type CaseOpenedBecause = 'meeting' | 'staff' | 'persistent-absence' | 'severe-absence';

/** A pupil under review at a school. */
export interface PupilCase {
  schoolUrn: string;
  upn: string;
  /** Kept for cards and minutes; the register remains the source. */
  pupilName: string;
  yearGroup: string;
  openedOn: IsoDate;
  openedBecause: CaseOpenedBecause;
  /** A stage id of the school's policy profile (`policy.stages`). */
  stageId: string;
  leadPractitioner?: string;
  /** A joint approach agreed with the local authority: every severely absent pupil needs one (000 para 35). */
  jointWithLa: boolean;
  barriers: Barrier[];
  actions: AgreedAction[];
  /** Dates the case was reviewed, oldest first: measures at the last one give the trend. */
  reviewedOn: IsoDate[];
  nextReview?: IsoDate;
  history: CaseEvent[];
}

/** The store id of a case: one open case per pupil per school. */
export function caseId(schoolUrn: string, upn: string): string {
  return `${schoolUrn}|${upn}`;
}

export interface OpenCaseInput {
  schoolUrn: string;
  upn: string;
  pupilName: string;
  yearGroup: string;
  because: CaseOpenedBecause;
  /** The first stage of the profile's process unless the caller knows better. */
  stageId: string;
  today: IsoDate;
  at: string;
  by: CaseActor;
  meetingId?: string;
}

/** A new case. Severe absence opens it with the joint approach with the LA already required. */
export function openCase(input: OpenCaseInput): PupilCase {
  const because = {
    meeting: 'opened at a meeting',
    staff: 'opened by staff',
    'persistent-absence': 'opened on becoming persistently absent',
    'severe-absence': 'opened on becoming severely absent: a joint approach with the local authority is needed',
  }[input.because];
  return {
    schoolUrn: input.schoolUrn,
    upn: input.upn,
    pupilName: input.pupilName,
    yearGroup: input.yearGroup,
    openedOn: input.today,
    openedBecause: input.because,
    stageId: input.stageId,
    jointWithLa: false,
    barriers: [],
    actions: [],
    reviewedOn: [],
    history: [{ at: input.at, by: input.by, kind: 'opened', summary: `Case ${because}`, meetingId: input.meetingId }],
  };
}
