import { withCrossBorder } from '../crossBorder/crossBorder.ts';
import { type IsoDate } from '../dates/isoDate.ts';
import { partTimeFindings } from '../partTime/partTimeFindings.ts';
import { type PolicyProfile } from '../policies/policyProfile.ts';
import { type Register } from '../register/register.ts';
import { type Finding } from './finding.ts';

/**
 * The register's findings made whole: the part-time timetable findings after them (C2 marks are checked
 * against the school's timetables even when it has recorded none), and, for a pupil who lives in another
 * local authority, each finding naming which authority acts. Every caller that shows findings to a person
 * passes them through here, so none leaves either out.
 */
export function completeFindings(
  register: Register,
  registerFindings: readonly Finding[],
  options: { asOf: IsoDate; policy: PolicyProfile; upn?: string },
): Finding[] {
  const all = [...registerFindings, ...partTimeFindings(register, register.partTimeTimetables ?? [], options)];
  if (!register.school.laCode || !register.pupils.some((p) => p.homeLa)) return all;
  const byUpn = new Map(register.pupils.map((p) => [p.upn, p]));
  return all.map((f) => {
    const pupil = byUpn.get(f.upn);
    return pupil ? withCrossBorder(f, pupil, register.school, options.policy) : f;
  });
}
