import { hasFullViewRole, type Access } from '../access/access.ts';
import { type ConversationInfo, type UserInfo } from '../host/featureHost.ts';
import { type SchoolData, schoolLabel } from '../schools/schoolData.ts';
import { otherSchoolRefusal } from '../schools/crossSchool.ts';
import { type QueryServices } from './queryServices.ts';

/** The schools a question is about, each with what the asker may see there. */
export interface ScopedSchool {
  school: SchoolData;
  access: Access;
}

export type SchoolScope = { ok: true; schools: ScopedSchool[]; acrossSchools: boolean } | { ok: false; reply: string };

function normalise(text: string): string {
  return text
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, ' ')
    .trim();
}

/** A school by URN or by (part of) its name; several matches count as none, so nobody gets the wrong school. */
export function findSchool(schools: readonly SchoolData[], named: string): SchoolData | undefined {
  const wanted = normalise(named);
  const byUrn = schools.find((s) => s.urn === wanted);
  if (byUrn) return byUrn;
  const exact = schools.filter((s) => normalise(s.name) === wanted);
  if (exact.length === 1) return exact[0];
  const partial = schools.filter((s) => normalise(s.name).includes(wanted) || wanted.includes(normalise(s.name)));
  return partial.length === 1 ? partial[0] : undefined;
}

export function schoolList(schools: readonly SchoolData[]): string {
  return schools.map((s) => schoolLabel(s)).join('; ');
}

/**
 * Settles which schools a question is about: a school named in the question, else the conversation's bound
 * school, else the only school loaded (binding the conversation to it, even one the bot never saw
 * installed), else, in a personal chat, every school for an LA officer assigned to all schools. Then keeps
 * only the schools where the asker has a role: roles are checked on every question, not at binding time.
 */
export async function resolveSchoolScope(
  services: QueryServices,
  conversation: ConversationInfo,
  user: UserInfo,
  named?: string,
): Promise<SchoolScope> {
  const { schools, store } = services;
  let chosen: SchoolData[];
  let acrossSchools = false;
  if (named) {
    const found = findSchool(schools, named);
    if (!found)
      return {
        ok: false,
        reply: `I don't know a school called "${named}". The schools I hold are: ${schoolList(schools)}.`,
      };
    const refusal = await otherSchoolRefusal(services, conversation, found);
    if (refusal) return { ok: false, reply: refusal };
    chosen = [found];
  } else {
    const binding = await store.getBinding(conversation.id);
    const bound = binding && schools.find((s) => s.urn === binding.schoolUrn);
    if (bound) chosen = [bound];
    else if (schools.length === 1) {
      await store.putBinding({
        conversationId: conversation.id,
        schoolUrn: schools[0].urn,
        privacy: 'limited',
        alertsOff: [],
        boundAt: new Date().toISOString(),
        boundBy: 'system:single-school',
      });
      services.log('binding.auto', { conversation: conversation.id, school: schools[0].urn });
      chosen = [schools[0]];
    } else if (conversation.type === 'personal' && (await services.access.isCrossSchoolOfficer(user))) {
      chosen = [...schools];
      acrossSchools = true;
    } else {
      return {
        ok: false,
        reply: `This conversation is not linked to a school yet. Say "link school" and the school's URN, or name the school in the question ("... at Oakfield"). The schools I hold are: ${schoolList(schools)}.`,
      };
    }
  }
  const scoped: ScopedSchool[] = [];
  for (const school of chosen) {
    const access = await services.access.access(school.urn, user, conversation);
    if (access.canQuery) scoped.push({ school, access });
  }
  if (scoped.length === 0) {
    const names = chosen.length === 1 ? chosen[0].name : 'any of these schools';
    return {
      ok: false,
      reply: `You don't have a role at ${names}, so I can't answer about its pupils. Ask the head or attendance lead to add you.`,
    };
  }
  return { ok: true, schools: scoped, acrossSchools };
}

/**
 * The same schools as the person themselves may see them: the full view wherever their role allows it.
 * Only for answers that go to that person alone (a card refresh), never to a whole conversation.
 */
export function viewerOwnScope(schools: readonly ScopedSchool[]): ScopedSchool[] {
  return schools.map((s) =>
    hasFullViewRole(s.access.role) ? { ...s, access: { ...s.access, privacy: 'full' as const } } : s,
  );
}
