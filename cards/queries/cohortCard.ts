import { type BotMessage } from '../cardTypes.ts';
import { type ChartSeries } from '../charts/chartSeries.ts';
import { cardTemplate } from '../fillCard.ts';

export interface CohortCardRow {
  measure: string;
  cohort: string;
  national: string;
}

/** One measure compared: the cohort's figure and the national one, as numbers for the chart. */
export interface CohortComparison {
  measure: string;
  cohort: number | null;
  national: number | null;
}

/** Persistent absence by year group, for a whole school or several. */
export interface YearGroupChartView {
  title: string;
  /** `x` is "Year 7"; `y` the share of the year's counted pupils persistently absent. */
  bars: { x: string; y: number }[];
  /** The same as facts for clients without charts: "Year 7" -> "18.7% (34 of 182 pupils)". */
  rows: { title: string; value: string }[];
}

export interface CohortCardData {
  title: string;
  school: string;
  cohortLabel: string;
  /** The cohort's column heading and chart legend: "Year 7", "School". */
  cohortHeading: string;
  periodLabel: string;
  policyName: string;
  /** Too few pupils to show figures without identifying them. */
  suppressed: boolean;
  suppressedText: string;
  /** The measures that have a national figure to compare, worded for the table. */
  rows: CohortCardRow[];
  /** The same as numbers, drawn as grouped bars (the table is the bars' fallback). */
  comparisons: CohortComparison[];
  /** Figures with no national counterpart: authorised and unauthorised absence. */
  breakdown: { label: string; value: string }[];
  /** Persistent absence by year group; absent when the cohort is one year group. */
  yearChart?: YearGroupChartView;
  notes: string;
  sources: string;
}

interface CohortTemplateData extends Omit<CohortCardData, 'yearChart'> {
  fallbackText: string;
  hasComparisonChart: boolean;
  comparisonSeries: ChartSeries[];
  hasYearChart: boolean;
  yearChart: YearGroupChartView;
}

const template = cardTemplate<CohortTemplateData>(new URL('./cohortCard.json', import.meta.url));

export function cohortCardText(data: CohortCardData): string {
  const head = `${data.title}: ${data.cohortLabel} at ${data.school}, ${data.periodLabel}.`;
  if (data.suppressed) return `${head} ${data.suppressedText}`;
  return [
    head,
    ...data.rows.map((r) => `- ${r.measure}: ${r.cohort} (national ${r.national})`),
    ...data.breakdown.map((b) => `- ${b.label}: ${b.value}`),
    ...(data.yearChart
      ? [`${data.yearChart.title}:`, ...data.yearChart.rows.map((r) => `- ${r.title}: ${r.value}`)]
      : []),
    data.notes,
    data.sources,
  ].join('\n');
}

const round1 = (value: number) => Math.round(value * 10) / 10;

/**
 * A cohort's or school's measures beside national figures, each with its source: grouped bars where Teams
 * draws charts, the table elsewhere; persistent absence by year group for a whole school.
 */
export function cohortCard(data: CohortCardData): BotMessage {
  const text = cohortCardText(data);
  // Only measures with both figures can stand side by side as bars.
  const both = data.comparisons.filter((c) => c.cohort !== null && c.national !== null);
  const series = (legend: string, color: string, pick: (c: CohortComparison) => number | null): ChartSeries => ({
    legend,
    color,
    points: both.map((c) => ({ x: c.measure, y: round1(pick(c)!) })),
  });
  return {
    text,
    card: template.fill({
      ...data,
      fallbackText: text,
      hasComparisonChart: both.length > 0,
      comparisonSeries: [
        series(data.cohortHeading, 'categoricalBlue', (c) => c.cohort),
        series('National', 'neutral', (c) => c.national),
      ],
      hasYearChart: data.yearChart !== undefined && data.yearChart.bars.length > 1,
      yearChart: data.yearChart ?? { title: '', bars: [], rows: [] },
    }),
  };
}
