import { existsSync, readdirSync, statSync } from 'node:fs';
import { extname, join } from 'node:path';
import { RegisterInputError, type InputProblem } from '../register/inputProblems.ts';

const READABLE = new Set(['.csv', '.xml']);

/**
 * The files to import, in the order given; a folder stands for its .csv and .xml files in name order
 * (so exports named by date import oldest first, and a later mark amends an earlier one).
 */
export function listSourceFiles(paths: readonly string[]): string[] {
  const files: string[] = [];
  const problems: InputProblem[] = [];
  for (const path of paths) {
    if (!existsSync(path)) {
      problems.push({ file: path, line: 0, field: '(file)', message: 'no such file or folder' });
      continue;
    }
    if (!statSync(path).isDirectory()) {
      files.push(path);
      continue;
    }
    const inside = readdirSync(path)
      .filter((name) => !name.startsWith('.') && READABLE.has(extname(name).toLowerCase()))
      .sort()
      .map((name) => join(path, name));
    if (inside.length === 0)
      problems.push({ file: path, line: 0, field: '(folder)', message: 'holds no .csv or .xml files to import' });
    files.push(...inside);
  }
  if (problems.length > 0) throw new RegisterInputError(problems);
  return files;
}
