import { z } from 'zod';
import { isIsoDate, type PartTimeTimetable } from '../../rules/index.ts';
import { type StateStore, type VersionedRecord } from './stateStore.ts';

/** Where part-time timetables recorded in the bot live in the store: one record per school, pupil and start. */
export const PART_TIME_NAMESPACE = 'partTime.timetable';

/** One thing done to a recorded timetable, with who did it and when (the audit log holds the same). */
export interface PartTimeRecordEvent {
  what: 'recorded' | 'review' | 'ended';
  /** The date it happened on (the review's, or the day back full time); the recording's date otherwise. */
  on: string;
  by: string;
  byName?: string;
  at: string;
}

/** A part-time timetable as the bot records it: the timetable itself, its school, and its history. */
export interface RecordedPartTimeTimetable {
  schoolUrn: string;
  timetable: PartTimeTimetable;
  /** The walk-through that recorded it, when one did. */
  walkId?: string;
  history: PartTimeRecordEvent[];
}

export function partTimeRecordId(schoolUrn: string, t: Pick<PartTimeTimetable, 'upn' | 'start'>): string {
  return `${schoolUrn}:${t.upn}:${t.start}`;
}

const date = z.string().refine(isIsoDate, 'a date (YYYY-MM-DD)');
const timetableSchema = z.object({
  upn: z.string().min(1),
  start: date,
  proposedEnd: date,
  sessionsOff: z.array(
    z.object({
      weekday: z.union([z.literal(1), z.literal(2), z.literal(3), z.literal(4), z.literal(5)]),
      half: z.enum(['AM', 'PM']),
    }),
  ),
  schoolAgreedOn: date.optional(),
  parentAgreedOn: date.optional(),
  plan: z.string().optional(),
  nextReview: date.optional(),
  reviews: z.array(z.object({ on: date, extendedTo: date.optional() })),
  socialWorkerToldOn: date.optional(),
  localAuthorityToldOn: date.optional(),
  endedOn: date.optional(),
});
const recordSchema = z.object({
  schoolUrn: z.string().min(1),
  timetable: timetableSchema,
  walkId: z.string().optional(),
  history: z.array(
    z.object({
      what: z.enum(['recorded', 'review', 'ended']),
      on: date,
      by: z.string(),
      byName: z.string().optional(),
      at: z.string(),
    }),
  ),
});

/** A stored record checked against its shape: whatever wrote it, a timetable that does not fit is not used. */
function parseRecord(
  record: VersionedRecord<unknown>,
): { ok: true; record: VersionedRecord<RecordedPartTimeTimetable> } | { ok: false; problem: string } {
  const parsed = recordSchema.safeParse(record.value);
  if (parsed.success) return { ok: true, record: { ...record, value: parsed.data as RecordedPartTimeTimetable } };
  const issue = parsed.error.issues[0];
  return {
    ok: false,
    problem: `part-time timetable record ${record.id} in ${PART_TIME_NAMESPACE} is not usable: ${issue.path.join('.') || 'the record'}: ${issue.message}; record it again in the bot`,
  };
}

export async function getRecordedTimetable(
  store: StateStore,
  schoolUrn: string,
  upn: string,
  start: string,
): Promise<VersionedRecord<RecordedPartTimeTimetable> | null> {
  const found = await store.getRecord(PART_TIME_NAMESPACE, partTimeRecordId(schoolUrn, { upn, start }));
  if (!found) return null;
  const parsed = parseRecord(found);
  if (!parsed.ok) throw new Error(parsed.problem);
  return parsed.record;
}

/**
 * Every recorded timetable (of one school when `schoolUrn` is given), and the records that could not be
 * read: those are left out rather than stopping the school's findings, and the caller logs them.
 */
export async function listRecordedTimetables(
  store: StateStore,
  schoolUrn?: string,
): Promise<{ records: VersionedRecord<RecordedPartTimeTimetable>[]; problems: string[] }> {
  const records: VersionedRecord<RecordedPartTimeTimetable>[] = [];
  const problems: string[] = [];
  for (const raw of await store.listRecords(PART_TIME_NAMESPACE)) {
    const parsed = parseRecord(raw);
    if (!parsed.ok) problems.push(parsed.problem);
    else if (schoolUrn === undefined || parsed.record.value.schoolUrn === schoolUrn) records.push(parsed.record);
  }
  return { records, problems };
}

/**
 * Writes a recorded timetable. `expectedVersion` is the version read (null for a new one): if someone
 * else wrote it since, the store throws `VersionConflictError` and nothing is written.
 */
export async function putRecordedTimetable(
  store: StateStore,
  record: RecordedPartTimeTimetable,
  expectedVersion: number | null,
): Promise<VersionedRecord<RecordedPartTimeTimetable>> {
  return store.putRecord(
    PART_TIME_NAMESPACE,
    partTimeRecordId(record.schoolUrn, record.timetable),
    record,
    expectedVersion,
  );
}
