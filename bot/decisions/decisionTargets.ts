import { type Pupil, pupilName } from '../../rules/index.ts';
import { type Access } from '../access/access.ts';
import { type ConversationInfo, type UserInfo } from '../host/featureHost.ts';
import { findSchool } from '../queries/schoolScope.ts';
import { otherSchoolRefusal } from '../schools/crossSchool.ts';
import { type SchoolData } from '../schools/schoolData.ts';
import { type DecisionServices } from './decisionServices.ts';
import { type WalkPupil } from './walkthrough.ts';

export type SchoolTarget = { ok: true; school: SchoolData; access: Access } | { ok: false; reply: string };

/**
 * The school a decision is made at: the one named in the message (in a personal chat any school the
 * asker's role covers; elsewhere only the conversation's own), else the conversation's bound school, else
 * the only school loaded. Roles and privacy are read afresh on every message and action.
 */
export async function decisionSchool(
  services: DecisionServices,
  conversation: ConversationInfo,
  user: UserInfo,
  urn?: string,
  named?: SchoolData,
): Promise<SchoolTarget> {
  let school: SchoolData | undefined;
  if (urn) school = services.schools.find((s) => s.urn === urn);
  else if (named) {
    const refusal = await otherSchoolRefusal(services, conversation, named);
    if (refusal) return { ok: false, reply: refusal };
    school = named;
  } else {
    const binding = await services.store.getBinding(conversation.id);
    school = binding
      ? services.schools.find((s) => s.urn === binding.schoolUrn)
      : services.schools.length === 1
        ? services.schools[0]
        : undefined;
  }
  if (!school)
    return {
      ok: false,
      reply: urn
        ? `I no longer hold the school with URN ${urn}.`
        : 'This conversation is not linked to a school yet: say "link school" and the URN first, then ask again.',
    };
  return { ok: true, school, access: await services.access.access(school.urn, user, conversation) };
}

/**
 * A school named at the end of what was typed ("Amy Smith at Oakfield", "at 100001"), by URN or name as
 * "link school" takes them, and the rest. Only a school the bot holds counts, so a pupil whose name holds
 * " at " or " in " is not cut short.
 */
export function namedSchoolIn(
  schools: readonly SchoolData[],
  typed: string,
): { rest: string; school: SchoolData } | null {
  for (const m of typed.matchAll(/(?:^|\s)(?:at|in|for)\s+/gi)) {
    const school = findSchool(schools, typed.slice(m.index + m[0].length));
    if (school) return { rest: typed.slice(0, m.index).trim(), school };
  }
  return null;
}

const words = (text: string) =>
  text
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .split(/[^a-z0-9']+/)
    .filter((w) => w !== '');

export type PupilTarget = { ok: true; index: number; pupil: Pupil } | { ok: false; reply: string };

/**
 * One pupil from what was typed: a UPN, the full name, or name starts ("amy s"). Several matches are not
 * guessed between: the reply lists them (name and year group only) so the asker can use the UPN.
 */
export function decisionPupil(school: SchoolData, typed: string): PupilTarget {
  const pupils = school.register.pupils;
  const upn = typed.trim().toUpperCase();
  const byUpn = pupils.findIndex((p) => p.upn === upn);
  if (byUpn >= 0) return { ok: true, index: byUpn, pupil: pupils[byUpn] };
  const wanted = words(typed);
  if (wanted.length === 0) return { ok: false, reply: 'Which pupil? Give their name or UPN.' };
  const names = pupils.map((p) => words(pupilName(p)));
  let found = names.flatMap((n, i) => (n.join(' ') === wanted.join(' ') ? [i] : []));
  if (found.length === 0)
    found = names.flatMap((n, i) => (wanted.every((w) => n.some((part) => part.startsWith(w))) ? [i] : []));
  if (found.length === 1) return { ok: true, index: found[0], pupil: pupils[found[0]] };
  if (found.length === 0)
    return { ok: false, reply: `I can't find a pupil called "${typed.trim()}" at ${school.name}.` };
  const listed = found
    .slice(0, 10)
    .map((i) => `${pupilName(pupils[i])}, Year ${pupils[i].yearGroup} (UPN ${pupils[i].upn})`);
  return {
    ok: false,
    reply: `"${typed.trim()}" matches ${found.length} pupils: ${listed.join('; ')}. Ask again with the UPN.`,
  };
}

export function walkPupil(pupil: Pupil): WalkPupil {
  return { upn: pupil.upn, label: `${pupilName(pupil)}, Year ${pupil.yearGroup}` };
}
