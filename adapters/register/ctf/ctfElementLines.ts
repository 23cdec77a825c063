/** Where an element sits in the XML text: its first line and its exact text, for problems and rejects. */
export interface ElementSpan {
  line: number;
  text: string;
}

function lineStarts(text: string): number[] {
  const starts = [0];
  for (let i = 0; i < text.length; i++) if (text.charCodeAt(i) === 10) starts.push(i + 1);
  return starts;
}

function lineAt(starts: readonly number[], offset: number): number {
  let lo = 0;
  let hi = starts.length - 1;
  while (lo < hi) {
    const mid = (lo + hi + 1) >> 1;
    if (starts[mid] <= offset) lo = mid;
    else hi = mid - 1;
  }
  return lo + 1;
}

/**
 * Every `<name>…</name>` element in document order, with its line. The XML parser gives values, not
 * positions, so the k-th element it returns is matched to the k-th one found here.
 */
export function elementSpans(text: string, name: string, offset = 0, starts = lineStarts(text)): ElementSpan[] {
  const spans: ElementSpan[] = [];
  const open = new RegExp(`<${name}(?=[\\s>/])[^>]*?(/?)>`, 'g');
  const close = `</${name}>`;
  open.lastIndex = offset;
  for (let m = open.exec(text); m; m = open.exec(text)) {
    const end = m[1] === '/' ? m.index + m[0].length : text.indexOf(close, m.index);
    const stop = end < 0 ? text.length : m[1] === '/' ? end : end + close.length;
    spans.push({ line: lineAt(starts, m.index), text: text.slice(m.index, stop) });
    open.lastIndex = stop;
  }
  return spans;
}

/** The same as elementSpans, for elements inside an outer span, with lines counted from the file's start. */
export function innerSpans(outer: ElementSpan, name: string): ElementSpan[] {
  return elementSpans(outer.text, name).map((s) => ({ line: outer.line + s.line - 1, text: s.text }));
}
