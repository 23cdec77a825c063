import { type StateStore } from '../../adapters/store/stateStore.ts';
import { type ConversationInfo } from '../host/featureHost.ts';
import { type SchoolData } from './schoolData.ts';

/**
 * Why a conversation may not be shown `school`'s pupils, or null when it may. A channel or group chat
 * linked to one school is read by that school's people: naming another school there (an LA officer who
 * works with both, say) must not post the other school's pupils into it. A personal chat is read by the
 * asker alone, so there the asker's own role at the named school decides, as everywhere.
 */
export async function otherSchoolRefusal(
  services: { store: Pick<StateStore, 'getBinding'>; schools: readonly SchoolData[] },
  conversation: ConversationInfo,
  school: SchoolData,
): Promise<string | null> {
  if (conversation.type === 'personal') return null;
  const binding = await services.store.getBinding(conversation.id);
  if (!binding || binding.schoolUrn === school.urn) return null;
  const bound = services.schools.find((s) => s.urn === binding.schoolUrn);
  const here = conversation.type === 'channel' ? 'This channel' : 'This chat';
  return `${here} is linked to ${bound?.name ?? 'another school'}, so I won't show ${school.name}'s pupils here. Ask about ${school.name} in a personal chat with me, or in a channel linked to it.`;
}
