import { cite } from '../sources/sourceRegister.ts';
import { definePolicyProfile } from './definePolicyProfile.ts';

const source = 'centralBedfordshire';
const at = (where: string) => cite(source, where);

/**
 * Central Bedfordshire Council's Attendance Strategy 2023-2028 (seed 003). A strategy rather than a
 * procedure: it sets 2027/28 targets, termly targeting support meetings, a plan for every severely absent
 * pupil, and the "10 U/A and 15 day Auth" notifications (read here as the two national returns).
 */
export const centralBedfordshireProfile = definePolicyProfile({
  id: 'central-bedfordshire',
  name: 'Central Bedfordshire Council',
  kind: 'local-authority',
  source,
  version: '2023.2',
  // The overall picture's tables define PA as "10% or more missed" and SA as "50% or more missed"; the
  // severe-absence row of "What will success look like?" says "more than 50%". The tables agree with the
  // national definition, so the national >= 50% stands.
  absence: {
    citation: at(
      'The overall picture: "Percentage of persistent absentees (10% or more missed)" and "severe absentees (50% or more missed)"',
    ),
  },
  sicknessReturn: {
    nextStep:
      'Send the 15-day notification to Central Bedfordshire Council so education for health needs can be agreed',
    citation: at('What will success look like? (severely absent row): "10 U/A and 15 day Auth Notification Alert"'),
  },
  continuousAbsence: {
    nextStep:
      'Send the 10-day unauthorised absence notification to Central Bedfordshire Council and make reasonable enquiries',
    citation: at('What will success look like? (severely absent row): "10 U/A and 15 day Auth Notification Alert"'),
  },
  stages: [
    {
      id: 'school-early-intervention',
      name: 'School early intervention',
      trigger: 'Emerging absence',
      actions: ['First-day calling, home visits, meetings and mentoring'],
      citation: at('What do we know about attendance practice in CBC? (effective practice in schools)'),
    },
    {
      id: 'targeting-support-meeting',
      name: 'Termly targeting support meeting',
      trigger: 'Persistently or severely absent, or at risk of becoming so',
      actions: ['Agree joint actions with the School Attendance Officer', 'Early help referral considered'],
      citation: at('What will success look like?: "Organise termly targeting support meetings with each school"'),
    },
    {
      id: 'severe-absence-plan',
      name: 'Plan for each severely absent pupil',
      trigger: 'Severe absence',
      actions: ['A plan for the pupil agreed with the local authority'],
      citation: at(
        'What will success look like? (severely absent row): a joint approach and "plans in place for each SA pupil"',
      ),
    },
    {
      id: 'formal-support',
      name: 'Formal support and enforcement',
      trigger: 'Support provided and not working or not engaged with',
      actions: [
        'Parenting contract; education supervision order considered before prosecution',
        'Penalty notice under the code of conduct',
        'Prosecution as a last resort',
      ],
      citation: at('What will success look like? (legal intervention rows)'),
    },
  ],
  targets: {
    year: '2027/28',
    attendancePercent: 94.5,
    primaryAttendancePercent: 95,
    secondaryAttendancePercent: 93.5,
    persistentAbsencePercent: 15,
    primaryPersistentAbsencePercent: 13,
    secondaryPersistentAbsencePercent: 16,
    fsmPersistentAbsencePercent: 25,
    citation: at(
      'What will success look like?, "Performance levels for CBC" row, Target column (Academic Year 2027/28)',
    ),
  },
  notify: {
    sicknessReturn: 'Central Bedfordshire Council (15-day notification)',
    continuousAbsence: 'Central Bedfordshire Council (10-day unauthorised absence notification)',
    unexplainedWithSocialWorker: 'the pupil’s social worker',
  },
});
