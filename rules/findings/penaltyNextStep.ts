import { type PolicyProfile } from '../policies/policyProfile.ts';

/**
 * Why a penalty notice may be considered without a warning or notice to improve first, from the codes
 * behind the threshold, or undefined when support comes first:
 * - a profile with a leave route (004: "taken out of school for five days or more without the school's
 *   consent … the fine is sent by the Council without an initial warning") takes it whenever the window
 *   holds that many school days of G, whatever else is in it; each G session is half a school day;
 * - nationally, support is not appropriate for an unauthorised holiday, so a threshold met by G alone
 *   needs no notice to improve.
 * The rules and the engine both word the finding's next step from here.
 */
export function penaltyWithoutWarning(
  policy: PolicyProfile,
  byCode: Readonly<Record<string, number>>,
): 'leave-without-consent' | 'holiday-only' | undefined {
  const holiday = byCode.G ?? 0;
  const fromDays = policy.leave.penaltyWithoutWarningFromDays;
  if (fromDays !== undefined && holiday >= 2 * fromDays) return 'leave-without-consent';
  const codes = Object.keys(byCode);
  if (codes.length === 1 && holiday > 0) return 'holiday-only';
  return undefined;
}

/** The improvement period of the profile's notice to improve, as a next step says it. */
export function improvementPeriodText(policy: PolicyProfile): string {
  const { period } = policy.noticeToImprove;
  const unit = period.unit === 'weeks' ? 'weeks' : 'school days';
  return period.min === period.max
    ? `improvement period ${period.min} ${unit}`
    : `improvement period ${period.min}-${period.max} ${unit}`;
}

/** The next step of a `penalty-threshold` finding whose window holds `byCode`. */
export function penaltyNextStep(policy: PolicyProfile, byCode: Readonly<Record<string, number>>): string {
  switch (penaltyWithoutWarning(policy, byCode)) {
    case 'leave-without-consent':
      return `${policy.leave.penaltyWithoutWarningFromDays} or more school days of unauthorised leave (G) in the window: ${policy.leave.penaltyWithoutWarningStep ?? 'a penalty notice can be requested without a warning or notice to improve first'}`;
    case 'holiday-only':
      return 'Unauthorised holiday: support is not appropriate, so a penalty notice can be considered without a notice to improve';
    default:
      return `Offer support first; where support has not worked or been engaged with, consider a notice to improve (${improvementPeriodText(policy)}) before a penalty notice`;
  }
}
