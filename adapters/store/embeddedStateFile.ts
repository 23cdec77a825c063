import { closeSync, fsyncSync, openSync, readFileSync, renameSync, writeSync } from 'node:fs';
import { join } from 'node:path';
import { z } from 'zod';
import { applyJournalOps, readJournal } from './embeddedStateJournal.ts';
import { SCHOOL_ROLES } from './stateStore.ts';

/**
 * The embedded store's files: `state.json` in the data directory, written whole now and then by writing a
 * temporary file, fsyncing it and renaming it over the old one, so a crash leaves either the old file or
 * the new one, never half of each; the changes since then in its journal (embeddedStateJournal.ts); and
 * the audit log beside them as append-only JSON lines.
 */
export const STATE_FILE = 'state.json';
export const AUDIT_FILE = 'audit.jsonl';
export const LOCK_FILE = 'state.lock';

const conversation = z.object({
  conversationId: z.string(),
  scope: z.enum(['channel', 'groupChat', 'personal']),
  tenantId: z.string().optional(),
  reference: z.unknown(),
  installedAt: z.string(),
  installedBy: z.string().optional(),
});

const binding = z.object({
  conversationId: z.string(),
  schoolUrn: z.string(),
  privacy: z.enum(['limited', 'full']),
  alertsOff: z.array(z.string()),
  boundAt: z.string(),
  boundBy: z.string().optional(),
});

const subscription = z.object({
  userId: z.string(),
  conversationId: z.string(),
  schools: z.union([z.array(z.string()), z.literal('all')]),
  updatedAt: z.string(),
});

const outboxItem = z.object({
  id: z.string(),
  conversationId: z.string(),
  tenantId: z.string().optional(),
  message: z.object({
    text: z.string(),
    card: z.looseObject({ type: z.literal('AdaptiveCard'), version: z.string() }).optional(),
  }),
  kind: z.string(),
  createdAt: z.string(),
  state: z.enum(['pending', 'sent', 'failed']),
  attempts: z.number(),
  availableAt: z.number(),
  leaseOwner: z.string().optional(),
  firstAttemptAt: z.number().optional(),
  lastError: z.string().optional(),
  activityId: z.string().optional(),
  finishedAt: z.number().optional(),
});

const acknowledgement = z.object({
  alertKey: z.string(),
  action: z.string(),
  by: z.string(),
  byName: z.string().optional(),
  at: z.string(),
  code: z.string().optional(),
});

export const embeddedStateSchema = z.object({
  format: z.literal(1),
  /** Which journal follows this file (`state.journal.<generation>`); files from before the journal have none. */
  generation: z.number().int().nonnegative().default(0),
  conversations: z.record(z.string(), conversation),
  bindings: z.record(z.string(), binding),
  subscriptions: z.record(z.string(), subscription),
  roles: z.record(z.string(), z.record(z.string(), z.enum(SCHOOL_ROLES))),
  alertKeys: z.record(z.string(), z.literal(true)),
  outbox: z.record(z.string(), outboxItem),
  acks: z.record(z.string(), z.array(acknowledgement)),
  records: z.record(
    z.string(),
    z.record(z.string(), z.object({ value: z.unknown(), version: z.number().int().positive() })),
  ),
});

export type EmbeddedState = z.infer<typeof embeddedStateSchema>;

export function emptyEmbeddedState(): EmbeddedState {
  return {
    format: 1,
    generation: 0,
    conversations: {},
    bindings: {},
    subscriptions: {},
    roles: {},
    alertKeys: {},
    outbox: {},
    acks: {},
    records: {},
  };
}

/**
 * The state as last saved: `state.json` (or an empty state when there is none yet) with its journal
 * replayed. A damaged file is an error naming it. Reading takes no lock, so a test or a tool may look at
 * the directory of a running bot (a journal line still being written is not yet part of the state).
 */
export function readEmbeddedState(dir: string): EmbeddedState {
  const path = join(dir, STATE_FILE);
  let text: string;
  try {
    text = readFileSync(path, 'utf8');
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code !== 'ENOENT') throw err;
    text = JSON.stringify(emptyEmbeddedState());
  }
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch (err) {
    throw new Error(
      `${path} is not valid JSON (${(err as Error).message}); restore it from a backup or move it aside to start with an empty state`,
      { cause: err },
    );
  }
  if (parsed !== null && typeof parsed === 'object' && !Array.isArray(parsed)) {
    const generation = (parsed as { generation?: unknown }).generation ?? 0;
    if (typeof generation === 'number')
      for (const ops of readJournal(dir, generation)) applyJournalOps(parsed as Record<string, unknown>, ops);
  }
  const result = embeddedStateSchema.safeParse(parsed);
  if (!result.success) {
    const first = result.error.issues[0];
    throw new Error(
      `${path} does not look like this bot's state at ${first.path.join('.') || '(top)'}: ${first.message}; restore it from a backup or move it aside`,
    );
  }
  return result.data;
}

export function writeAllSync(fd: number, text: string): number {
  const bytes = Buffer.from(text, 'utf8');
  let done = 0;
  while (done < bytes.length) done += writeSync(fd, bytes, done);
  return bytes.length;
}

/** Temporary files `writeEmbeddedState` leaves if the process dies before renaming. */
export const TEMP_STATE_FILE = /^state\.json\..*\.tmp$/;

/**
 * Temp file, fsync, rename, fsync the directory: after it returns, the new state survives a power cut.
 * Returns the bytes written.
 */
export function writeEmbeddedState(dir: string, state: EmbeddedState): number {
  const path = join(dir, STATE_FILE);
  const temp = `${path}.${process.pid}.tmp`;
  const fd = openSync(temp, 'w');
  let bytes: number;
  try {
    bytes = writeAllSync(fd, JSON.stringify(state));
    fsyncSync(fd);
  } finally {
    closeSync(fd);
  }
  renameSync(temp, path);
  syncDirectory(dir);
  return bytes;
}

/** Appends lines to the audit file and fsyncs it. */
export function appendAuditLines(dir: string, lines: string[]): void {
  const fd = openSync(join(dir, AUDIT_FILE), 'a');
  try {
    writeAllSync(fd, lines.join(''));
    fsyncSync(fd);
  } finally {
    closeSync(fd);
  }
}

/** The audit file's lines, oldest first (none before the first entry is written). */
export function readAuditLines(dir: string): string[] {
  let text = '';
  try {
    text = readFileSync(join(dir, AUDIT_FILE), 'utf8');
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code !== 'ENOENT') throw err;
  }
  return text.split('\n').filter((l) => l.trim() !== '');
}

/** After creating or renaming a file, so its name survives a power cut as well as its contents. */
export function syncDirectory(dir: string): void {
  let fd: number | undefined;
  try {
    fd = openSync(dir, 'r');
    fsyncSync(fd);
  } catch {
    // Some filesystems refuse to fsync a directory; the rename is still atomic there.
  } finally {
    if (fd !== undefined) closeSync(fd);
  }
}
