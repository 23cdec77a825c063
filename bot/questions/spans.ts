/** Where in the question a piece of meaning was read from. */
export interface TextSpan {
  start: number;
  end: number;
}

/**
 * The text with the spans overwritten by spaces, keeping every other character where it was, so that
 * later readers neither see a part twice ("year 9" is not also a date) nor lose track of positions.
 */
export function blankSpans(text: string, spans: readonly TextSpan[]): string {
  if (spans.length === 0) return text;
  // One pass over the text in span order: rebuilding the string once per span would make a question with
  // many groups or dates in it cost its length times their number.
  const sorted = [...spans].sort((a, b) => a.start - b.start);
  const parts: string[] = [];
  let at = 0;
  for (const { start, end } of sorted) {
    const from = Math.max(at, Math.min(start, text.length));
    const to = Math.max(from, Math.min(end, text.length));
    parts.push(text.slice(at, from), ' '.repeat(to - from));
    at = to;
  }
  parts.push(text.slice(at));
  return parts.join('');
}
