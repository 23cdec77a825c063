import { userKey } from '../access/access.ts';
import { type MessageTurn } from '../host/featureHost.ts';
import { type MeetingsServices } from './meetingsServices.ts';
import { boundSchool, LINK_SCHOOL_FIRST } from '../schools/boundSchool.ts';

/**
 * The entry a conversation's binding carries in `alertsOff` when it does not want case messages (overdue
 * actions and reviews, cases to open). Kept beside the alerts' own kinds so one list says what is off.
 */
export const CASE_ALERTS = 'cases';

/** "case alerts on|off": whether this channel or chat hears about its school's cases. Any role at the school may switch it. */
export async function switchCaseAlerts(services: MeetingsServices, turn: MessageTurn, onOff: string): Promise<void> {
  const bound = await boundSchool(services, turn.conversation.id);
  if (!bound) return void (await turn.reply(LINK_SCHOOL_FIRST));
  const { binding, school } = bound;
  const access = await services.access.access(school.urn, turn.user, turn.conversation);
  if (!access.role)
    return void (await turn.reply(`Only staff with a role at ${school.name} can change what this conversation hears.`));
  const on = onOff.toLowerCase() === 'on';
  const alertsOff = on
    ? binding.alertsOff.filter((k) => k !== CASE_ALERTS)
    : [...new Set([...binding.alertsOff, CASE_ALERTS])];
  await services.store.putBinding({ ...binding, alertsOff });
  await services.store.appendAudit({
    at: services.now().toISOString(),
    who: userKey(turn.user),
    what: `alerts.${on ? 'on' : 'off'}`,
    schoolUrn: school.urn,
    detail: { conversation: turn.conversation.id, kind: CASE_ALERTS },
  });
  await turn.reply(
    `Case alerts (overdue actions and reviews, cases to open) are ${on ? 'on' : 'off'} for this conversation.`,
  );
}
