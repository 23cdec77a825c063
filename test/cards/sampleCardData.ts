import { weeklyAttendanceChart } from '../../cards/charts/weeklyAttendanceChart.ts';
import { type CohortCardData } from '../../cards/queries/cohortCard.ts';
import { type HelpCardData } from '../../cards/queries/helpCard.ts';
import { type ListCardData } from '../../cards/queries/listCard.ts';
import { type PupilCardData } from '../../cards/queries/pupilCard.ts';

/** Card data at realistic lengths (the longest reasons the rules write), for validation and rendering tests. */
export function sampleListCard(rows: number, hasMore: boolean): ListCardData {
  return {
    title: 'Penalty threshold reached',
    countText: `${rows} pupils have 10 or more unauthorised sessions in 10 school weeks.`,
    school: 'Oakfield Primary (URN 100001)',
    asOfLabel: 'Friday 21 November 2025',
    policyName: 'National (DfE)',
    privacyLabel: 'limited (a team channel)',
    filtersText: '',
    rows: Array.from({ length: rows }, (_, i) => ({
      name: `Pupil ${i + 1} Example`,
      year: 'Year 9',
      figure: '11 unauthorised sessions in 10 school weeks',
      why: '11 unauthorised sessions (G 4, O 5, U 2) in the 10 school weeks from Mon 15 Sep to Fri 21 Nov: the threshold for considering a penalty notice is 10.',
      safeguarding: false,
      safeguardingStep: '',
    })),
    count: rows,
    emptyText: '',
    citation:
      'Source: DfE, Working together to improve school attendance (statutory guidance, August 2024), paragraph 190',
    pageText: hasMore ? `Pupils 1-${rows} of ${rows + 7}.` : '',
    hasMore,
    nextTitle: 'Next 7',
    nextStart: 20,
    queryToken: '{"kind":"penalty-threshold","urn":"100001"}',
  };
}

export function samplePupilCard(full: boolean): PupilCardData {
  const context = full
    ? [
        { label: 'Social worker', value: 'yes' },
        { label: 'Free school meals', value: 'yes' },
      ]
    : [];
  return {
    name: 'Amy Smith',
    subtitle: 'Year 9 · 9B',
    school: 'Oakfield Academy (URN 100002)',
    asOfLabel: 'Friday 21 November 2025',
    policyName: 'National (DfE)',
    privacyLabel: full ? 'full (personal chat)' : 'limited (a team channel)',
    periodLabel: 'since Monday 1 September 2025',
    measures: [
      { label: 'Attendance', value: '84.5% (98 of 116 sessions)' },
      { label: 'Absence', value: '15.5% (18 sessions: 6 authorised, 12 unauthorised)' },
      { label: 'Broken weeks', value: '7 of 12' },
    ],
    context,
    hasContext: context.length > 0,
    findingsTitle: 'Findings (2)',
    findings: [
      {
        title: 'Persistent absence',
        reason:
          'Absent for 15.5% of possible sessions from Mon 1 Sep to Fri 21 Nov (18 of 116): persistent absence is 10% or more.',
        nextStep: 'Meet the family to understand the barriers and agree an action plan with review dates',
        citation:
          'DfE, Working together to improve school attendance (statutory guidance, August 2024), paragraphs 98-100',
      },
      {
        title: 'Penalty threshold',
        reason:
          '11 unauthorised sessions (G 4, O 5, U 2) in the 10 school weeks from Mon 15 Sep to Fri 21 Nov: the threshold for considering a penalty notice is 10.',
        nextStep:
          'Offer support first; consider a notice to improve (improvement period 3-6 weeks) before a penalty notice',
        citation: 'School Attendance (Pupil Registration) (England) Regulations 2024 (SI 2024/208), regulation 12',
      },
    ],
    limitedNote: full ? '' : 'Context flags and safeguarding detail are not shown in this conversation.',
    weekCount: 6,
    hasChart: true,
    chart: weeklyAttendanceChart(
      ['2025-09-01', '2025-09-08', '2025-09-15'].map((weekOf, i) => ({
        weekOf,
        possible: 10,
        attended: 10 - 3 * i,
        weekPercent: 100 - 30 * i,
        possibleToDate: 10 * (i + 1),
        attendedToDate: 10 * (i + 1) - 3 * ((i * (i + 1)) / 2),
        percentToDate: 100,
      })),
      'Amy Smith',
    ),
    weeks: Array.from({ length: 6 }, (_, i) => ({
      label: `${10 + i} Nov`,
      days: ['/\\', 'NN', '/\\', 'GG', 'O\\'].map((code) => ({ code })),
    })),
    marksKey:
      '/ \\ present (AM, PM) · N no reason yet · G holiday not agreed · O other unauthorised · I illness · L late',
  };
}

export function sampleCohortCard(suppressed: boolean): CohortCardData {
  return {
    title: 'Year 7 against national',
    school: 'Oakfield Academy (URN 100002)',
    cohortLabel: 'Year 7 (182 pupils)',
    cohortHeading: 'Year 7',
    periodLabel: 'Mon 1 Sep 2025 to Fri 21 Nov 2025',
    policyName: 'National (DfE)',
    suppressed,
    suppressedText: 'Fewer than 5 pupils match, so figures are not shown: they could identify a child.',
    rows: [
      { measure: 'Overall absence', cohort: '6.9%', national: '6.38%' },
      { measure: 'Persistently absent (10%+)', cohort: '18.7% (34)', national: '17.79%' },
      { measure: 'Severely absent (50%+)', cohort: '1.6% (3)', national: '2.04%' },
    ],
    comparisons: [
      { measure: 'Overall absence', cohort: 6.9, national: 6.38 },
      { measure: 'Persistently absent (10%+)', cohort: 18.7, national: 17.79 },
      { measure: 'Severely absent (50%+)', cohort: 1.6, national: 2.04 },
    ],
    breakdown: [
      { label: 'Authorised absence', value: '4.1%' },
      { label: 'Unauthorised absence', value: '2.8%' },
    ],
    notes: "National figures are for a different period than the cohort's: compare the shape, not the decimals.",
    sources: 'National: DfE, Pupil absence in schools in England, autumn term 2024/25 (state-funded schools).',
  };
}

export function sampleHelpCard(): HelpCardData {
  return {
    title: 'What I can answer',
    intro: 'As a member of staff you can ask about pupils and groups.',
    sections: [
      {
        heading: 'Ask in your own words',
        examples: ['which pupils hit the penalty threshold?', 'who is persistently absent in Year 9?'],
      },
      { heading: 'One pupil', examples: ['how is Amy Smith doing?'] },
    ],
    footer: 'In a channel, mention me first. Set up: link school <URN>.',
    asks: [
      {
        title: 'who is persistently absent in Year 9 this term?',
        question: 'who is persistently absent in Year 9 this term?',
      },
      { title: 'Help', question: 'help' },
    ],
  };
}
