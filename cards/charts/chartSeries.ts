/**
 * A line of a `Chart.Line`, or a group of a `Chart.VerticalBar.Grouped`: Teams' shape is
 * `{ legend, color, values: [{ x, y }] }` (Microsoft, "Charts in Adaptive Cards"); templates map `points`
 * to `values`.
 */
export interface ChartSeries {
  legend: string;
  /** One of Teams' chart colour names ("good", "attention", "neutral", "categoricalBlue", ...). */
  color: string;
  points: { x: string; y: number }[];
}
