import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { z } from 'zod';

/**
 * The embedded store's journal: the changes made since `state.json` was last written, one JSON line per
 * write. Rewriting the whole state on every change made each write cost the size of everything held (a
 * first scan queueing thousands of cards took minutes); a line costs the size of what changed.
 *
 * A line lists the entries it sets or removes, each by its path in the state (`['outbox', id]`,
 * `['records', namespace, id]`) with the entry's whole new value, so replaying lines in order rebuilds the
 * state exactly. A line is one `write` followed by fdatasync, and only then does anyone hear that the
 * change is saved; a crash part-way leaves an incomplete last line, which reading ignores: that write
 * never finished, so nobody was told it had.
 *
 * The journal belongs to one generation of `state.json` (its name carries the number), so a journal left
 * behind by a crash after a newer `state.json` was written is recognised as already included.
 */

/** The state's sections whose entries are replaced whole, keyed by one id (roles: by school). */
const FLAT_SECTIONS = ['conversations', 'bindings', 'subscriptions', 'roles', 'alertKeys', 'outbox', 'acks'] as const;
/** Records sit one level deeper, under their namespace. */
const NESTED_SECTIONS = ['records'] as const;

export type JournalPath =
  readonly [(typeof FLAT_SECTIONS)[number], string] | readonly [(typeof NESTED_SECTIONS)[number], string, string];

/** One change: the entry at `p` becomes `v`, or is removed when `v` is absent. */
export interface JournalOp {
  p: JournalPath;
  v?: unknown;
}

const journalOp = z.object({
  p: z.union([
    z.tuple([z.enum(FLAT_SECTIONS), z.string()]),
    z.tuple([z.enum(NESTED_SECTIONS), z.string(), z.string()]),
  ]),
  v: z.unknown(),
});
const journalLine = z.array(journalOp);

export function journalFileName(generation: number): string {
  return `state.journal.${generation}`;
}

/** Journal files in a directory listing, with their generation. */
export function journalFiles(names: readonly string[]): { name: string; generation: number }[] {
  return names.flatMap((name) => {
    const m = /^state\.journal\.(\d+)$/.exec(name);
    return m ? [{ name, generation: Number(m[1]) }] : [];
  });
}

export function journalLineText(ops: readonly JournalOp[]): string {
  return `${JSON.stringify(ops)}\n`;
}

/** The value at `path` in `state`, for the line that records it. */
export function journalOpFor(state: Record<string, unknown>, path: JournalPath): JournalOp {
  let value: unknown = state;
  for (const key of path) {
    value =
      value !== null && typeof value === 'object' && Object.hasOwn(value, key) ? (value as never)[key] : undefined;
  }
  return value === undefined ? { p: path } : { p: path, v: value };
}

function own(target: Record<string, unknown>, key: string, value: unknown): void {
  // defineProperty, so an id such as "__proto__" is stored as an entry like any other.
  Object.defineProperty(target, key, { value, enumerable: true, writable: true, configurable: true });
}

/** Applies one line's changes to a state object parsed from `state.json` (validated afterwards, as a whole). */
export function applyJournalOps(state: Record<string, unknown>, ops: readonly JournalOp[]): void {
  for (const op of ops) {
    let target = state;
    for (const key of op.p.slice(0, -1)) {
      const next = Object.hasOwn(target, key) ? target[key] : undefined;
      if (next === null || typeof next !== 'object') own(target, key, {});
      target = target[key] as Record<string, unknown>;
    }
    const last = op.p[op.p.length - 1];
    if ('v' in op && op.v !== undefined) own(target, last, op.v);
    else delete target[last];
  }
}

/**
 * The lines of the generation's journal, oldest first; none when there is no journal. An incomplete
 * last line (no newline, or not JSON: a write cut short) is left out. Anything else unreadable is an error
 * naming the file, since it means the journal was damaged after it was written.
 */
export function readJournal(dir: string, generation: number): JournalOp[][] {
  const path = join(dir, journalFileName(generation));
  let text: string;
  try {
    text = readFileSync(path, 'utf8');
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === 'ENOENT') return [];
    throw err;
  }
  const lines = text.split('\n');
  // The piece after the last newline is empty for a journal whose writes all finished.
  lines.pop();
  const result: JournalOp[][] = [];
  for (const [index, line] of lines.entries()) {
    let parsed: unknown;
    try {
      parsed = JSON.parse(line);
    } catch (err) {
      if (index === lines.length - 1) break;
      throw new Error(
        `${path} line ${index + 1} is not valid JSON (${(err as Error).message}); restore the state directory from a backup`,
        { cause: err },
      );
    }
    const ops = journalLine.safeParse(parsed);
    if (!ops.success)
      throw new Error(
        `${path} line ${index + 1} is not a change this bot writes (${ops.error.issues[0].message}); restore the state directory from a backup`,
      );
    result.push(ops.data as JournalOp[]);
  }
  return result;
}
