import { describe, expect, it } from 'vitest';
import { cohortTrendChart } from '../../cards/charts/cohortTrendChart.ts';
import { weeklyAttendanceChart } from '../../cards/charts/weeklyAttendanceChart.ts';
import { cohortCard } from '../../cards/queries/cohortCard.ts';
import { pupilCard } from '../../cards/queries/pupilCard.ts';
import { type WeeklyAttendance } from '../../rules/measures/weeklyAttendance.ts';
import { chartElements, chartProblems } from '../support/chartShapes.ts';
import { cardProblems } from '../support/validateCard.ts';
import { sampleCohortCard, samplePupilCard } from './sampleCardData.ts';

const card = (element: unknown) => ({ type: 'AdaptiveCard', version: '1.5', body: [element] });
const facts = { type: 'FactSet', facts: [{ title: 'Year 7', value: '18.7%' }] };

function week(weekOf: string, weekPercent: number | null, percentToDate: number | null): WeeklyAttendance {
  return { weekOf, possible: 10, attended: 9, weekPercent, possibleToDate: 10, attendedToDate: 9, percentToDate };
}

describe('chart elements in Teams’ documented shapes', () => {
  it('accepts each documented chart with a fallback that shows the figures', () => {
    const charts = [
      {
        type: 'Chart.Line',
        data: [{ legend: 'Year so far', values: [{ x: '2025-09-01', y: 95 }] }],
        fallback: facts,
      },
      { type: 'Chart.VerticalBar', data: [{ x: 'Year 7', y: 18.7 }], fallback: facts },
      {
        type: 'Chart.VerticalBar.Grouped',
        data: [{ legend: 'School', values: [{ x: 'Overall absence', y: 6.9 }] }],
        fallback: facts,
      },
      { type: 'Chart.HorizontalBar', data: [{ x: 'Year 7', y: 18.7, color: 'attention' }], fallback: facts },
      { type: 'Chart.Donut', data: [{ legend: 'Illness', value: 51 }], fallback: facts },
      { type: 'Chart.Gauge', value: 91, segments: [{ legend: 'Attended', size: 91 }], fallback: facts },
    ];
    for (const chart of charts) expect(cardProblems(card(chart))).toEqual([]);
  });

  it('rejects a chart without a fallback, one that drops itself, a wrong data shape and an unknown colour', () => {
    const line = { type: 'Chart.Line', data: [{ legend: 'A', values: [{ x: '2025-09-01', y: 95 }] }] };
    expect(chartProblems(card(line)).join()).toMatch(/fallback/);
    expect(chartProblems(card({ ...line, fallback: 'drop' })).join()).toMatch(/fallback/);
    expect(
      chartProblems(card({ ...line, fallback: facts, data: [{ x: '2025-09-01', y: 95 }] })).length,
    ).toBeGreaterThan(0);
    expect(
      chartProblems(card({ type: 'Chart.VerticalBar', data: [{ x: 'Year 7', y: 1, color: 'red' }], fallback: facts })),
    ).not.toEqual([]);
    expect(chartProblems(card({ type: 'Chart.Gauge', value: '91%', segments: [], fallback: facts }))).not.toEqual([]);
  });

  it('the pupil card draws attendance week by week with the 90% line, as numbers, and facts without charts', () => {
    const filled = pupilCard(samplePupilCard(true)).card!;
    const [chart] = chartElements(filled) as { type: string; data: { legend: string; values: { y: unknown }[] }[] }[];
    expect(chart.type).toBe('Chart.Line');
    expect(chart.data.map((d) => d.legend)).toEqual(['That week', 'Year so far', '90% (below it: persistent absence)']);
    expect(chart.data.flatMap((d) => d.values).every((v) => typeof v.y === 'number')).toBe(true);
    expect(JSON.stringify(filled)).toContain('"title":"8 Sept","value":"70.0%, so far 100.0%"');
    expect(cardProblems(filled)).toEqual([]);
  });

  it('the cohort card sets the cohort beside national as grouped bars, leaving out measures with no national figure', () => {
    const data = sampleCohortCard(false);
    data.comparisons.push({ measure: 'Illness', cohort: 3.1, national: null });
    const [chart] = chartElements(cohortCard(data).card) as { data: { legend: string; values: { x: string }[] }[] }[];
    expect(chart.data.map((d) => d.legend)).toEqual(['Year 7', 'National']);
    expect(chart.data[0].values.map((v) => v.x)).not.toContain('Illness');
  });

  it('leaves out weeks with no possible session rather than drawing them as zero', () => {
    const view = weeklyAttendanceChart([week('2025-09-01', 100, 100), week('2025-09-08', null, 100)], 'Amy');
    expect(view.series[0].points).toEqual([{ x: '2025-09-01', y: 100 }]);
    expect(view.rows.map((r) => r.week)).toEqual(['1 Sept']);
  });

  it('draws a meeting’s cohort trend only when there are two weeks to compare', () => {
    const school = [week('2025-11-03', 94, 94), week('2025-11-10', 93, 93.5)];
    expect(cohortTrendChart('t', { legend: 'Pupils on this agenda', weeks: school.slice(0, 1) }, school).show).toBe(
      false,
    );
    const view = cohortTrendChart('t', { legend: 'Pupils on this agenda', weeks: school }, school);
    expect(view.show).toBe(true);
    expect(view.rows[1]).toEqual({ week: '10 Nov', value: '93.0%; school 93.0%' });
  });
});
