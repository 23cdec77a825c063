/** The national codes written with two characters; every other code is one character. */
const TWO_CHARACTER = /^(?:C1|C2|J1|Y[1-7])/i;

/**
 * Splits a grid cell into its session marks, left to right: "/\\" → ["/", "\\"], "C1C1" → ["C1", "C1"],
 * "/\\/\\N\\" → five days' worth. A space or `-` is a session with no mark (kept as "" so positions hold).
 * Characters that are not codes stay as they are, for the caller to report.
 */
export function splitMarkCell(cell: string): string[] {
  const marks: string[] = [];
  let i = 0;
  while (i < cell.length) {
    const two = TWO_CHARACTER.exec(cell.slice(i, i + 2));
    if (two) {
      marks.push(two[0].toUpperCase());
      i += 2;
      continue;
    }
    const ch = cell[i];
    marks.push(ch === ' ' || ch === '-' ? '' : ch);
    i++;
  }
  return marks;
}
