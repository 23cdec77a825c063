import { cite } from '../sources/sourceRegister.ts';
import { definePolicyProfile } from './definePolicyProfile.ts';

const source = 'dudleyStJames';
const at = (where: string) => cite(source, where);

/**
 * St James's C of E Primary School, Stourbridge (seed 001): the school day starts at 08:40 and the register
 * closes 30 minutes later (09:10), after which a late arrival is U; first-day calling (and the social
 * worker); a safe-and-well visit on the third consecutive day of unexplained absence; the right code within
 * 5 working days; term-time holidays never authorised; leave of a whole day or more applied for 10 school
 * days ahead, and never granted for 10 sessions or more.
 */
export const dudleyStJamesProfile = definePolicyProfile({
  id: 'dudley-st-james',
  name: 'St James’s C of E Primary School (Dudley)',
  kind: 'school',
  source,
  version: '2024.2',
  register: {
    opensAt: '08:40',
    closesAfterMinutes: 30,
    citation: at(
      'Lateness and punctuality: "The register will be closed 30 minutes after school\'s start time (9:10am)"; later arrivals may receive U',
    ),
  },
  noticeToImprove: {
    citation: at(
      'Legal sanctions, Notices to improve: an improvement period of 3 to 6 weeks, and what the notice includes',
    ),
  },
  penaltyThreshold: {
    citation: at(
      'Legal sanctions, National threshold: 10 sessions of unauthorised absence within a rolling 10 school week period',
    ),
  },
  penaltyNotice: {
    citation: at('Legal sanctions, First offence / Second offence / Third offence (within 3 years)'),
  },
  unexplainedAbsence: {
    firstDayContact: 'Call the parents this morning (and keep calling each day the absence stays unexplained)',
    homeVisitOnDay: 3,
    homeVisitStep: 'Third consecutive day unexplained: visit the family home for a safe and well check',
    socialWorkerStep: 'Call the pupil’s social worker today as well',
    correctNWithin: { days: 5, unit: 'working-days' },
    citation: at('Following up unexplained absence: call parents on the morning of the first day'),
    homeVisitCitation: at('Following up unexplained absence: safe and well visit on the third consecutive day'),
    socialWorkerCitation: at(
      'Following up unexplained absence: call the parent (and where appropriate social worker) on the first day',
    ),
    correctNCitation: at(
      'Following up unexplained absence: the correct code no later than 5 working days after the session',
    ),
  },
  leave: {
    noticeSchoolDays: 10,
    // "10 days notice is required for leave of absence for a whole day or longer": two sessions.
    noticeAppliesFromSessions: 2,
    refuseFromSessions: 10,
    refuseHolidays: true,
    citation: at(
      'Approval for term-time absence: "Term time holidays will not be authorised"; Leave of Absence: exceptional circumstances only, no less than 10 school days before the absence (for a whole day or longer), not authorised for a period of 10 sessions',
    ),
  },
  lateness: {
    nextStep: 'Persistent late record: invite the parents to meet a member of staff to resolve it',
    citation: at(
      'Lateness and punctuality: a persistent late record leads to a meeting with parents (the 10-in-10 trigger is this product’s default)',
    ),
  },
  absence: {
    atRiskCitation: at('Reducing persistent absence: a pupil at risk of moving towards the PA mark is given priority'),
  },
});
