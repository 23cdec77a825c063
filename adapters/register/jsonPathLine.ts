/** Line of a character offset. */
function lineOf(text: string, offset: number): number {
  let line = 1;
  for (let i = 0; i < offset && i < text.length; i++) if (text.charCodeAt(i) === 10) line++;
  return line;
}

const isSpace = (c: string | undefined) => c === ' ' || c === '\t' || c === '\n' || c === '\r';

/**
 * The line on which the value at `path` (e.g. ['terms', 2, 'end']) starts in a JSON text that parses, or
 * that of the nearest enclosing value the path reaches (a missing key points at its object). A problem
 * found by a schema then points at the line to fix, not just at the first line using the same key.
 */
export function jsonPathLine(text: string, path: readonly PropertyKey[]): number {
  let i = 0;
  const skipSpace = () => {
    while (i < text.length && isSpace(text[i])) i++;
  };
  const skipString = () => {
    i++;
    while (i < text.length && text[i] !== '"') i += text[i] === '\\' ? 2 : 1;
    i++;
  };
  const readKey = (): string => {
    const start = i;
    skipString();
    return JSON.parse(text.slice(start, i)) as string;
  };
  const skipValue = () => {
    skipSpace();
    if (text[i] === '"') return skipString();
    if (text[i] !== '{' && text[i] !== '[') {
      while (i < text.length && !isSpace(text[i]) && text[i] !== ',' && text[i] !== '}' && text[i] !== ']') i++;
      return;
    }
    let depth = 0;
    do {
      if (text[i] === '"') {
        skipString();
        continue;
      }
      if (text[i] === '{' || text[i] === '[') depth++;
      else if (text[i] === '}' || text[i] === ']') depth--;
      i++;
    } while (depth > 0 && i < text.length);
  };
  // Moves to the value of `key` in the object or array at i; false when it is not there.
  const enter = (key: PropertyKey): boolean => {
    skipSpace();
    const open = text[i];
    if (!((open === '{' && typeof key === 'string') || (open === '[' && typeof key === 'number'))) return false;
    i++;
    for (let n = 0; ; n++) {
      skipSpace();
      if (i >= text.length || text[i] === '}' || text[i] === ']') return false;
      if (open === '{') {
        const name = readKey();
        skipSpace();
        i++; // the colon
        skipSpace();
        if (name === key) return true;
      } else if (n === key) return true;
      skipValue();
      skipSpace();
      if (text[i] === ',') i++;
    }
  };
  skipSpace();
  let found = i;
  for (const key of path) {
    if (!enter(key)) break;
    skipSpace();
    found = i;
  }
  return lineOf(text, found);
}
