import { cite } from '../sources/sourceRegister.ts';
import { definePolicyProfile } from './definePolicyProfile.ts';

const source = 'stockportBramhall';
const at = (where: string) => cite(source, where);

/**
 * Bramhall High School, Stockport (seed 004). Stockport Council issues the penalty notices; its warning
 * (notice to improve) gives 15 school days with no unauthorised absence; leave of 5 days or more without
 * consent goes to a penalty without a warning; one sickness return a year; a four-stage process.
 */
export const stockportBramhallProfile = definePolicyProfile({
  id: 'stockport-bramhall',
  name: 'Bramhall High School (Stockport)',
  kind: 'school',
  source,
  version: '2024.3',
  register: {
    opensAt: '08:30',
    citation: at('Absence Procedures, School, paras 27-29 (registers at 08:30; late after the register closes is U)'),
  },
  penaltyThreshold: {
    citation: at(
      'Legal Sanctions para 15 and Appendix A Stage 3: 10 sessions of unauthorised absence in a rolling 10 school weeks',
    ),
  },
  penaltyNotice: {
    citation: at(
      'Legal Sanctions para 14: £80 within 21 days or £160 within 28; a second within 3 years £160; no third, prosecution instead',
    ),
  },
  noticeToImprove: {
    period: { unit: 'school-days', min: 15, max: 15 },
    unauthorisedSessionsAllowed: 0,
    citation: at(
      'Legal Sanctions para 15 and Appendix A Stage 3A: a written warning, then no unauthorised absence (including U) for 15 school days',
    ),
  },
  unexplainedAbsence: {
    firstDayContact:
      'Contact parents today by text, phone or email; if that fails, try every emergency contact, then a letter and a home visit',
    // The policy sets no day for the home visit, so the national third day stands; what it adds is the
    // MASSH referral where welfare may be at risk.
    homeVisitStep:
      'Still no contact from parents: make a home visit, and refer to Stockport Council’s MASSH where the pupil’s welfare may be at risk',
    socialWorkerStep: 'Tell the pupil’s social worker about the absence (the policy asks for any unauthorised absence)',
    citation: at(
      'Absence Procedures, School, para 26: first-day contact, then emergency contacts, letter and home visit',
    ),
    homeVisitCitation: at(
      'Absence Procedures, School, para 26: home visit where there is absence without contact from parents and welfare may be at risk; referral to the MASSH',
    ),
    socialWorkerCitation: at('Understanding Barriers para 41; Appendix A Stages 1 and 2: inform the social worker'),
  },
  sicknessReturn: {
    once: 'per-school-year',
    nextStep:
      'Complete a sickness return to Stockport Council (once a year for this pupil) so education for health needs can be agreed',
    citation: at(
      'Absence Procedures, School, para 26; Appendix A Stage 2: sickness return at 15 days consecutive or cumulative, only once a year',
    ),
  },
  continuousAbsence: {
    nextStep: 'Complete an attendance return (missing from school referral) to Stockport Council',
    citation: at(
      'Absence Procedures, School, para 26; Appendix A Stage 2: attendance return after 10 continuous school days of unauthorised absence',
    ),
  },
  lateness: {
    nextStep:
      'Regularly late: contact the parents to discuss the reasons and offer support; U marks after the register closes count toward enforcement',
    citation: at(
      'Absence Procedures, School, paras 29-31: late after the register closes is unauthorised; parents contacted where pupils are regularly late (the 10-in-10 trigger is this product’s default)',
    ),
  },
  brokenWeeks: {
    concernRatio: 0.5,
    minimumBrokenWeeks: 2,
    nextStep:
      'Look at the odd days missed with the family at Stage 1; consider a medical action plan for repeated minor ailments',
    citation: at(
      'Appendix A, Support First Approach para 9: broken weeks against weeks in session (2 of 4 a possible concern)',
    ),
  },
  leave: {
    refuseHolidays: true,
    penaltyWithoutWarningFromDays: 5,
    penaltyWithoutWarningStep:
      'refer to Stockport Council for a penalty notice, which the Council sends without an initial warning (Legal Sanctions para 16), whatever other absence is in the window',
    citation: at(
      'Recording of Absences para 35 (term-time holidays will not be agreed); Legal Sanctions para 16 (5 days or more without consent: penalty without warning)',
    ),
  },
  stages: [
    {
      id: 'stage-1',
      name: 'Stage 1: Getting help (noticing period)',
      trigger: 'Attendance becoming a concern, or a pattern at risk of becoming problematic',
      actions: [
        'Contact parents for a meeting',
        'Inform the social worker of unexplained absences',
        'Offer early help; medical action plan where illness',
        'Stage 1 letter to every adult with parental responsibility',
      ],
      citation: at('Appendix A, Stage 1'),
    },
    {
      id: 'stage-2',
      name: 'Stage 2: Getting help (action)',
      trigger: 'Stage 1 has not improved attendance (for illness, a medical action plan is in place first)',
      actions: [
        'Stage 2 letter and meeting with the Attendance Outreach Officer and Head of Year',
        'Agreed plan',
        'Attendance and sickness returns to the council',
      ],
      reviewEveryWeeks: [4, 6],
      citation: at('Appendix A, Stage 2'),
    },
    {
      id: 'stage-3',
      name: 'Stage 3: Referral to the local authority',
      trigger:
        'Support at Stages 1-2 not engaged with and more than 10 unauthorised sessions in a rolling 10 school weeks',
      actions: [
        'Enforcement referral to the Education Welfare Service',
        '3A notice to improve (15 school days)',
        '3B attendance contract',
      ],
      citation: at('Appendix A, Stage 3'),
    },
    {
      id: 'stage-4',
      name: 'Stage 4: Formal legal intervention',
      trigger: 'The attendance contract is not engaged with',
      actions: ['Legal planning meeting', 'Education supervision order considered first, prosecution as a last resort'],
      citation: at('Appendix A, Stage 4'),
    },
  ],
  notify: {
    sicknessReturn: 'Stockport Council (sickness return)',
    continuousAbsence: 'Stockport Council (attendance return)',
    unexplainedWithSocialWorker: 'the pupil’s social worker',
  },
});
