import { closeSync, fsyncSync, openSync, readFileSync, renameSync, writeSync } from 'node:fs';
import { join } from 'node:path';
import { z } from 'zod';
import { SCHOOL_ROLES } from './stateStore.ts';

/**
 * The embedded store's file: `state.json` in the data directory, rewritten whole on every change by
 * writing a temporary file, fsyncing it and renaming it over the old one, so a crash leaves either the
 * old state or the new one, never half of each. The audit log lives beside it as append-only JSON lines.
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

/** Reads `state.json`, or an empty state when there is none yet; a damaged file is an error naming it. */
export function readEmbeddedState(dir: string): EmbeddedState {
  const path = join(dir, STATE_FILE);
  let text: string;
  try {
    text = readFileSync(path, 'utf8');
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === 'ENOENT') return emptyEmbeddedState();
    throw err;
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
  const result = embeddedStateSchema.safeParse(parsed);
  if (!result.success) {
    const first = result.error.issues[0];
    throw new Error(
      `${path} does not look like this bot's state at ${first.path.join('.') || '(top)'}: ${first.message}; restore it from a backup or move it aside`,
    );
  }
  return result.data;
}

function writeAllSync(fd: number, text: string): void {
  const bytes = Buffer.from(text, 'utf8');
  let done = 0;
  while (done < bytes.length) done += writeSync(fd, bytes, done);
}

/** Temp file, fsync, rename, fsync the directory: after it returns, the new state survives a power cut. */
export function writeEmbeddedState(dir: string, state: EmbeddedState): void {
  const path = join(dir, STATE_FILE);
  const temp = `${path}.${process.pid}.tmp`;
  const fd = openSync(temp, 'w');
  try {
    writeAllSync(fd, JSON.stringify(state));
    fsyncSync(fd);
  } finally {
    closeSync(fd);
  }
  renameSync(temp, path);
  syncDirectory(dir);
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

function syncDirectory(dir: string): void {
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
