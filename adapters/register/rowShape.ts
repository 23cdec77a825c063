/** A row that cannot be read cell by cell against its header, and why. */
export interface RowShapeProblem {
  /** The first column the row is missing, or `(row)` for a row with cells past the header. */
  field: string;
  message: string;
}

/** A column as a problem names it: its header, or its place when the header cell is empty. */
export function columnName(header: readonly string[], index: number): string {
  return header[index]?.trim() || `column ${index + 1}`;
}

/** How many columns a header names: trailing empty header cells (Excel pads the header too) name none. */
export function namedColumnCount(header: readonly string[]): number {
  let n = header.length;
  while (n > 0 && header[n - 1].trim() === '') n--;
  return n;
}

/**
 * Checks a row's cell count against its header. A row with fewer cells than the header names has lost
 * a column (a comma dropped while editing by hand, a report cut short): reading the missing cells as
 * blank would turn "no cell" into "no mark" and could replace a real mark, and a dropped comma in the
 * middle shifts every later cell into the wrong column. A row with more cells holds a comma that should
 * have been quoted, which shifts its cells too; extra cells that are empty are padding (Excel writes
 * `,,` to the width of the sheet) and are harmless.
 */
export function rowShapeProblem(
  header: readonly string[],
  cellCount: number,
  cellIsEmpty: (index: number) => boolean,
): RowShapeProblem | undefined {
  const named = namedColumnCount(header);
  if (cellCount < named) {
    const missing = header.slice(cellCount, named).filter((h) => h.trim() !== '');
    return {
      field: missing[0] ?? `column ${cellCount + 1}`,
      message: `the row has ${cellCount} cell${cellCount === 1 ? '' : 's'} but the header names ${named} columns, so ${missing.map((h) => JSON.stringify(h)).join(', ')} ${missing.length === 1 ? 'is' : 'are'} missing; every row needs every column, written empty (",,") where there is nothing to say`,
    };
  }
  for (let i = named; i < cellCount; i++) {
    if (!cellIsEmpty(i))
      return {
        field: '(row)',
        message: `the row has ${cellCount} cells but the header names ${named} columns: a cell holding a comma must be quoted ("Khan, Jnr"), or every later cell moves one column along`,
      };
  }
  return undefined;
}
