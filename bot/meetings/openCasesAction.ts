import { z } from 'zod';
import { agendaText, renderAgendaCard } from '../../cards/meetings/agendaCard.ts';
import { caseId, pupilIndexOf, pupilName } from '../../rules/index.ts';
import { userKey } from '../access/access.ts';
import { type ActionResult, type ActionTurn } from '../host/featureHost.ts';
import { agendaCardView } from './agendaView.ts';
import { listCases, openCaseOnce } from './caseStore.ts';
import { actorOf, scopeFor } from './meetingScope.ts';
import { changeMeeting, getMeeting } from './meetingStore.ts';
import { todayOf, type MeetingsServices } from './meetingsServices.ts';

export const OPEN_CASES_VERB = 'meetings.openCases';

/** A multi-select ChoiceSet sends its values comma-separated. */
const openCasesData = z.object({
  meetingId: z.string().min(1).max(80),
  openUpns: z
    .string()
    .max(2000)
    .transform((s) =>
      s
        .split(',')
        .map((u) => u.trim())
        .filter((u) => u !== ''),
    )
    .pipe(z.array(z.string().regex(/^[A-Z0-9]{13}$/)).min(1, 'choose at least one pupil')),
});

/**
 * "Open cases" on the agenda: the offer made when a pupil first shows as persistently or severely absent.
 * Opens a case for each chosen pupil (at the first stage) and redraws the agenda with them marked.
 */
export async function handleOpenCases(services: MeetingsServices, turn: ActionTurn): Promise<ActionResult> {
  const parsed = openCasesData.safeParse(turn.data);
  if (!parsed.success)
    return { message: `I couldn't read that: ${parsed.error.issues.map((i) => i.message).join('; ')}.` };
  const meeting = await getMeeting(services.store, parsed.data.meetingId);
  const school = meeting && services.schools.find((s) => s.urn === meeting.schoolUrn);
  if (!meeting || !school) return { message: 'That agenda is not in the store any more.' };
  const scope = await scopeFor(services, school, turn.conversation, turn.user);
  if (!scope.ok) return { message: scope.reply };
  const stage = school.policy.stages[0];
  if (!stage) return { message: `${school.policy.name} describes no staged process.` };
  const at = services.now().toISOString();
  let opened = 0;
  for (const upn of parsed.data.openUpns) {
    const p = pupilIndexOf(school.register, upn);
    if (p < 0) continue;
    const pupil = school.register.pupils[p];
    const result = await openCaseOnce(services.store, {
      schoolUrn: school.urn,
      upn,
      pupilName: pupilName(pupil),
      yearGroup: pupil.yearGroup,
      because: meeting.state === 'running' ? 'meeting' : 'persistent-absence',
      stageId: stage.id,
      today: todayOf(services, school),
      at,
      by: actorOf(turn.user),
      ...(meeting.state === 'running' ? { meetingId: meeting.id } : {}),
    });
    if (!result.opened) continue;
    opened++;
    await services.store.appendAudit({
      at,
      who: userKey(turn.user),
      what: 'case.opened',
      schoolUrn: school.urn,
      upn,
      detail: { case: caseId(school.urn, upn), meeting: meeting.id },
    });
  }
  services.log('meetings.cases-opened', { school: school.urn, meeting: meeting.id, opened });
  const caseUpns = new Set((await listCases(services.store, school.urn)).map((c) => c.upn));
  // A running meeting takes the new cases at the end of its list, so they are still discussed.
  const updated = await changeMeeting(services.store, meeting.id, (m) => ({
    ...m,
    agenda: { ...m.agenda, pupils: m.agenda.pupils.map((p) => ({ ...p, hasCase: caseUpns.has(p.upn) })) },
    caseOrder:
      m.state === 'running'
        ? [...m.caseOrder, ...parsed.data.openUpns.filter((u) => caseUpns.has(u) && !m.caseOrder.includes(u))]
        : m.caseOrder,
  }));
  const view = agendaCardView(updated.id, updated.agenda, school);
  return {
    card: renderAgendaCard(view),
    text: `${opened} case${opened === 1 ? '' : 's'} opened.\n${agendaText(view)}`,
  };
}
