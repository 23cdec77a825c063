import { type SchoolRole } from '../../adapters/store/stateStore.ts';
import { type AlertKind } from './alertKinds.ts';

/** The school's leads: those Working together to improve school attendance gives the oversight of attendance and safeguarding. */
const LEADS: readonly SchoolRole[] = ['attendance-lead', 'designated-safeguarding-lead', 'head'];

/**
 * Who may switch each kind of alert off in a conversation (anyone with a role at the school may switch one
 * back on). The unexplained-absence digest (call parents today, day-3 home visit, a pupil's social worker
 * to tell) and continuous unauthorised absence are safeguarding steps (Keeping children safe in education:
 * unexplained and persistent absence can be a sign of harm; children missing education); sickness returns
 * are a notification the school owes the local authority (the 2024 Regulations). Staff may not silence
 * those; the leads may, and every change is audited. The penalty threshold is a decision the school takes
 * later, so anyone with a role may choose not to hear it in a conversation.
 */
export const ALERT_SWITCH_OFF_ROLES: Record<AlertKind, readonly SchoolRole[]> = {
  unexplained: LEADS,
  'continuous-absence': LEADS,
  'sickness-return': LEADS,
  'penalty-threshold': [...LEADS, 'la-officer', 'staff'],
  // Reviews of part-time timetables are the leads' to arrange; staff may not silence them.
  'part-time-timetable': LEADS,
};

/** True when someone with `role` may switch `kind` off. */
export function maySwitchOff(kind: AlertKind, role: SchoolRole): boolean {
  return ALERT_SWITCH_OFF_ROLES[kind].includes(role);
}
