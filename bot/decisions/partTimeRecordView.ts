import { partTimeRecordCard } from '../../cards/decisions/partTimeRecordCard.ts';
import { formatInstant } from '../../cards/formatInstant.ts';
import {
  type PartTimeRecordEvent,
  type RecordedPartTimeTimetable,
} from '../../adapters/store/partTimeTimetableRecords.ts';
import {
  effectiveEnd,
  formatLongDate,
  type PartTimeTimetable,
  type Pupil,
  pupilName,
  weeklySessionWords,
} from '../../rules/index.ts';
import { type BotMessage } from '../host/featureHost.ts';
import { type SchoolData } from '../schools/schoolData.ts';

const dateOr = (date: string | undefined, none: string) => (date ? formatLongDate(date) : none);

function eventLine(e: PartTimeRecordEvent): string {
  const who = `${e.byName ?? e.by}, ${formatInstant(e.at)}`;
  if (e.what === 'recorded') return `Recorded by ${who}.`;
  if (e.what === 'review') return `Review on ${formatLongDate(e.on)} recorded by ${who}.`;
  return `Back full time after ${formatLongDate(e.on)}: recorded by ${who}.`;
}

/**
 * A part-time timetable as a card: its terms, the reviews held and who recorded what, and (while it is in
 * place, for someone who may record) forms for a review held and the pupil back full time. Shown only where
 * walk-throughs are (full view): the plan and the social worker's part are family and medical detail.
 */
export function partTimeRecordMessage(options: {
  school: SchoolData;
  /** The bot's day at the school, for "its end date has passed". */
  today: string;
  pupil: Pupil;
  timetable: PartTimeTimetable;
  record: RecordedPartTimeTimetable | null;
  mayRecord: boolean;
  problems?: string[];
}): BotMessage {
  const { school, pupil, timetable: t, record } = options;
  const end = effectiveEnd(t);
  const status = t.endedOn
    ? `Ended: back full time after ${formatLongDate(t.endedOn)}.`
    : `In place: ends ${formatLongDate(end)}${end < options.today ? ', which has passed: review it or record the pupil back full time' : ''}.`;
  const facts = [
    { title: 'Started', value: formatLongDate(t.start) },
    { title: 'Proposed end', value: formatLongDate(t.proposedEnd) },
    ...(end !== t.proposedEnd ? [{ title: 'Extended to', value: formatLongDate(end) }] : []),
    { title: 'Sessions off each week', value: t.sessionsOff.map(weeklySessionWords).join(', ') || 'None recorded' },
    { title: 'Plan', value: t.plan ?? 'None named' },
    { title: 'School agreed', value: dateOr(t.schoolAgreedOn, 'Not recorded') },
    { title: 'Parent agreed', value: dateOr(t.parentAgreedOn, 'Not recorded') },
    { title: 'Next review', value: dateOr(t.nextReview, 'None set') },
    ...(pupil.socialWorker || pupil.lookedAfter
      ? [{ title: 'Social worker told', value: dateOr(t.socialWorkerToldOn, 'Not recorded') }]
      : []),
    ...(pupil.sen === 'ehcp'
      ? [{ title: 'Local authority consulted', value: dateOr(t.localAuthorityToldOn, 'Not recorded') }]
      : []),
  ];
  return partTimeRecordCard({
    title: `Part-time timetable: ${pupilName(pupil)}, Year ${pupil.yearGroup}`,
    subtitle: `${school.name}, as of ${formatLongDate(school.asOf)}`,
    problems: options.problems ?? [],
    status,
    facts,
    reviews: [...t.reviews]
      .sort((a, b) => (a.on < b.on ? -1 : 1))
      .map((r) => `${formatLongDate(r.on)}${r.extendedTo ? `: extended to ${formatLongDate(r.extendedTo)}` : ''}`),
    history: record
      ? record.history.map(eventLine)
      : ['From the school’s register export: nothing recorded in the bot yet.'],
    canUpdate: options.mayRecord && !t.endedOn,
    schoolUrn: school.urn,
    upn: t.upn,
    start: t.start,
  });
}
