import { withRefresh } from '../../cards/cardRefresh.ts';
import { fullViewUserIds } from '../access/teamsUsers.ts';
import { type BotMessage, type ConversationInfo } from '../host/featureHost.ts';
import { type QueryServices } from './queryServices.ts';
import { type ScopedSchool } from './schoolScope.ts';

export const REFRESH_VERB = 'queries.refresh';

/**
 * A card sent to a channel or group chat in the limited view carries a refresh naming the school's staff
 * whose role allows the full view (those the bot has met): their Teams clients fetch their own fuller
 * card, everyone else keeps the limited one (DESIGN.md, "Children's data"). The refresh answer is checked
 * against the viewer's role again when it arrives.
 */
export async function refreshForAuthorisedViewers(
  services: QueryServices,
  message: BotMessage,
  request: { schools: readonly ScopedSchool[]; conversation: ConversationInfo },
  data: Record<string, unknown>,
): Promise<BotMessage> {
  if (!message.card || request.conversation.type === 'personal' || request.schools.length !== 1) return message;
  const [{ school }] = request.schools;
  const binding = await services.store.getBinding(request.conversation.id);
  // A safeguarding channel already shows everyone the full view.
  if (binding?.schoolUrn === school.urn && binding.privacy === 'full') return message;
  const userIds = await fullViewUserIds(services.store, school.urn);
  return { ...message, card: withRefresh(message.card, REFRESH_VERB, data, userIds) };
}
