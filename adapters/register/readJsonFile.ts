import { readFileSync } from 'node:fs';
import { type z } from 'zod';
import { type ProblemList } from './inputProblems.ts';

/** Line of a character offset, for pointing at JSON syntax errors. */
function lineOf(text: string, offset: number): number {
  let line = 1;
  for (let i = 0; i < offset && i < text.length; i++) if (text.charCodeAt(i) === 10) line++;
  return line;
}

/** Line on which a key first appears, so a schema problem can point near its field. */
function lineOfKey(text: string, key: string | number | undefined): number {
  if (key === undefined) return 1;
  const at = text.indexOf(typeof key === 'string' ? `"${key}"` : '');
  return at < 0 ? 1 : lineOf(text, at);
}

/** Reads and validates a JSON file; each schema problem names its field path. */
export function readJsonFile<T>(
  path: string,
  displayName: string,
  schema: z.ZodType<T>,
  problems: ProblemList,
): T | null {
  const text = readFileSync(path, 'utf8').replace(/^\uFEFF/, '');
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch (error) {
    const message = (error as Error).message;
    const position = /position (\d+)/.exec(message);
    problems.add({
      file: displayName,
      line: position ? lineOf(text, Number(position[1])) : 1,
      field: '(file)',
      message: `not valid JSON: ${message}`,
    });
    return null;
  }
  const result = schema.safeParse(value);
  if (result.success) return result.data;
  for (const issue of result.error.issues) {
    const path = issue.path.map(String).join('.') || '(root)';
    const last = [...issue.path].reverse().find((k) => typeof k === 'string') as string | undefined;
    problems.add({ file: displayName, line: lineOfKey(text, last), field: path, message: issue.message });
  }
  return null;
}
