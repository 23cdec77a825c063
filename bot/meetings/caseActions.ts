import { z } from 'zod';
import {
  ACTION_PARTIES,
  type CaseChange,
  CaseChangeError,
  isIsoDate,
  type PupilCase,
  withAttendee,
} from '../../rules/index.ts';
import { hasFullViewRole, userKey } from '../access/access.ts';
import { type ActionResult, type ActionTurn, type FeatureHost } from '../host/featureHost.ts';
import { CaseMissingError, changeCase, getCase } from './caseStore.ts';
import { CASE_REFRESH_VERB, caseMessage, caseMessageFor } from './caseMessage.ts';
import { myActionsMessage } from './caseCommands.ts';
import { CHAIR_ROLES, actorOf, scopeFor } from './meetingScope.ts';
import { redrawMeetingCards } from './redrawMeetingCards.ts';
import { changeMeeting, currentMeeting } from './meetingStore.ts';
import { todayOf, type MeetingsServices } from './meetingsServices.ts';

/**
 * Free text typed into a card goes back into card templates: "${" would read as a template expression,
 * so it is broken up; everything else is kept as typed.
 */
const freeText = (max: number) =>
  z
    .string()
    .trim()
    .min(1)
    .max(max)
    .transform((s) => s.replace(/\$\{/g, '$ {'));
const isoDate = z.string().refine(isIsoDate, 'a date written YYYY-MM-DD');
const caseKey = z.string().regex(/^\d{6,7}\|[A-Z0-9]{13}$/, 'a case key (URN|UPN)');

const addActionData = z.object({
  caseKey,
  actionWhat: freeText(200),
  actionParty: z.enum(ACTION_PARTIES),
  actionOwner: z
    .string()
    .max(80)
    .optional()
    .transform((s) => s?.replace(/\$\{/g, '$ {')),
  actionDue: isoDate,
});
const actionDoneData = z.object({
  caseKey,
  actionId: z.string().regex(/^a\d+$/),
  view: z.enum(['case', 'mine']).default('case'),
});
const barrierData = z.object({
  caseKey,
  barrierText: freeText(300),
  barrierSensitive: z.enum(['true', 'false']).default('false'),
});
const stageData = z.object({ caseKey, stageId: z.string().min(1).max(80) });
const reviewData = z.object({
  caseKey,
  reviewDate: isoDate,
  leadName: z
    .string()
    .max(80)
    .optional()
    .transform((s) => s?.replace(/\$\{/g, '$ {')),
});
const jointData = z.object({ caseKey });

/** How each verb turns its card data into case changes, and whether only a chair role may do it. */
const VERBS = {
  'meetings.addAction': {
    schema: addActionData,
    chairOnly: false,
    changes: (d: z.infer<typeof addActionData>): CaseChange[] => [
      { kind: 'add-action', what: d.actionWhat, party: d.actionParty, owner: d.actionOwner, due: d.actionDue },
    ],
  },
  'meetings.actionDone': {
    schema: actionDoneData,
    chairOnly: false,
    changes: (d: z.infer<typeof actionDoneData>): CaseChange[] => [{ kind: 'action-done', actionId: d.actionId }],
  },
  'meetings.recordBarrier': {
    schema: barrierData,
    chairOnly: false,
    changes: (d: z.infer<typeof barrierData>): CaseChange[] => [
      { kind: 'barrier', text: d.barrierText, sensitive: d.barrierSensitive === 'true' },
    ],
  },
  'meetings.moveStage': {
    schema: stageData,
    chairOnly: true,
    changes: (d: z.infer<typeof stageData>): CaseChange[] => [{ kind: 'stage', stageId: d.stageId }],
  },
  'meetings.jointApproach': {
    schema: jointData,
    chairOnly: true,
    changes: (): CaseChange[] => [{ kind: 'joint-approach' }],
  },
  'meetings.setReview': {
    schema: reviewData,
    chairOnly: false,
    changes: (d: z.infer<typeof reviewData>): CaseChange[] => [
      ...(d.leadName?.trim() ? [{ kind: 'lead', name: d.leadName } as const] : []),
      { kind: 'next-review', date: d.reviewDate },
    ],
  },
} as const;

export type CaseVerb = keyof typeof VERBS;
export const CASE_VERBS = Object.keys(VERBS) as CaseVerb[];

/**
 * One press of a case-card button: checks the data and the person's role, applies the change to the
 * latest version of the case (so two people pressing at once both land), records it in the audit log and,
 * during a running meeting in this conversation, against the meeting with the person as an attendee; then
 * answers with the card redrawn from the stored case, which Teams shows to everyone in the conversation.
 */
export async function handleCaseAction(services: MeetingsServices, turn: ActionTurn): Promise<ActionResult> {
  const spec = VERBS[turn.verb as CaseVerb];
  if (!spec) return { message: 'That button is not one I know.' };
  const parsed = (spec.schema as z.ZodType).safeParse(turn.data);
  if (!parsed.success)
    return {
      message: `I couldn't read that: ${parsed.error.issues.map((i) => `${i.path.join('.') || 'data'} ${i.message}`).join('; ')}.`,
    };
  const data = parsed.data as { caseKey: string; view?: 'case' | 'mine' };
  const [urn, upn] = data.caseKey.split('|');
  const school = services.schools.find((s) => s.urn === urn);
  if (!school) return { message: 'That case belongs to a school I no longer hold.' };
  const scope = await scopeFor(services, school, turn.conversation, turn.user);
  if (!scope.ok) return { message: scope.reply };
  if (spec.chairOnly && !CHAIR_ROLES.has(scope.role))
    return {
      message: 'Only the attendance lead, DSL, head or an LA officer can change the stage or agree the joint approach.',
    };
  const meeting = await currentMeeting(services.store, turn.conversation.id);
  const inMeeting =
    meeting?.state === 'running' && meeting.schoolUrn === urn && meeting.presented.includes(upn) ? meeting : null;
  const by = actorOf(turn.user);
  const at = services.now().toISOString();
  let c: PupilCase | null = null;
  try {
    for (const change of (spec.changes as (d: unknown) => CaseChange[])(parsed.data)) {
      c = await changeCase(services.store, urn, upn, change, {
        policy: school.policy,
        today: todayOf(services, school),
        at,
        by,
        ...(inMeeting ? { meetingId: inMeeting.id } : {}),
      });
    }
  } catch (err) {
    if (err instanceof CaseChangeError || err instanceof CaseMissingError) return { message: err.message };
    throw err;
  }
  await services.store.appendAudit({
    at,
    who: userKey(turn.user),
    what: `case.${turn.verb.slice('meetings.'.length)}`,
    schoolUrn: urn,
    upn,
    detail: { conversation: turn.conversation.id, ...(inMeeting ? { meeting: inMeeting.id } : {}) },
  });
  services.log('meetings.case-changed', { school: urn, verb: turn.verb, meeting: inMeeting?.id });
  let latestMeeting = meeting;
  if (inMeeting)
    latestMeeting = await changeMeeting(services.store, inMeeting.id, (m) => ({
      ...m,
      attendees: withAttendee(m.attendees, by),
    }));
  // One update per meeting showing the case (normally none or one): well inside Teams' 5 seconds.
  if (services.proactive) await redrawMeetingCards(services, services.proactive, school, c!, turn.cardActivityId);
  if (data.view === 'mine') {
    const mine = await myActionsMessage(services, turn.user);
    return { card: mine.card!, text: mine.text };
  }
  const message = await caseMessageFor(services, school, c!, scope.privacy, latestMeeting, turn.conversation);
  return { card: message.card!, text: message.text };
}

export function registerCaseActions(host: FeatureHost, services: MeetingsServices): void {
  for (const verb of CASE_VERBS) host.onAction(verb, (turn) => handleCaseAction(services, turn));
  host.onAction(CASE_REFRESH_VERB, (turn) => handleCaseRefresh(services, turn));
}

const refreshData = z.object({ caseKey });

/**
 * Teams refreshing a case card for one of the people it names: their own view, for them alone. The role
 * is checked now, not when the card was sent: someone whose role was withdrawn gets the limited card.
 */
export async function handleCaseRefresh(services: MeetingsServices, turn: ActionTurn): Promise<ActionResult> {
  const parsed = refreshData.safeParse(turn.data);
  if (!parsed.success) return { message: 'This card can no longer be refreshed: say "case" and the pupil’s name.' };
  const [urn, upn] = parsed.data.caseKey.split('|');
  const school = services.schools.find((s) => s.urn === urn);
  if (!school) return { message: 'That case belongs to a school I no longer hold.' };
  const scope = await scopeFor(services, school, turn.conversation, turn.user);
  if (!scope.ok) return { message: scope.reply };
  const c = await getCase(services.store, urn, upn);
  if (!c) return { message: 'There is no case for this pupil any more.' };
  const privacy = hasFullViewRole(scope.role) ? 'full' : scope.privacy;
  await services.store.appendAudit({
    at: services.now().toISOString(),
    who: userKey(turn.user),
    what: 'view.case',
    schoolUrn: urn,
    upn,
    detail: { conversation: turn.conversation.id, privacy, refresh: true },
  });
  const message = caseMessage(services, school, c, privacy, await currentMeeting(services.store, turn.conversation.id));
  return { card: message.card!, text: message.text, audience: 'invoker' };
}
