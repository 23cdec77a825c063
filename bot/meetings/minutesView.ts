import { type MinutesCardView } from '../../cards/meetings/minutesCard.ts';
import { ACTION_PARTY_LABELS } from '../../rules/cases/pupilCase.ts';
import { formatShortDate } from '../../rules/dates/isoDate.ts';
import { yearLabel } from '../queries/describeView.ts';
import { type SchoolData } from '../schools/schoolData.ts';
import { type MeetingRecord } from './meetingStore.ts';

/** The stored minutes as the card and message show them. */
export function minutesCardView(meeting: MeetingRecord, school: SchoolData): MinutesCardView {
  const minutes = meeting.minutes!;
  return {
    title: `Minutes: termly targeting support meeting, ${school.name}, ${formatShortDate(minutes.heldOn)}`,
    attendees: minutes.attendees.map((a) => a.name).join(', ') || 'nobody recorded',
    caseCount: String(minutes.cases.length),
    cases: minutes.cases.map((c) => ({
      pupil: `${c.pupilName} (${yearLabel(c.yearGroup)})`,
      stage: c.stage,
      reviewText: c.nextReview ? `; next review ${formatShortDate(c.nextReview)}` : '',
      outcome: (c.outcome.length > 0 ? c.outcome : ['Discussed; no change recorded']).map((line) => ({ line })),
    })),
    owners: minutes.actionsByOwner.map((o) => ({
      owner: o.owner,
      actions: o.actions.map((a) => ({ line: `${a.pupilName}: ${a.what} (${ACTION_PARTY_LABELS[a.party]}), by ${formatShortDate(a.due)}` })),
    })),
    footer: 'Stored with the school’s cases: the next agenda starts from these actions. Say "actions for me" to see yours.',
  };
}
