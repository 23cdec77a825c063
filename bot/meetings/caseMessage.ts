import { type PrivacyLevel, type StateStore } from '../../adapters/store/stateStore.ts';
import { withRefresh } from '../../cards/cardRefresh.ts';
import { caseCardText, renderCaseCard } from '../../cards/meetings/caseCard.ts';
import { caseId, formatShortDate, type PupilCase } from '../../rules/index.ts';
import { fullViewUserIds } from '../access/teamsUsers.ts';
import { type BotMessage, type ConversationInfo } from '../host/featureHost.ts';
import { type SchoolData } from '../schools/schoolData.ts';
import { caseCardView } from './caseView.ts';
import { type MeetingRecord } from './meetingStore.ts';
import { todayOf, type MeetingsServices } from './meetingsServices.ts';

/** Teams asks for a viewer's own case card with this verb (Universal Actions refresh). */
export const CASE_REFRESH_VERB = 'meetings.refreshCase';

/** "Termly meeting Mon 24 Nov 2025: case 2 of 3" when the case is on a running meeting's list. */
export function meetingLabelFor(meeting: MeetingRecord | null, upn: string): string | undefined {
  if (!meeting || meeting.state !== 'running') return undefined;
  const i = meeting.caseOrder.indexOf(upn);
  if (i < 0) return undefined;
  return `Termly meeting ${formatShortDate(meeting.heldOn ?? meeting.agenda.asOf)}: case ${i + 1} of ${meeting.caseOrder.length}`;
}

/** A case as a message (card plus the same as text), drawn at one privacy level. */
export function caseMessage(
  services: MeetingsServices,
  school: SchoolData,
  c: PupilCase,
  privacy: PrivacyLevel,
  meeting: MeetingRecord | null,
): BotMessage {
  const view = caseCardView({
    school,
    cache: services.cache,
    c,
    privacy,
    today: todayOf(services),
    meetingLabel: meetingLabelFor(meeting, c.upn),
  });
  return { text: caseCardText(view), card: renderCaseCard(view) };
}

/**
 * The case card for a conversation: in a limited channel or group chat it also names the school's staff
 * whose role allows the full view, so their clients fetch their own card with sensitive barriers shown
 * (DESIGN.md, "Children's data"); everyone else sees the limited one.
 */
export async function caseMessageFor(
  services: MeetingsServices & { store: StateStore },
  school: SchoolData,
  c: PupilCase,
  privacy: PrivacyLevel,
  meeting: MeetingRecord | null,
  conversation: ConversationInfo,
): Promise<BotMessage> {
  const message = caseMessage(services, school, c, privacy, meeting);
  if (privacy === 'full' || conversation.type === 'personal' || !message.card) return message;
  const userIds = await fullViewUserIds(services.store, school.urn);
  return {
    ...message,
    card: withRefresh(message.card, CASE_REFRESH_VERB, { caseKey: caseId(c.schoolUrn, c.upn) }, userIds),
  };
}
