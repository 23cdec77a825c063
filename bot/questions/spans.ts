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
  let out = text;
  for (const { start, end } of spans) out = out.slice(0, start) + ' '.repeat(end - start) + out.slice(end);
  return out;
}
