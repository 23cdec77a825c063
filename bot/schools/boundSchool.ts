import { type ConversationBinding, type StateStore } from '../../adapters/store/stateStore.ts';
import { type SchoolData } from './schoolData.ts';

/** What a conversation-level command says when the conversation has no school yet. */
export const LINK_SCHOOL_FIRST = 'Link this conversation to a school first ("link school" and a URN).';

/**
 * The school a conversation is bound to, with its binding, or null when it is unbound or bound to a school
 * no longer loaded (a bundle removed since the binding was made). Commands that change a conversation's
 * settings start here.
 */
export async function boundSchool(
  services: { store: Pick<StateStore, 'getBinding'>; schools: readonly SchoolData[] },
  conversationId: string,
): Promise<{ binding: ConversationBinding; school: SchoolData } | null> {
  const binding = await services.store.getBinding(conversationId);
  const school = binding && services.schools.find((s) => s.urn === binding.schoolUrn);
  return binding && school ? { binding, school } : null;
}
