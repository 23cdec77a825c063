import { type PrivacyLevel } from '../../adapters/store/stateStore.ts';
import { caseCardText, renderCaseCard } from '../../cards/meetings/caseCard.ts';
import { type PupilCase } from '../../rules/cases/pupilCase.ts';
import { formatShortDate } from '../../rules/dates/isoDate.ts';
import { type BotMessage } from '../host/featureHost.ts';
import { type SchoolData } from '../schools/schoolData.ts';
import { caseCardView } from './caseView.ts';
import { type MeetingRecord } from './meetingStore.ts';
import { todayOf, type MeetingsServices } from './meetingsServices.ts';

/** "Termly meeting Mon 24 Nov 2025: case 2 of 3" when the case is on a running meeting's list. */
export function meetingLabelFor(meeting: MeetingRecord | null, upn: string): string | undefined {
  if (!meeting || meeting.state !== 'running') return undefined;
  const i = meeting.caseOrder.indexOf(upn);
  if (i < 0) return undefined;
  return `Termly meeting ${formatShortDate(meeting.heldOn ?? meeting.agenda.asOf)}: case ${i + 1} of ${meeting.caseOrder.length}`;
}

/** A case as a message (card plus the same as text), drawn for a conversation's privacy level. */
export function caseMessage(services: MeetingsServices, school: SchoolData, c: PupilCase, privacy: PrivacyLevel, meeting: MeetingRecord | null): BotMessage {
  const view = caseCardView({ school, cache: services.cache, c, privacy, today: todayOf(services), meetingLabel: meetingLabelFor(meeting, c.upn) });
  return { text: caseCardText(view), card: renderCaseCard(view) };
}
