import { z } from 'zod';

/**
 * The chart elements Teams draws in Adaptive Cards, in the shapes Microsoft's "Charts in Adaptive Cards"
 * page documents (Teams platform documentation). The adaptivecards SDK does not know them, so a card
 * carrying one is checked here instead: the right shape, and a fallback of real content (a table or
 * facts), so a client without charts (the Agents Playground, older Teams) still shows the figures.
 */
const CHART_COLOURS = [
  'good',
  'warning',
  'attention',
  'neutral',
  'categoricalRed',
  'categoricalPurple',
  'categoricalLavender',
  'categoricalBlue',
  'categoricalLightBlue',
  'categoricalTeal',
  'categoricalGreen',
  'categoricalLime',
  'categoricalMarigold',
  ...Array.from({ length: 8 }, (_, i) => `sequential${i + 1}`),
  'divergingBlue',
  'divergingLightBlue',
  'divergingCyan',
  'divergingTeal',
  'divergingYellow',
  'divergingPeach',
  'divergingLightRed',
  'divergingRed',
  'divergingMaroon',
  'divergingGray',
] as const;
const colour = z.enum(CHART_COLOURS);

/** A fallback that shows something: an element object (not "drop", which would show nothing). */
const fallback = z
  .object({ type: z.enum(['Container', 'Table', 'FactSet', 'TextBlock', 'ColumnSet', 'RichTextBlock']) })
  .loose();

const common = {
  title: z.string().min(1).optional(),
  fallback,
  spacing: z.string().optional(),
  separator: z.boolean().optional(),
  id: z.string().optional(),
  colorSet: z.string().optional(),
};
const axes = { xAxisTitle: z.string().optional(), yAxisTitle: z.string().optional() };
const barPoint = z.object({ x: z.string().min(1), y: z.number().finite(), color: colour.optional() }).strict();
const seriesPoint = z.object({ x: z.union([z.string().min(1), z.number()]), y: z.number().finite() }).strict();
const series = z
  .object({ legend: z.string().min(1), color: colour.optional(), values: z.array(seriesPoint).min(1) })
  .strict();

export const CHART_ELEMENT = z.discriminatedUnion('type', [
  z
    .object({
      type: z.literal('Chart.Line'),
      ...common,
      ...axes,
      color: colour.optional(),
      data: z.array(series).min(1),
    })
    .strict(),
  z
    .object({
      type: z.literal('Chart.VerticalBar'),
      ...common,
      ...axes,
      color: colour.optional(),
      showBarValues: z.boolean().optional(),
      data: z.array(barPoint).min(1),
    })
    .strict(),
  z
    .object({
      type: z.literal('Chart.VerticalBar.Grouped'),
      ...common,
      ...axes,
      color: colour.optional(),
      stacked: z.boolean().optional(),
      showBarValues: z.boolean().optional(),
      data: z.array(series).min(1),
    })
    .strict(),
  z
    .object({
      type: z.literal('Chart.HorizontalBar'),
      ...common,
      ...axes,
      color: colour.optional(),
      displayMode: z.enum(['AbsoluteWithAxis', 'AbsoluteNoAxis', 'PartToWhole']).optional(),
      data: z.array(barPoint).min(1),
    })
    .strict(),
  z
    .object({
      type: z.literal('Chart.Donut'),
      ...common,
      data: z
        .array(z.object({ legend: z.string().min(1), value: z.number().finite(), color: colour.optional() }).strict())
        .min(1),
    })
    .strict(),
  z
    .object({
      type: z.literal('Chart.Gauge'),
      ...common,
      value: z.number().finite(),
      min: z.number().optional(),
      max: z.number().optional(),
      valueFormat: z.enum(['Percentage', 'Fraction']).optional(),
      subLabel: z.string().optional(),
      showLegend: z.boolean().optional(),
      showMinMax: z.boolean().optional(),
      segments: z
        .array(z.object({ legend: z.string().min(1), size: z.number().positive(), color: colour.optional() }).strict())
        .min(1),
    })
    .strict(),
]);

/** Every element of the card whose type starts "Chart.", wherever it sits. */
export function chartElements(card: unknown): Record<string, unknown>[] {
  const found: Record<string, unknown>[] = [];
  const walk = (node: unknown): void => {
    if (Array.isArray(node)) return node.forEach(walk);
    if (typeof node !== 'object' || node === null) return;
    const record = node as Record<string, unknown>;
    if (typeof record.type === 'string' && record.type.startsWith('Chart.')) found.push(record);
    for (const [key, value] of Object.entries(record)) if (key !== 'fallback') walk(value);
  };
  walk(card);
  return found;
}

/** What is wrong with each chart in the card, by its type and title; empty when every chart is right. */
export function chartProblems(card: unknown): string[] {
  return chartElements(card).flatMap((chart) => {
    const parsed = CHART_ELEMENT.safeParse(chart);
    if (parsed.success) return [];
    const name = `${String(chart.type)}${typeof chart.title === 'string' ? ` "${chart.title}"` : ''}`;
    return parsed.error.issues.map((issue) => `${name}: ${issue.path.join('.') || '(element)'}: ${issue.message}`);
  });
}
