import { schoolLabel } from '../schools/schoolData.ts';
import { cohortCard, type YearGroupChartView } from '../../cards/queries/cohortCard.ts';
import { absencePercent, type CohortFilter, cohortMeasures, formatLongDate, formatPercent } from '../../rules/index.ts';
import { userKey } from '../access/access.ts';
import { type BotMessage, type ConversationInfo, type UserInfo } from '../host/featureHost.ts';
import { contextFlagFilters, filtersLabel, yearLabel } from './describeView.ts';
import { NATIONAL_SOURCES, nationalComparison } from './nationalFigures.ts';
import { type QueryServices } from './queryServices.ts';
import { type QueryToken } from './queryToken.ts';
import { type ScopedSchool } from './schoolScope.ts';

/** Below this many pupils a cohort picked by a context flag could identify a child: DfE suppresses small counts too. */
const MIN_FLAGGED_COHORT = 5;

export interface CohortRequest {
  token: QueryToken;
  schools: ScopedSchool[];
  conversation: ConversationInfo;
  user: UserInfo;
}

/** Year groups in the order schools say them: nursery, reception, then 1 to 13. */
function yearOrder(year: string): number {
  if (/^N\d$/.test(year)) return -10 + Number(year.slice(1));
  if (year === 'R') return 0;
  return Number(year) || 99;
}

/**
 * Persistent absence by year group across the schools in scope: the share of each year's counted pupils
 * persistently absent, as DfE reports it. A year with fewer than MIN_FLAGGED_COHORT pupils counted is left
 * out, as its rate would point at a child.
 */
function yearGroupChart(services: QueryServices, request: CohortRequest): YearGroupChartView {
  const years = new Map<string, { counted: number; pa: number }>();
  for (const { school } of request.schools) {
    const { context } = services.cache.evaluation(school, request.token.asOf ?? school.asOf, request.token.from);
    const groups = [...new Set(school.register.pupils.map((p) => p.yearGroup))];
    for (const yearGroup of groups) {
      const c = cohortMeasures(context, { yearGroup });
      const sum = years.get(yearGroup) ?? { counted: 0, pa: 0 };
      sum.counted += c.pupilsCounted;
      sum.pa += c.persistentlyAbsent;
      years.set(yearGroup, sum);
    }
  }
  const shown = [...years]
    .filter(([, y]) => y.counted >= MIN_FLAGGED_COHORT)
    .sort((a, b) => yearOrder(a[0]) - yearOrder(b[0]));
  return {
    title: 'Persistent absence by year group',
    bars: shown.map(([year, y]) => ({ x: yearLabel(year), y: Math.round((1000 * y.pa) / y.counted) / 10 })),
    rows: shown.map(([year, y]) => ({
      title: yearLabel(year),
      value: `${formatPercent((100 * y.pa) / y.counted)} (${y.pa} of ${y.counted} pupils)`,
    })),
  };
}

/** "How does Year 7 compare with national?": the cohort's measures beside the matching national figures. */
export async function answerCohort(services: QueryServices, request: CohortRequest): Promise<BotMessage> {
  const filter: CohortFilter = request.token.filters;
  const totals = { pupils: 0, counted: 0, pa: 0, sa: 0, possible: 0, absence: 0, authorised: 0, unauthorised: 0 };
  const periods = new Set<string>();
  for (const { school } of request.schools) {
    const { context } = services.cache.evaluation(school, request.token.asOf ?? school.asOf, request.token.from);
    const c = cohortMeasures(context, filter);
    totals.pupils += c.pupils;
    totals.counted += c.pupilsCounted;
    totals.pa += c.persistentlyAbsent;
    totals.sa += c.severelyAbsent;
    totals.possible += c.possible;
    totals.absence += c.absence;
    totals.authorised += c.authorised;
    totals.unauthorised += c.unauthorised;
    periods.add(`${formatLongDate(context.period.from)} to ${formatLongDate(context.period.to)}`);
  }
  const national = nationalComparison(filter);
  const label = filtersLabel(filter);
  const first = request.schools[0].school;
  const share = (n: number) => (totals.counted === 0 ? null : (100 * n) / totals.counted);
  const shareText = (n: number) => (totals.counted === 0 ? 'n/a' : `${formatPercent(share(n))} (${n})`);
  const comparisons = [
    {
      measure: 'Overall absence',
      cohort: absencePercent(totals.absence, totals.possible),
      shown: formatPercent(absencePercent(totals.absence, totals.possible)),
      national: national.overallAbsencePercent ?? null,
    },
    {
      measure: 'Persistently absent (10%+)',
      cohort: share(totals.pa),
      shown: shareText(totals.pa),
      national: national.persistentAbsencePercent ?? null,
    },
    {
      measure: 'Severely absent (50%+)',
      cohort: share(totals.sa),
      shown: shareText(totals.sa),
      national: national.severeAbsencePercent ?? null,
    },
  ];
  const suppressed = contextFlagFilters(filter).length > 0 && totals.pupils < MIN_FLAGGED_COHORT;
  await services.store.appendAudit({
    at: new Date().toISOString(),
    who: userKey(request.user),
    what: 'query.cohort',
    schoolUrn: request.schools.length === 1 ? first.urn : undefined,
    detail: { pupils: totals.pupils, suppressed, conversation: request.conversation.id },
  });
  return cohortCard({
    title: `${label === '' ? 'Whole school' : label[0].toUpperCase() + label.slice(1)} against national`,
    school: request.schools.length === 1 ? schoolLabel(first) : `${request.schools.length} schools`,
    cohortLabel: `${label === '' ? 'all pupils' : label} (${totals.pupils} pupils)`,
    cohortHeading: label === '' ? 'School' : 'Cohort',
    periodLabel: [...periods].join('; '),
    policyName: [...new Set(request.schools.map((s) => s.school.policy.name))].join('; '),
    suppressed,
    suppressedText: `Only ${totals.pupils === 1 ? '1 pupil matches' : `${totals.pupils} pupils match`}, so figures are not shown: fewer than ${MIN_FLAGGED_COHORT} could identify a child.`,
    rows: comparisons.map((c) => ({
      measure: c.measure,
      cohort: c.shown,
      national: c.national === null ? 'n/a' : `${c.national}%`,
    })),
    comparisons: comparisons.map((c) => ({ measure: c.measure, cohort: c.cohort, national: c.national })),
    breakdown: [
      { label: 'Authorised absence', value: formatPercent(absencePercent(totals.authorised, totals.possible)) },
      { label: 'Unauthorised absence', value: formatPercent(absencePercent(totals.unauthorised, totals.possible)) },
    ],
    yearChart: Object.keys(filter).length === 0 ? yearGroupChart(services, request) : undefined,
    notes: `National figures are for ${national.group} over the autumn term 2024/25; the cohort's cover the period above, and absence rises through the school year, so compare the gap, not the decimals; n/a means DfE publishes no figure for this group. Persistent and severe absence are shares of the ${totals.counted} pupils counted.`,
    sources: `National: ${NATIONAL_SOURCES[national.source]}.`,
  });
}
