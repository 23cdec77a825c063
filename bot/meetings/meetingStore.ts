import { updateRecord, type StateStore } from '../../adapters/store/stateStore.ts';
import { type CaseActor, type IsoDate, type MeetingAgenda, type MeetingMinutes } from '../../rules/index.ts';

/** Store namespace of meetings (id: the meeting id) and of each conversation's current meeting (id: conversation). */
export const MEETING_NAMESPACE = 'meetings.meeting';
export const CURRENT_MEETING_NAMESPACE = 'meetings.current';

/** A termly targeting support meeting, from its agenda to its minutes. */
export interface MeetingRecord {
  id: string;
  schoolUrn: string;
  conversationId: string;
  state: 'prepared' | 'running' | 'ended';
  preparedAt: string;
  preparedBy: CaseActor;
  agenda: MeetingAgenda;
  /** Pupils whose case cards are put to the meeting, in order (fixed when it starts). */
  caseOrder: string[];
  /** Pupils whose cards have been posted so far, in order. */
  presented: string[];
  /** Activity ids of the posted case cards by pupil, so a card can be redrawn after a change elsewhere. */
  cardActivities: Record<string, string>;
  attendees: CaseActor[];
  startedAt?: string;
  endedAt?: string;
  heldOn?: IsoDate;
  minutes?: MeetingMinutes;
}

export async function getMeeting(store: StateStore, id: string): Promise<MeetingRecord | null> {
  return (await store.getRecord<MeetingRecord>(MEETING_NAMESPACE, id))?.value ?? null;
}

/** The meeting prepared or running in a conversation, if any. */
export async function currentMeeting(store: StateStore, conversationId: string): Promise<MeetingRecord | null> {
  const pointer = await store.getRecord<{ meetingId: string }>(CURRENT_MEETING_NAMESPACE, conversationId);
  if (!pointer) return null;
  const meeting = await getMeeting(store, pointer.value.meetingId);
  return meeting && meeting.state !== 'ended' ? meeting : null;
}

export async function saveNewMeeting(store: StateStore, meeting: MeetingRecord): Promise<void> {
  await store.putRecord(MEETING_NAMESPACE, meeting.id, meeting, null);
  await updateRecord(store, CURRENT_MEETING_NAMESPACE, meeting.conversationId, () => ({ meetingId: meeting.id }));
}

/** Read-modify-write of a meeting, retried on conflict (several people act during one meeting). */
export async function changeMeeting(
  store: StateStore,
  id: string,
  change: (m: MeetingRecord) => MeetingRecord,
): Promise<MeetingRecord> {
  const record = await updateRecord<MeetingRecord>(store, MEETING_NAMESPACE, id, (current) => {
    if (!current) throw new Error(`meeting ${id} is not in the store`);
    return change(current);
  });
  return record.value;
}

/** The school's most recent ended meeting: the next agenda starts from its minutes. */
export async function lastEndedMeeting(store: StateStore, schoolUrn: string): Promise<MeetingRecord | null> {
  const ended = (await store.listRecords<MeetingRecord>(MEETING_NAMESPACE))
    .map((r) => r.value)
    .filter((m) => m.schoolUrn === schoolUrn && m.state === 'ended' && m.endedAt);
  ended.sort((a, b) => (a.endedAt! < b.endedAt! ? 1 : -1));
  return ended[0] ?? null;
}

/** Running meetings of a school that have put this pupil's case card up, in any conversation. */
export async function runningMeetingsShowing(
  store: StateStore,
  schoolUrn: string,
  upn: string,
): Promise<MeetingRecord[]> {
  return (await store.listRecords<MeetingRecord>(MEETING_NAMESPACE))
    .map((r) => r.value)
    .filter((m) => m.schoolUrn === schoolUrn && m.state === 'running' && m.cardActivities[upn] !== undefined);
}
