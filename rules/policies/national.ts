import { SOURCES } from '../sources/sourceRegister.ts';
import { deepFreeze } from './deepFreeze.ts';
import { policyProfileSchema, type PolicyProfile } from './policyProfile.ts';

const [wtisa, regs2024, penaltyRegs, methodology] = [
  SOURCES.wtisa.title,
  SOURCES.regs2024.title,
  SOURCES.penaltyRegs.title,
  SOURCES.methodology.title,
];

/**
 * The national rules (England, from 19 August 2024): the default profile every local one starts from.
 * Numbers carry a citation of where they come from: the guidance or regulation, by title and section.
 */
export const nationalProfile: PolicyProfile = deepFreeze(
  policyProfileSchema.parse({
    id: 'national',
    name: 'National rules (England, 2024)',
    kind: 'national',
    source: 'national',
    version: '2024.1',

    register: {
      closesAfterMinutes: 30,
      citation: {
        source: wtisa,
        where: 'Recording attendance: the register should close no more than 30 minutes after it opens',
      },
    },

    absence: {
      persistentPercent: 10,
      severePercent: 50,
      atRiskFromPercent: 5,
      citation: {
        source: methodology,
        where: 'Persistent absence (10% or more of possible sessions) and severe absence (50% or more)',
      },
      atRiskCitation: {
        source: wtisa,
        where:
          'Schools act early with pupils at risk of becoming persistently absent; the 5% start of the band is this product’s default, not a national number',
      },
    },

    penaltyThreshold: {
      sessions: 10,
      schoolWeeks: 10,
      codes: ['G', 'N', 'O', 'U'],
      citation: {
        source: `${wtisa}; ${penaltyRegs}`,
        where:
          'National framework for penalty notices: 10 sessions of unauthorised absence within a rolling 10 school weeks',
      },
    },

    penaltyNotice: {
      firstAmount: 160,
      firstReducedAmount: 80,
      reducedWithinDays: 21,
      payWithinDays: 28,
      secondAmount: 160,
      maxNoticesInPeriod: 2,
      periodYears: 3,
      countsNoticesFrom: '2024-08-19',
      citation: {
        source: penaltyRegs,
        where:
          'Amounts: £160, or £80 if paid within 21 days; a second notice within 3 years £160; no third within 3 years',
      },
    },

    noticeToImprove: {
      period: { unit: 'weeks', min: 3, max: 6 },
      mustInclude: [
        'the pupil’s attendance record and the offences',
        'the parent’s duty under s7 of the Education Act 1996',
        'the support already provided and further support available',
        'a warning that a penalty notice or prosecution may follow',
        'what sufficient improvement means for this pupil',
        'the grounds on which a penalty notice may be issued before the improvement period ends',
      ],
      citation: { source: wtisa, where: 'Notices to improve: an improvement period of 3 to 6 weeks' },
    },

    unexplainedAbsence: {
      firstDayContact: 'Contact parents today to find out why the pupil is absent',
      homeVisitOnDay: 3,
      homeVisitStep:
        'Still unexplained: make a home visit or safe-and-well check and consider children missing education',
      socialWorkerStep: 'Tell the pupil’s social worker (or youth offending team worker) about the unexplained absence',
      correctNWithin: { days: 5, unit: 'school-days' },
      citation: { source: wtisa, where: 'Expectations of schools: follow up unexplained absence on the first day' },
      homeVisitCitation: {
        source: wtisa,
        where: 'Expectations of schools: contact or home visit where absence is unexplained',
      },
      socialWorkerCitation: {
        source: wtisa,
        where: 'Inform the social worker of unexplained absence of a pupil with a social worker',
      },
      correctNCitation: {
        source: regs2024,
        where: 'reg 10 and the Code N entry: replace N within 5 school days of the session, else record O',
      },
    },

    sicknessReturn: {
      days: 15,
      sessionCounts: 'half-day',
      once: 'per-episode',
      nextStep:
        'Send the local authority a sickness return (name and address) so it can arrange education for health needs',
      citation: {
        source: `${wtisa}; ${regs2024}`,
        where:
          'Sickness returns: 15 school days of illness, consecutive or cumulative; one return per continuous illness in a school year',
      },
    },

    continuousAbsence: {
      days: 10,
      codes: ['G', 'N', 'O', 'U'],
      nextStep:
        'Include the pupil in the attendance return to the local authority and make reasonable enquiries about where they are',
      citation: {
        source: regs2024,
        where: 'Attendance returns: absent for a continuous period of 10 school days with unauthorised codes',
      },
    },

    deletionGround: {
      days: 20,
      codes: ['G', 'N', 'O'],
      citation: {
        source: regs2024,
        where:
          'reg 9(1)(i): continuously absent 20 school days, no reasonable grounds to think the absence is from sickness or an unavoidable cause, and the school and LA have failed to find the pupil after reasonable enquiries',
      },
    },

    lateness: {
      codes: ['L', 'U'],
      sessions: 10,
      schoolWeeks: 10,
      nextStep:
        'Talk with the parents about the reasons for lateness and agree support; U marks count toward the penalty threshold',
      citation: {
        source: wtisa,
        where:
          'Punctuality: L counts as present, U (after the register closes) as unauthorised absence; 10 late sessions in 10 school weeks is this product’s default trigger',
      },
    },

    brokenWeeks: {
      concernRatio: 0.5,
      minimumBrokenWeeks: 2,
      nextStep:
        'Look at the pattern of odd days missed with the family; consider a medical action plan for repeated minor ailments',
      // There is no national broken-weeks rule: the guidance asks schools to find patterns in their data,
      // and the ratio is this product's default, as the citation says.
      citation: {
        source: wtisa,
        where:
          'Expectations of schools: analyse attendance data to spot patterns of absence; half or more of school weeks with an absence is this product’s default, not a national number',
      },
    },

    leave: {
      refuseHolidays: false,
      citation: {
        source: regs2024,
        where:
          'reg 11: leave of absence only for exceptional circumstances, applied for in advance by a parent the pupil normally lives with',
      },
    },

    stages: [
      {
        id: 'expect',
        name: 'Expect',
        trigger: 'All pupils',
        actions: ['Promote good attendance; first-day contact for any unexplained absence'],
        citation: { source: wtisa, where: 'Support first: expect' },
      },
      {
        id: 'monitor',
        name: 'Monitor',
        trigger: 'Patterns of absence emerging, or at risk of persistent absence',
        actions: ['Analyse attendance data to spot patterns', 'Talk with the pupil and parents'],
        citation: { source: wtisa, where: 'Support first: monitor' },
      },
      {
        id: 'listen-understand-support',
        name: 'Listen, understand, support',
        trigger: 'Persistent absence',
        actions: [
          'Meet pupil and parents to understand barriers',
          'Agree an action plan with the local authority and other services',
        ],
        reviewEveryWeeks: [4, 6],
        citation: { source: wtisa, where: 'Support first: listen, understand and support' },
      },
      {
        id: 'formalise-support',
        name: 'Formalise support',
        trigger: 'Support not working or not engaged with',
        actions: ['Attendance contract or education supervision order considered with the LA'],
        citation: { source: wtisa, where: 'Support first: formalise support' },
      },
      {
        id: 'enforce',
        name: 'Enforce',
        trigger: 'Support has not worked or been engaged with, or is not appropriate (e.g. a term-time holiday)',
        actions: [
          'Notice to improve, penalty notice, prosecution or school attendance order, as the LA’s code of conduct sets',
        ],
        citation: { source: wtisa, where: 'Support first: enforce' },
      },
    ],

    partTimeTimetables: {
      // A week's notice of a review is what a school needs to gather the pupil, parents and plan.
      reviewDueWithinDays: 7,
      agreementCitation: {
        source: regs2024,
        where: 'reg 11(6): agreed by the school and a parent the pupil normally lives with',
      },
      reviewCitation: { source: wtisa, where: 'part-time timetables: regular reviews with the pupil and parents' },
      endDateCitation: { source: wtisa, where: 'part-time timetables: a proposed end date, extended only at review' },
      socialWorkerCitation: { source: wtisa, where: 'part-time timetables: keep the social worker informed' },
      ehcpCitation: {
        source: wtisa,
        where: 'part-time timetables: discuss with the local authority when there is an EHC plan',
      },
      recordingCitation: { source: regs2024, where: 'reg 11(6) and the C2 code: leave for a part-time timetable' },
    },

    crossBorder: {
      citation: { source: wtisa, where: 'pupils who live in one local authority and attend school in another' },
      enquiriesCitation: { source: regs2024, where: 'reg 9(1)(h) and (i): reasonable enquiries before deletion' },
    },

    notify: {
      sicknessReturn: 'the local authority (education for children with health needs)',
      continuousAbsence: 'the local authority (attendance return)',
      unexplainedWithSocialWorker: 'the pupil’s social worker',
    },
  }),
);
