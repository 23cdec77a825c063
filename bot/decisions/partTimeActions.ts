import { z } from 'zod';
import {
  getRecordedTimetable,
  putRecordedTimetable,
  type PartTimeRecordEvent,
  type RecordedPartTimeTimetable,
} from '../../adapters/store/partTimeTimetableRecords.ts';
import { VersionConflictError } from '../../adapters/store/stateStore.ts';
import { formatLongDate, isInPlaceOn, type PartTimeTimetable, type Pupil, pupilName } from '../../rules/index.ts';
import { type ActionResult, type ActionTurn, type BotMessage } from '../host/featureHost.ts';
import { type SchoolData } from '../schools/schoolData.ts';
import { PART_TIME_ROLES, type DecisionServices } from './decisionServices.ts';
import { decisionPupil, decisionSchool } from './decisionTargets.ts';
import { partTimeDecisionFor } from './partTimeWalkthrough.ts';
import { partTimeRecordMessage } from './partTimeRecordView.ts';
import { applyTransition, audit, cardRef, id, isoDate, onWalk, STALE_CARD } from './walkActionSupport.ts';
import { recordDecision, type WhoWhen } from './walkMachine.ts';
import { asResult, currentCard, pupilWalkRefusal, whoWhen } from './walkSession.ts';
import { type Access } from '../access/access.ts';

const blankAsAbsent = (v: unknown) => (v === '' || v === null ? undefined : v);
const optionalDate = z.preprocess(blankAsAbsent, isoDate.optional());
const timetableRef = z.object({ schoolUrn: id, upn: id, start: isoDate });
const reviewData = timetableRef.extend({
  reviewOn: optionalDate,
  extendedTo: optionalDate,
  nextReview: optionalDate,
});
const endData = timetableRef.extend({ endedOn: optionalDate });

const NOT_MAY_RECORD = (school: SchoolData) =>
  `Only the head, the attendance lead or the designated safeguarding lead at ${school.name} can record a part-time timetable, its reviews or its end.`;

function mayRecord(access: Access): boolean {
  return access.role !== undefined && access.role !== null && PART_TIME_ROLES.has(access.role);
}

/** "Record the timetable" on a lawful conclusion: saved in the store, and the school's findings follow at once. */
export function recordPartTimeAction(services: DecisionServices) {
  return onWalk(
    services,
    cardRef,
    () => STALE_CARD,
    async (walk, _ref, turn) => {
      const state = walk.record.value;
      if (state.kind !== 'part-time' || !state.pupil || !walk.context.pupil) return { message: STALE_CARD };
      if (!mayRecord(walk.access)) return { message: NOT_MAY_RECORD(walk.school) };
      if (state.status !== 'concluded' || !state.conclusion)
        return currentCard(services, walk, state, [
          state.status === 'decided' ? 'This timetable is already recorded.' : 'Finish the walk-through first.',
        ]);
      const decision = partTimeDecisionFor(state.answers, walk.context);
      if (!decision.timetable)
        return currentCard(services, walk, state, ['This timetable is not lawful, so it cannot be recorded.']);
      const by = whoWhen(services, turn);
      const timetable = decision.timetable;
      const record: RecordedPartTimeTimetable = {
        schoolUrn: walk.school.urn,
        timetable,
        walkId: state.id,
        history: [event('recorded', by.at.slice(0, 10), by)],
      };
      try {
        await putRecordedTimetable(services.store, record, null);
      } catch (err) {
        if (!(err instanceof VersionConflictError)) throw err;
        return currentCard(services, walk, state, [
          `A part-time timetable starting ${formatLongDate(timetable.start)} is already recorded for this pupil: record a review or its end on it instead.`,
        ]);
      }
      services.recordedTimetables.put(walk.school, timetable);
      const saved = await applyTransition(
        services,
        walk,
        recordDecision(state, { choice: 'timetable-recorded' }, { ...by, role: walk.access.role! }),
      );
      if (!saved.ok) return saved.result;
      await audit(services, saved.state, by.who, by.at, 'decision.recorded', {
        choice: 'timetable-recorded',
        start: timetable.start,
        outcome: decision.outcome,
      });
      services.log('decisions.recorded', { walk: state.id, kind: state.kind, choice: 'timetable-recorded' });
      return asResult(
        partTimeRecordMessage({
          school: walk.school,
          today: services.today(walk.school),
          pupil: walk.context.pupil,
          timetable,
          record,
          mayRecord: true,
        }),
      );
    },
  );
}

function event(what: PartTimeRecordEvent['what'], on: string, by: WhoWhen): PartTimeRecordEvent {
  return { what, on, by: by.who, ...(by.name ? { byName: by.name } : {}), at: by.at };
}

interface OpenTimetable {
  school: SchoolData;
  /** The bot's day at the school. */
  today: string;
  pupil: Pupil;
  access: Access;
  timetable: PartTimeTimetable;
  record: Awaited<ReturnType<typeof getRecordedTimetable>>;
}

/** The timetable a record card names, checked afresh on every press: the school, the presser's access, the pupil. */
async function openTimetable(
  services: DecisionServices,
  turn: ActionTurn,
  ref: z.infer<typeof timetableRef>,
): Promise<{ ok: true; open: OpenTimetable } | { ok: false; result: ActionResult }> {
  const target = await decisionSchool(services, turn.conversation, turn.user, ref.schoolUrn);
  if (!target.ok) return { ok: false, result: { message: target.reply } };
  const refusal = pupilWalkRefusal(target.access, target.school);
  if (refusal) return { ok: false, result: { message: refusal } };
  const pupil = decisionPupil(target.school, ref.upn);
  if (!pupil.ok) return { ok: false, result: { message: pupil.reply } };
  services.recordedTimetables.applyTo(target.school);
  const timetable = (target.school.register.partTimeTimetables ?? []).find(
    (t) => t.upn === ref.upn && t.start === ref.start,
  );
  if (!timetable) return { ok: false, result: { message: STALE_CARD } };
  const record = await getRecordedTimetable(services.store, target.school.urn, ref.upn, ref.start);
  return {
    ok: true,
    open: {
      school: target.school,
      today: services.today(target.school),
      pupil: pupil.pupil,
      access: target.access,
      timetable,
      record,
    },
  };
}

function recordCard(open: OpenTimetable, problems?: string[]): ActionResult {
  return asResult(
    partTimeRecordMessage({
      school: open.school,
      today: open.today,
      pupil: open.pupil,
      timetable: open.timetable,
      record: open.record?.value ?? null,
      mayRecord: mayRecord(open.access),
      problems,
    }),
  );
}

/** Opens a part-time timetable's record card (from a list, an alert or a pupil's card). */
export function showPartTimeAction(services: DecisionServices) {
  return async (turn: ActionTurn): Promise<ActionResult> => {
    const parsed = timetableRef.safeParse(turn.data);
    if (!parsed.success) return { message: STALE_CARD };
    const opened = await openTimetable(services, turn, parsed.data);
    if (!opened.ok) return opened.result;
    await services.store.appendAudit({
      at: services.now().toISOString(),
      who: whoWhen(services, turn).who,
      what: 'partTime.viewed',
      schoolUrn: opened.open.school.urn,
      upn: opened.open.pupil.upn,
      detail: { start: parsed.data.start },
    });
    return recordCard(opened.open);
  };
}

/**
 * Saves a change to a timetable: over its record in the store if it has one, else as the first record of a
 * timetable the register export holds (which the record then replaces). Two presses at once: the second
 * is told and shown the timetable as it now stands.
 */
async function saveChange(
  services: DecisionServices,
  open: OpenTimetable,
  changed: PartTimeTimetable,
  happened: PartTimeRecordEvent,
  auditWhat: string,
  detail: Record<string, string>,
): Promise<ActionResult> {
  const value: RecordedPartTimeTimetable = open.record
    ? { ...open.record.value, timetable: changed, history: [...open.record.value.history, happened] }
    : { schoolUrn: open.school.urn, timetable: changed, history: [happened] };
  try {
    await putRecordedTimetable(services.store, value, open.record?.version ?? null);
  } catch (err) {
    if (!(err instanceof VersionConflictError)) throw err;
    return recordCard(open, [
      'Someone else updated this timetable at the same moment; check it and record again if needed.',
    ]);
  }
  services.recordedTimetables.put(open.school, changed);
  await services.store.appendAudit({
    at: happened.at,
    who: happened.by,
    what: auditWhat,
    schoolUrn: open.school.urn,
    upn: changed.upn,
    detail: { start: changed.start, ...detail },
  });
  services.log(auditWhat, { school: open.school.urn });
  return recordCard({ ...open, timetable: changed, record: { id: '', version: 0, value } });
}

/** A review held: its date, any extension it agreed, and the next review date. */
export function partTimeReviewAction(services: DecisionServices) {
  return async (turn: ActionTurn): Promise<ActionResult> => {
    const parsed = reviewData.safeParse(turn.data);
    if (!parsed.success) return { message: `The review needs dates: ${parsed.error.issues[0].message}` };
    const opened = await openTimetable(services, turn, parsed.data);
    if (!opened.ok) return opened.result;
    const open = opened.open;
    if (!mayRecord(open.access)) return { message: NOT_MAY_RECORD(open.school) };
    const { reviewOn, extendedTo, nextReview } = parsed.data;
    const t = open.timetable;
    const today = services.today(open.school);
    const problem =
      t.endedOn !== undefined
        ? 'This timetable has ended: a review is no longer needed.'
        : reviewOn === undefined
          ? 'Give the date the review was held.'
          : reviewOn < t.start
            ? `The review date is before the timetable started (${formatLongDate(t.start)}).`
            : reviewOn > today
              ? `Record the review once it has been held: ${formatLongDate(reviewOn)} is after today (${formatLongDate(today)}).`
              : extendedTo !== undefined && extendedTo < reviewOn
                ? 'An extension must run to a date on or after the review.'
                : nextReview !== undefined && nextReview <= reviewOn
                  ? 'The next review must be after this one.'
                  : undefined;
    if (problem) return recordCard(open, [problem]);
    const on = reviewOn!;
    const reviews = [...t.reviews.filter((r) => r.on !== on), extendedTo ? { on, extendedTo } : { on }].sort((a, b) =>
      a.on < b.on ? -1 : 1,
    );
    // Without a new date, a review date already passed is cleared, so the findings ask for the next one.
    const next = nextReview ?? (t.nextReview !== undefined && t.nextReview > on ? t.nextReview : undefined);
    const { nextReview: _old, ...rest } = t;
    const changed: PartTimeTimetable = { ...rest, reviews, ...(next ? { nextReview: next } : {}) };
    return saveChange(services, open, changed, event('review', on, whoWhen(services, turn)), 'partTime.reviewed', {
      on,
      ...(extendedTo ? { extendedTo } : {}),
      ...(next ? { nextReview: next } : {}),
    });
  };
}

/** The pupil back full time: the last day on the timetable. */
export function partTimeEndAction(services: DecisionServices) {
  return async (turn: ActionTurn): Promise<ActionResult> => {
    const parsed = endData.safeParse(turn.data);
    if (!parsed.success) return { message: `The end needs a date: ${parsed.error.issues[0].message}` };
    const opened = await openTimetable(services, turn, parsed.data);
    if (!opened.ok) return opened.result;
    const open = opened.open;
    if (!mayRecord(open.access)) return { message: NOT_MAY_RECORD(open.school) };
    const { endedOn } = parsed.data;
    const t = open.timetable;
    const problem =
      t.endedOn !== undefined
        ? `This timetable already ended after ${formatLongDate(t.endedOn)}.`
        : endedOn === undefined
          ? 'Give the last day on the part-time timetable.'
          : endedOn < t.start
            ? `That is before the timetable started (${formatLongDate(t.start)}).`
            : undefined;
    if (problem) return recordCard(open, [problem]);
    const changed: PartTimeTimetable = { ...t, endedOn: endedOn! };
    return saveChange(services, open, changed, event('ended', endedOn!, whoWhen(services, turn)), 'partTime.ended', {
      endedOn: endedOn!,
    });
  };
}

/**
 * "show the part-time timetable for <pupil>": the pupil's timetable in place (else the latest) as its
 * record card, where a review held or the end can be recorded. Audited as a view of the pupil's detail.
 */
export async function showPartTimeForPupil(
  services: DecisionServices,
  turn: { conversation: ActionTurn['conversation']; user: ActionTurn['user'] },
  target: { school: SchoolData; access: Access },
  pupil: Pupil,
): Promise<BotMessage> {
  services.recordedTimetables.applyTo(target.school);
  const own = (target.school.register.partTimeTimetables ?? [])
    .filter((t) => t.upn === pupil.upn)
    .sort((a, b) => (a.start < b.start ? 1 : -1));
  const timetable = own.find((t) => isInPlaceOn(t, services.today(target.school))) ?? own[0];
  if (!timetable)
    return {
      text: `No part-time timetable is on record for ${pupilName(pupil)}. To record one, say "record a part-time timetable for ${pupilName(pupil)}".`,
    };
  const record = await getRecordedTimetable(services.store, target.school.urn, pupil.upn, timetable.start);
  await services.store.appendAudit({
    at: services.now().toISOString(),
    who: whoWhen(services, turn).who,
    what: 'partTime.viewed',
    schoolUrn: target.school.urn,
    upn: pupil.upn,
    detail: { start: timetable.start },
  });
  return partTimeRecordMessage({
    school: target.school,
    today: services.today(target.school),
    pupil,
    timetable,
    record: record?.value ?? null,
    mayRecord: mayRecord(target.access),
  });
}
