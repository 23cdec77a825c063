import { type PupilCase } from '../../rules/index.ts';
import { type ConversationRef, type ProactiveSender } from '../host/featureHost.ts';
import { type SchoolData } from '../schools/schoolData.ts';
import { caseMessageFor } from './caseMessage.ts';
import { runningMeetingsShowing } from './meetingStore.ts';
import { type MeetingsServices } from './meetingsServices.ts';

/**
 * After a case changes from anywhere other than its meeting card (a personal chat, "case <pupil>" posted
 * again, "actions for me"), redraws the card each running meeting shows for it, so the meeting sees the
 * latest state. The pressed card itself is replaced by the action's answer, so it is skipped. A failed
 * update is logged (by ids) and never fails the action: the next change redraws it again.
 */
export async function redrawMeetingCards(
  services: MeetingsServices,
  proactive: ProactiveSender,
  school: SchoolData,
  c: PupilCase,
  pressedActivityId: string | undefined,
): Promise<number> {
  let redrawn = 0;
  for (const meeting of await runningMeetingsShowing(services.store, school.urn, c.upn)) {
    const activityId = meeting.cardActivities[c.upn];
    if (activityId === pressedActivityId) continue;
    const conversation = await services.store.getConversation(meeting.conversationId);
    if (!conversation) continue;
    const binding = await services.store.getBinding(meeting.conversationId);
    const privacy = binding?.schoolUrn === school.urn && binding.privacy === 'full' ? 'full' : 'limited';
    const message = await caseMessageFor(services, school, c, privacy, meeting, {
      id: meeting.conversationId,
      type: conversation.scope,
    });
    try {
      await proactive.update(conversation.reference as ConversationRef, activityId, message);
      redrawn++;
    } catch (err) {
      services.log('meetings.redraw-failed', { meeting: meeting.id, error: (err as Error).name });
    }
  }
  return redrawn;
}
