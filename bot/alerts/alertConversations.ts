import { ALERT_SWITCH_OFF_ROLES, maySwitchOff } from './alertSwitchRoles.ts';
import { type SchoolRole, type StateStore } from '../../adapters/store/stateStore.ts';
import { userKey, type AccessControl } from '../access/access.ts';
import { type InstallEvent, type MessageTurn } from '../host/featureHost.ts';
import { type Log } from '../log.ts';
import { findSchool, schoolList } from '../queries/schoolScope.ts';
import { type SchoolData, schoolLabel } from '../schools/schoolData.ts';
import { ALERT_KIND_LABELS, ALERT_KIND_NAMES, parseAlertKind } from './alertKinds.ts';
import { boundSchool, LINK_SCHOOL_FIRST } from '../schools/boundSchool.ts';

export interface AlertConversationServices {
  schools: readonly SchoolData[];
  store: StateStore;
  access: AccessControl;
  log: Log;
  now: () => Date;
}

/** Keeps the conversation's reference, so alerts can reach it even if the install event was missed. */
async function remember(
  services: AlertConversationServices,
  turn: Pick<MessageTurn, 'conversation' | 'reference' | 'user'>,
): Promise<void> {
  const existing = await services.store.getConversation(turn.conversation.id);
  await services.store.putConversation({
    conversationId: turn.conversation.id,
    scope: turn.conversation.type,
    tenantId: turn.conversation.tenantId,
    reference: turn.reference,
    installedAt: existing?.installedAt ?? services.now().toISOString(),
    installedBy: existing?.installedBy ?? userKey(turn.user),
  });
}

/**
 * Installed in a channel, group chat or personal chat: keep the reference, bind a team conversation to the
 * only school when there is just one (limited view, every alert on), and say what happens next.
 */
export async function onAlertsInstalled(services: AlertConversationServices, event: InstallEvent): Promise<void> {
  const { conversation } = event;
  const at = services.now().toISOString();
  await services.store.putConversation({
    conversationId: conversation.id,
    scope: conversation.type,
    tenantId: conversation.tenantId,
    reference: event.reference,
    installedAt: at,
    installedBy: event.user ? userKey(event.user) : undefined,
  });
  await services.store.appendAudit({
    at,
    who: event.user ? userKey(event.user) : 'system:teams',
    what: 'conversation.installed',
    detail: { conversation: conversation.id, scope: conversation.type },
  });
  services.log('alerts.installed', { conversation: conversation.id, scope: conversation.type });
  if (conversation.type === 'personal') {
    await event.reply(
      'Hello. Ask me about attendance at any time. LA officers: say "follow" and a school URN (or "follow all") to get the notifications schools owe the local authority here.',
    );
    return;
  }
  let bound = await services.store.getBinding(conversation.id);
  if (!bound && services.schools.length === 1) {
    const [school] = services.schools;
    bound = {
      conversationId: conversation.id,
      schoolUrn: school.urn,
      privacy: 'limited',
      alertsOff: [],
      boundAt: at,
      boundBy: 'system:auto-bind',
    };
    await services.store.putBinding(bound);
  }
  const school = bound && services.schools.find((s) => s.urn === bound.schoolUrn);
  await event.reply(
    school
      ? `Hello. This ${conversation.type === 'channel' ? 'channel' : 'chat'} will get ${school.name}'s attendance alerts after registers close: unexplained absences, sickness returns, continuous absence and the penalty threshold. It shows names and findings only (limited view). Say "alerts" to see what is on.`
      : `Hello. Say "link school" and a URN to choose which school this conversation speaks for. The schools I hold are: ${schoolList(services.schools)}.`,
  );
}

/** Removed: forget the reference and the binding, so nothing more is sent there. */
export async function onAlertsUninstalled(services: AlertConversationServices, event: InstallEvent): Promise<void> {
  const removed = await services.store.removeConversation(event.conversation.id);
  await services.store.appendAudit({
    at: services.now().toISOString(),
    who: event.user ? userKey(event.user) : 'system:teams',
    what: 'conversation.uninstalled',
    detail: { conversation: event.conversation.id, known: removed },
  });
  services.log('alerts.uninstalled', { conversation: event.conversation.id, known: removed });
}

/** `alerts`: what this conversation hears. */
export async function listAlerts(services: AlertConversationServices, turn: MessageTurn): Promise<void> {
  await remember(services, turn);
  const lines: string[] = [];
  const binding = await services.store.getBinding(turn.conversation.id);
  const school = binding && services.schools.find((s) => s.urn === binding.schoolUrn);
  if (school) {
    lines.push(`Alerts for ${schoolLabel(school)} here:`);
    for (const kind of ALERT_KIND_NAMES)
      lines.push(`- ${kind}: ${binding.alertsOff.includes(kind) ? 'off' : 'on'} (${ALERT_KIND_LABELS[kind]})`);
    lines.push('Say "alerts off" or "alerts on" and a kind to change one.');
  } else if (turn.conversation.type !== 'personal') {
    lines.push('This conversation is not linked to a school, so it gets no alerts. Say "link school" and a URN.');
  }
  const subscription = await services.store.getSubscription(userKey(turn.user));
  if (turn.conversation.type === 'personal') {
    lines.push(
      subscription
        ? `You follow ${subscription.schools === 'all' ? 'every school' : subscription.schools.join(', ')}: sickness returns, continuous absence and penalty-threshold alerts come here.`
        : 'You follow no schools. Say "follow" and a URN, or "follow all".',
    );
  }
  await turn.reply(lines.join('\n'));
}

/**
 * `alerts on|off <kind>` for a bound channel or chat. Anyone with a role at the school may switch a kind on;
 * switching one off is for the roles ALERT_SWITCH_OFF_ROLES names (staff may not silence safeguarding alerts).
 */
export async function switchAlerts(
  services: AlertConversationServices,
  turn: MessageTurn,
  onOff: string,
  named: string,
): Promise<void> {
  await remember(services, turn);
  const kind = parseAlertKind(named);
  if (!kind) {
    await turn.reply(`I don't know the alert "${named}". The kinds are: ${ALERT_KIND_NAMES.join(', ')}.`);
    return;
  }
  const bound = await boundSchool(services, turn.conversation.id);
  if (!bound) {
    await turn.reply(LINK_SCHOOL_FIRST);
    return;
  }
  const { binding, school } = bound;
  const access = await services.access.access(school.urn, turn.user, turn.conversation);
  if (!access.role) {
    await turn.reply(`Only staff with a role at ${school.name} can change its alerts.`);
    return;
  }
  const on = onOff.toLowerCase() === 'on';
  if (!on && !maySwitchOff(kind, access.role)) {
    await services.store.appendAudit({
      at: services.now().toISOString(),
      who: userKey(turn.user),
      what: 'alerts.off-refused',
      schoolUrn: school.urn,
      detail: { conversation: turn.conversation.id, kind, role: access.role },
    });
    await turn.reply(
      `${ALERT_KIND_LABELS[kind]} stay on: only the ${roleList(ALERT_SWITCH_OFF_ROLES[kind])} at ${school.name} can switch them off here.`,
    );
    return;
  }
  const alertsOff = on ? binding.alertsOff.filter((k) => k !== kind) : [...new Set([...binding.alertsOff, kind])];
  await services.store.putBinding({ ...binding, alertsOff });
  await services.store.appendAudit({
    at: services.now().toISOString(),
    who: userKey(turn.user),
    what: `alerts.${on ? 'on' : 'off'}`,
    schoolUrn: school.urn,
    detail: { conversation: turn.conversation.id, kind },
  });
  await turn.reply(`${ALERT_KIND_LABELS[kind]}: ${on ? 'on' : 'off'} for this conversation.`);
}

/** `follow <URN>` / `follow all` / `unfollow ...` in a personal chat: an LA officer's subscriptions. */
export async function followSchools(
  services: AlertConversationServices,
  turn: MessageTurn,
  verb: string,
  named: string,
): Promise<void> {
  if (turn.conversation.type !== 'personal') {
    await turn.reply(
      'Follow schools in a personal chat with me: LA notifications about pupils go to you, not to a channel.',
    );
    return;
  }
  await remember(services, turn);
  const user = userKey(turn.user);
  const current = await services.store.getSubscription(user);
  const following = current?.schools ?? [];
  const stop = verb.toLowerCase() === 'unfollow';
  let schools: string[] | 'all';
  if (named.toLowerCase() === 'all') {
    if (!stop && !(await services.access.isCrossSchoolOfficer(turn.user))) {
      await turn.reply('Only an LA officer assigned to all schools can follow all of them.');
      return;
    }
    schools = stop ? [] : 'all';
  } else {
    const school = findSchool(services.schools, named);
    if (!school) {
      await turn.reply(`I don't hold a school "${named}". The schools I hold are: ${schoolList(services.schools)}.`);
      return;
    }
    if (!stop && (await services.access.roleOf(school.urn, turn.user)) !== 'la-officer') {
      await turn.reply(`Only an LA officer for ${school.name} can follow its notifications.`);
      return;
    }
    const list = following === 'all' ? services.schools.map((s) => s.urn) : following;
    schools = stop ? list.filter((u) => u !== school.urn) : [...new Set([...list, school.urn])];
  }
  await services.store.putSubscription({
    userId: user,
    conversationId: turn.conversation.id,
    schools,
    updatedAt: services.now().toISOString(),
  });
  await services.store.appendAudit({
    at: services.now().toISOString(),
    who: user,
    what: stop ? 'alerts.unfollow' : 'alerts.follow',
    detail: { schools: schools === 'all' ? 'all' : schools.join(' ') },
  });
  await turn.reply(
    schools === 'all'
      ? 'You now follow every school: sickness returns, continuous absence and penalty-threshold alerts will come here.'
      : schools.length === 0
        ? 'You follow no schools now.'
        : `You follow ${schools.map((u) => services.schools.find((s) => s.urn === u)?.name ?? u).join(', ')}.`,
  );
}

const ROLE_NAMES: Record<SchoolRole, string> = {
  'attendance-lead': 'attendance lead',
  'designated-safeguarding-lead': 'designated safeguarding lead',
  head: 'head',
  'la-officer': 'LA officer',
  staff: 'staff',
};

/** "attendance lead, designated safeguarding lead or head". */
function roleList(roles: readonly SchoolRole[]): string {
  const names = roles.map((r) => ROLE_NAMES[r]);
  return names.length < 2 ? names.join('') : `${names.slice(0, -1).join(', ')} or ${names[names.length - 1]}`;
}
