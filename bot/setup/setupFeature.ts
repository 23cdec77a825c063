import { type StateStore } from '../../adapters/store/stateStore.ts';
import { userKey, type AccessControl } from '../access/access.ts';
import { rememberTeamsUser } from '../access/teamsUsers.ts';
import { type FeatureModule, type MessageTurn } from '../host/featureHost.ts';
import { type Log } from '../log.ts';
import { findSchool, schoolList } from '../queries/schoolScope.ts';
import { type SchoolData, schoolLabel } from '../schools/schoolData.ts';
import { boundSchool, LINK_SCHOOL_FIRST } from '../schools/boundSchool.ts';

export interface SetupServices {
  schools: readonly SchoolData[];
  store: StateStore;
  access: AccessControl;
  log: Log;
}

/**
 * Conversation set-up commands: which school a channel or chat speaks for, and whether it is the school's
 * safeguarding channel (full view). Registered before the question catch-all, and anchored, so "link
 * school 123456" is never read as a question.
 */
export function setupFeature(services: SetupServices): FeatureModule {
  return {
    name: 'setup',
    register(host) {
      // Remember who people are on Teams so cards can offer them their own fuller view (refresh.userIds).
      const met =
        <T extends unknown[]>(handle: (turn: MessageTurn, ...rest: T) => Promise<void>) =>
        async (turn: MessageTurn, ...rest: T) => {
          await rememberTeamsUser(services.store, turn.user);
          await handle(turn, ...rest);
        };
      host.onMessage(
        /^link(?: to)?(?: this (?:channel|chat) to)? school\s+(\S(?:.*\S)?)\s*$/i,
        met((turn, match: RegExpMatchArray) => linkSchool(services, turn, match[1])),
      );
      host.onMessage(
        /^(?:which|what) school(?: is this)?\s*\??$/i,
        met((turn) => whichSchool(services, turn)),
      );
      host.onMessage(
        /^privacy\s+(full|limited)\s*$/i,
        met((turn, match: RegExpMatchArray) =>
          setPrivacy(services, turn, match[1].toLowerCase() as 'full' | 'limited'),
        ),
      );
    },
  };
}

async function linkSchool(services: SetupServices, turn: MessageTurn, named: string): Promise<void> {
  const school = findSchool(services.schools, named);
  if (!school) {
    await turn.reply(
      `I don't hold a school with URN or name "${named}". The schools I hold are: ${schoolList(services.schools)}.`,
    );
    return;
  }
  const access = await services.access.access(school.urn, turn.user, turn.conversation);
  if (!access.canLink) {
    await turn.reply(
      `Only the head, attendance lead, designated safeguarding lead or an LA officer at ${school.name} can link a conversation to it.`,
    );
    return;
  }
  const existing = await services.store.getBinding(turn.conversation.id);
  const sameSchool = existing?.schoolUrn === school.urn;
  await services.store.putBinding({
    conversationId: turn.conversation.id,
    schoolUrn: school.urn,
    // A new school starts limited: a safeguarding channel for one school is not one for another.
    privacy: sameSchool ? existing.privacy : 'limited',
    alertsOff: sameSchool ? existing.alertsOff : [],
    boundAt: new Date().toISOString(),
    boundBy: userKey(turn.user),
  });
  await services.store.appendAudit({
    at: new Date().toISOString(),
    who: userKey(turn.user),
    what: 'conversation.link',
    schoolUrn: school.urn,
    detail: { conversation: turn.conversation.id },
  });
  services.log('binding.set', { conversation: turn.conversation.id, school: school.urn });
  await turn.reply(
    `This conversation now answers for ${schoolLabel(school)}, under the ${school.policy.name} policy profile.`,
  );
}

async function whichSchool(services: SetupServices, turn: MessageTurn): Promise<void> {
  const binding = await services.store.getBinding(turn.conversation.id);
  const school = binding && services.schools.find((s) => s.urn === binding.schoolUrn);
  if (!school) {
    await turn.reply(
      `This conversation is not linked to a school. Say "link school" and a URN. The schools I hold are: ${schoolList(services.schools)}.`,
    );
    return;
  }
  const privacy =
    binding.privacy === 'full' ? 'the safeguarding channel: full detail' : 'limited: names and findings only';
  await turn.reply(`This conversation answers for ${schoolLabel(school)}; privacy is ${privacy}.`);
}

async function setPrivacy(services: SetupServices, turn: MessageTurn, privacy: 'full' | 'limited'): Promise<void> {
  if (turn.conversation.type === 'personal') {
    await turn.reply('A personal chat shows what your role allows; privacy is set for channels and group chats.');
    return;
  }
  const bound = await boundSchool(services, turn.conversation.id);
  if (!bound) {
    await turn.reply(LINK_SCHOOL_FIRST);
    return;
  }
  const { binding, school } = bound;
  const access = await services.access.access(school.urn, turn.user, turn.conversation);
  if (!access.canSetPrivacy) {
    await turn.reply(
      `Only the head or the designated safeguarding lead at ${school.name} can change what this conversation may see.`,
    );
    return;
  }
  await services.store.putBinding({ ...binding, privacy });
  await services.store.appendAudit({
    at: new Date().toISOString(),
    who: userKey(turn.user),
    what: `conversation.privacy.${privacy}`,
    schoolUrn: school.urn,
    detail: { conversation: turn.conversation.id },
  });
  services.log('binding.privacy', { conversation: turn.conversation.id, school: school.urn, privacy });
  await turn.reply(
    privacy === 'full'
      ? `This conversation is now ${school.name}'s safeguarding channel: everyone in it sees full detail, including context such as social care and SEN. Make sure only people who need that are members.`
      : 'This conversation now shows names and findings only.',
  );
}
