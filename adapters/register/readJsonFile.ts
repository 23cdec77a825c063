import { readFileSync } from 'node:fs';
import { type z } from 'zod';
import { type ProblemList } from './inputProblems.ts';
import { jsonPathLine } from './jsonPathLine.ts';
import { BUNDLE_ENCODING_REMEDY, decodeText, notUtf8Message } from './textEncoding.ts';

/** Line of a character offset, for pointing at JSON syntax errors. */
function lineOf(text: string, offset: number): number {
  let line = 1;
  for (let i = 0; i < offset && i < text.length; i++) if (text.charCodeAt(i) === 10) line++;
  return line;
}

/** Reads and validates a JSON file; each schema problem names its field path. */
export function readJsonFile<T>(
  path: string,
  displayName: string,
  schema: z.ZodType<T>,
  problems: ProblemList,
): T | null {
  // JSON is UTF-8 (RFC 8259); bytes that are not are reported, not read as replacement marks.
  const decoded = decodeText(readFileSync(path));
  if (!decoded.ok) {
    for (const line of decoded.lines.slice(0, 10))
      problems.add({ file: displayName, line, field: '(file)', message: notUtf8Message(BUNDLE_ENCODING_REMEDY) });
    return null;
  }
  const text = decoded.text.replace(/^\uFEFF/, '');
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
    problems.add({ file: displayName, line: jsonPathLine(text, issue.path), field: path, message: issue.message });
  }
  return null;
}
