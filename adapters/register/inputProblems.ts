/** One thing wrong with a row of input, located so a person can open the file and fix it. */
export interface InputProblem {
  file: string;
  /** 1-based line in the file; 0 when the problem is with the file as a whole. */
  line: number;
  field: string;
  message: string;
}

export function formatProblem(p: InputProblem): string {
  return `${p.file}:${p.line}: ${p.field}: ${p.message}`;
}

/** How many problems are kept in full; the rest are counted, so a broken file cannot flood memory. */
export const DEFAULT_PROBLEM_CAP = 10_000;

/** Collects problems up to a cap and counts every one. */
export class ProblemList {
  readonly problems: InputProblem[] = [];
  total = 0;
  constructor(readonly cap = DEFAULT_PROBLEM_CAP) {}

  add(problem: InputProblem): void {
    this.total++;
    if (this.problems.length < this.cap) this.problems.push(problem);
  }

  get empty(): boolean {
    return this.total === 0;
  }
}

/** Input that cannot be loaded as it stands: every problem found, not just the first. */
export class RegisterInputError extends Error {
  constructor(
    readonly problems: readonly InputProblem[],
    readonly total = problems.length,
  ) {
    const shown = problems.map(formatProblem).join('\n');
    const more = total > problems.length ? `\n… and ${total - problems.length} more problems` : '';
    super(`${total} problem${total === 1 ? '' : 's'} in the register input; nothing was loaded:\n${shown}${more}`);
    this.name = 'RegisterInputError';
  }
}
