import { otherSchoolRefusal } from '../schools/crossSchool.ts';
import { type PrivacyLevel, type SchoolRole } from '../../adapters/store/stateStore.ts';
import { type CaseActor } from '../../rules/index.ts';
import { userKey } from '../access/access.ts';
import { type ConversationInfo, type UserInfo } from '../host/featureHost.ts';
import { findSchool, schoolList } from '../queries/schoolScope.ts';
import { type SchoolData } from '../schools/schoolData.ts';
import { type MeetingsServices } from './meetingsServices.ts';

/** The school a meetings command is about, with what the person may see there. */
export type MeetingScope =
  { ok: true; school: SchoolData; privacy: PrivacyLevel; role: SchoolRole } | { ok: false; reply: string };

/** Roles that may prepare, start and end a meeting and move a case's stage (an LA officer chairs 002's meetings). */
export const CHAIR_ROLES: ReadonlySet<SchoolRole> = new Set([
  'attendance-lead',
  'designated-safeguarding-lead',
  'head',
  'la-officer',
]);

/**
 * A school named in the command, else the conversation's bound school, else the only school loaded; then
 * the person's role there, checked on every command and action, never cached.
 */
export async function meetingScope(
  services: MeetingsServices,
  conversation: ConversationInfo,
  user: UserInfo,
  named?: string,
): Promise<MeetingScope> {
  let school: SchoolData | undefined;
  if (named) {
    school = findSchool(services.schools, named);
    if (!school)
      return {
        ok: false,
        reply: `I don't know a school called "${named}". The schools I hold are: ${schoolList(services.schools)}.`,
      };
    const refusal = await otherSchoolRefusal(services, conversation, school);
    if (refusal) return { ok: false, reply: refusal };
  } else {
    const binding = await services.store.getBinding(conversation.id);
    school =
      (binding && services.schools.find((s) => s.urn === binding.schoolUrn)) ||
      (services.schools.length === 1 ? services.schools[0] : undefined);
    if (!school)
      return {
        ok: false,
        reply: `This conversation is not linked to a school. Name it ("... for Oakfield") or say "link school" and a URN. The schools I hold are: ${schoolList(services.schools)}.`,
      };
  }
  return scopeFor(services, school, conversation, user);
}

export async function scopeFor(
  services: MeetingsServices,
  school: SchoolData,
  conversation: ConversationInfo,
  user: UserInfo,
): Promise<MeetingScope> {
  const access = await services.access.access(school.urn, user, conversation);
  if (!access.role)
    return {
      ok: false,
      reply: `You don't have a role at ${school.name}, so I can't show or change its cases. Ask the head or attendance lead to add you.`,
    };
  return { ok: true, school, privacy: access.privacy, role: access.role };
}

/** The person as cases and minutes record them. Teams gives a display name; the id is what audit keys on. */
export function actorOf(user: UserInfo): CaseActor {
  return { id: userKey(user), name: user.name?.trim() || 'Unknown user' };
}
