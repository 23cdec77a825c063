import { formatLongDate, type LeaveDecision, type PolicyProfile } from '../../rules/index.ts';

export interface LeaveLetterInput {
  choice: 'grant' | 'refuse';
  /** Sessions granted (grant only). */
  sessions?: number;
  pupilLabel: string;
  schoolName: string;
  from: string;
  to: string;
  decision: LeaveDecision;
  policy: PolicyProfile;
}

/**
 * The letter to parents, drafted for staff to check and send: the decision, the reasons the walk-through
 * found, the code that will be recorded and, on refusal, what follows if the leave is taken anyway. It
 * names the policy it applies so a parent can read it.
 */
export function leaveLetter(input: LeaveLetterInput): { title: string; text: string } {
  const { decision, policy } = input;
  const period = `from ${formatLongDate(input.from)} to ${formatLongDate(input.to)}`;
  const failed = decision.checks.filter((c) => c.passed === false).map((c) => `- ${c.says}`);
  const lines: string[] = ['Dear Parent/Carer,', ''];
  if (input.choice === 'grant') {
    const sessions = input.sessions ?? decision.sessionCount;
    lines.push(
      `Thank you for your request for leave of absence for ${input.pupilLabel} ${period}.`,
      '',
      `The headteacher has agreed leave for ${sessions} school session${sessions === 1 ? '' : 's'}${sessions < decision.sessionCount ? ` of the ${decision.sessionCount} requested` : ''}. These will be recorded as authorised leave (code ${decision.codeIfGranted}).`,
    );
    if (sessions < decision.sessionCount)
      lines.push('Any further sessions missed will be recorded as unauthorised absence.');
    const asked = policy.leave.noticeSchoolDays;
    if (asked !== undefined && decision.checks.some((c) => c.id === 'notice' && c.passed === false)) {
      lines.push(
        '',
        `Please note that our policy asks for requests at least ${asked} school days before the leave; this request gave ${decision.noticeSchoolDays}. We have agreed it because of the circumstances.`,
      );
    }
  } else {
    lines.push(
      `Thank you for your request for leave of absence for ${input.pupilLabel} ${period}. I am sorry to tell you that it has not been agreed.`,
      '',
      'The reasons are:',
      ...(failed.length > 0 ? failed : ['- The circumstances do not meet the test of being exceptional']),
    );
    lines.push(
      '',
      `If ${input.pupilLabel} is absent on these dates, the absence will be recorded as unauthorised (code ${decision.ifTakenAnyway.code}). ${decision.ifTakenAnyway.penaltyRoute ? 'It may lead to a request to the local authority for a penalty notice.' : 'Unauthorised absence counts toward the point at which a penalty notice must be considered.'}`,
    );
  }
  // Parents get the policy's name; the card shows staff the exact passage it rests on.
  lines.push(
    '',
    `This decision follows the school’s attendance policy (${policy.name}) and the School Attendance (Pupil Registration) (England) Regulations 2024, which allow leave in term time only in exceptional circumstances.`,
    '',
    'Yours sincerely,',
    '',
    `Headteacher, ${input.schoolName}`,
  );
  return {
    title: input.choice === 'grant' ? 'Letter to parents: leave agreed' : 'Letter to parents: leave refused',
    text: lines.join('\n'),
  };
}
