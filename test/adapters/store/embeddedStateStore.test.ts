import {
  appendFileSync,
  copyFileSync,
  existsSync,
  mkdtempSync,
  readFileSync,
  readdirSync,
  rmSync,
  statSync,
  writeFileSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { EmbeddedStateStore } from '../../../adapters/store/embeddedStateStore.ts';
import { type NewOutboxItem } from '../../../adapters/store/stateStore.ts';
import { describeStateStoreContract } from './stateStoreContract.ts';

describeStateStoreContract('embedded', () => {
  const dir = mkdtempSync(join(tmpdir(), 'state-contract-'));
  return {
    open: async () => EmbeddedStateStore.open(dir),
    reopen: async (store) => {
      await store.close();
      return EmbeddedStateStore.open(dir);
    },
    cleanup: async () => rmSync(dir, { recursive: true, force: true }),
  };
});

describe('embedded state store on disk', () => {
  function tempDir(): string {
    return mkdtempSync(join(tmpdir(), 'state-disk-'));
  }

  it('refuses a second open of the same directory while the first is open', async () => {
    const dir = tempDir();
    const first = EmbeddedStateStore.open(dir);
    expect(() => EmbeddedStateStore.open(dir)).toThrow(/in use by process .*REDIS_URL/);
    await first.close();
    const second = EmbeddedStateStore.open(dir);
    await second.close();
    rmSync(dir, { recursive: true });
  });

  it('takes over a lock left by a process that no longer exists, and then holds it as its own', async () => {
    const dir = tempDir();
    writeFileSync(join(dir, 'state.lock'), '999999999');
    const store = EmbeddedStateStore.open(dir);
    // The lock now names this process, so a second opener is refused naming it, not the dead one.
    expect(readFileSync(join(dir, 'state.lock'), 'utf8').trim()).toBe(String(process.pid));
    expect(() => EmbeddedStateStore.open(dir)).toThrow(new RegExp(`in use by process ${process.pid}\\b`));
    // And the store taken over works: a change is kept and read back.
    await store.setRole('1', 'u1', 'staff');
    expect(await store.listRoles('1')).toHaveLength(1);
    await store.close();
    expect(existsSync(join(dir, 'state.lock'))).toBe(false);
    rmSync(dir, { recursive: true });
  });

  it('names the file and the field when the state file is damaged', () => {
    const dir = tempDir();
    writeFileSync(join(dir, 'state.json'), JSON.stringify({ format: 1, conversations: { a: { scope: 'nowhere' } } }));
    expect(() => EmbeddedStateStore.open(dir)).toThrow(
      /state\.json does not look like this bot's state at conversations\.a/,
    );
    writeFileSync(join(dir, 'state.json'), '{"format": 1,');
    expect(() => EmbeddedStateStore.open(dir)).toThrow(/state\.json is not valid JSON/);
    expect(existsSync(join(dir, 'state.lock'))).toBe(false);
    rmSync(dir, { recursive: true });
  });

  it('saves a burst of changes made together in one journal line, leaving no temporary files', async () => {
    const dir = tempDir();
    const store = EmbeddedStateStore.open(dir);
    await Promise.all(Array.from({ length: 50 }, (_, i) => store.setRole('1', `u${i}`, 'staff')));
    expect(await store.listRoles('1')).toHaveLength(50);
    await store.close();
    // A new directory has no state.json until the journal is first folded into one.
    expect(readdirSync(dir).sort()).toEqual(['state.journal.0']);
    expect(readFileSync(join(dir, 'state.journal.0'), 'utf8').trimEnd().split('\n')).toHaveLength(1);
    const reopened = EmbeddedStateStore.open(dir);
    expect(await reopened.listRoles('1')).toHaveLength(50);
    await reopened.close();
    rmSync(dir, { recursive: true });
  });

  it('folds the journal into state.json once it outgrows its bound, losing nothing', async () => {
    const dir = tempDir();
    const store = EmbeddedStateStore.open(dir, { compactAfterBytes: 4_000 });
    for (let i = 0; i < 60; i++) expect(await store.enqueue(outboxItem(`i${i}`), [`k${i}`])).toBe('enqueued');
    await store.close();
    const files = readdirSync(dir);
    const generation = Number(JSON.parse(readFileSync(join(dir, 'state.json'), 'utf8')).generation);
    expect(generation).toBeGreaterThan(1);
    // Only the current generation's journal is left, and it is within its bound (state.json is the larger).
    expect(files.filter((f) => f.startsWith('state.journal.'))).toEqual(
      existsSync(join(dir, `state.journal.${generation}`)) ? [`state.journal.${generation}`] : [],
    );
    const journal = join(dir, `state.journal.${generation}`);
    if (existsSync(journal))
      expect(statSync(journal).size).toBeLessThanOrEqual(Math.max(4_000, statSync(join(dir, 'state.json')).size));
    const reopened = EmbeddedStateStore.open(dir);
    expect(await reopened.listOutbox('pending')).toHaveLength(60);
    expect(await reopened.enqueue(outboxItem('again'), ['k59'])).toBe('duplicate');
    await reopened.close();
    rmSync(dir, { recursive: true });
  });

  it('keeps every enqueue from two store instances taking turns on one directory, and never lets both hold it', async () => {
    const dir = tempDir();
    const first = EmbeddedStateStore.open(dir);
    const firstBatch = Array.from({ length: 100 }, (_, i) => first.enqueue(outboxItem(`a${i}`), [`key-${i}`]));
    // While the first holds the directory (its writes still in flight), a second instance is refused.
    expect(() => EmbeddedStateStore.open(dir)).toThrow(/in use by process/);
    await first.close();
    expect(new Set(await Promise.all(firstBatch))).toEqual(new Set(['enqueued']));
    const second = EmbeddedStateStore.open(dir);
    // Half of these repeat the first instance's alert keys: it must still know them.
    const secondBatch = await Promise.all(
      Array.from({ length: 100 }, (_, i) => second.enqueue(outboxItem(`b${i}`), [`key-${i + 50}`])),
    );
    expect(secondBatch.filter((r) => r === 'duplicate')).toHaveLength(50);
    await second.close();
    const third = EmbeddedStateStore.open(dir);
    const ids = (await third.listOutbox('pending')).map((i) => i.id);
    expect(ids).toHaveLength(150);
    expect(ids.filter((id) => id.startsWith('a'))).toHaveLength(100);
    await third.close();
    rmSync(dir, { recursive: true });
  });
});

function outboxItem(id: string): NewOutboxItem {
  return { id, conversationId: 'c', kind: 'alert:test', createdAt: '2025-11-10T09:30:00Z', message: { text: id } };
}

describe('embedded state store after a crash mid-write', () => {
  function tempDir(): string {
    return mkdtempSync(join(tmpdir(), 'state-torn-'));
  }

  it('reads the old state when a new state.json was written to its temporary file but never renamed', async () => {
    const dir = tempDir();
    const store = EmbeddedStateStore.open(dir, { compactAfterBytes: 1 });
    await store.enqueue(outboxItem('kept'), ['k1']);
    await store.close();
    const saved = readFileSync(join(dir, 'state.json'), 'utf8');
    // What a process killed mid-compaction leaves: half of the next state.json in its temporary file.
    writeFileSync(join(dir, 'state.json.4242.tmp'), saved.slice(0, saved.length / 2));
    const reopened = EmbeddedStateStore.open(dir);
    expect((await reopened.listOutbox()).map((i) => i.id)).toEqual(['kept']);
    expect(readdirSync(dir).some((f) => f.endsWith('.tmp'))).toBe(false);
    await reopened.close();
    rmSync(dir, { recursive: true });
  });

  it('leaves out a journal line cut short, keeps the lines before it, and writes on safely after it', async () => {
    const dir = tempDir();
    const store = EmbeddedStateStore.open(dir);
    await store.enqueue(outboxItem('saved'), ['k1']);
    await store.close();
    // The start of a line whose write never finished (so whoever made the change was never told it was saved).
    appendFileSync(join(dir, 'state.journal.0'), '[{"p":["outbox","lost"],"v":{"id":"lo');
    const reopened = EmbeddedStateStore.open(dir);
    expect((await reopened.listOutbox()).map((i) => i.id)).toEqual(['saved']);
    // Opening folded the journal into a new state.json, so the next line is not appended after the torn one.
    expect(readdirSync(dir).sort()).toEqual(['state.json', 'state.lock']);
    await reopened.enqueue(outboxItem('after'), ['k2']);
    await reopened.close();
    const again = EmbeddedStateStore.open(dir);
    expect((await again.listOutbox()).map((i) => i.id).sort()).toEqual(['after', 'saved']);
    await again.close();
    rmSync(dir, { recursive: true });
  });

  it('ignores a journal already folded into state.json when a crash came before it was removed', async () => {
    const dir = tempDir();
    const store = EmbeddedStateStore.open(dir);
    await store.enqueue(outboxItem('i1'), ['k1']);
    await store.close();
    copyFileSync(join(dir, 'state.journal.0'), join(dir, 'old-journal'));
    // Opening folds generation 0's journal into state.json (generation 1) and removes it.
    const reopened = EmbeddedStateStore.open(dir);
    await reopened.claim('me', 0, 1_000, 1);
    expect(await reopened.markSent('i1', 'me', 10)).toBe(true);
    await reopened.close();
    // Put the old journal back, as if the process died between writing state.json and removing it, with a
    // line that would make the sent item pending again if it were replayed.
    copyFileSync(join(dir, 'old-journal'), join(dir, 'state.journal.0'));
    const last = EmbeddedStateStore.open(dir);
    expect(await last.getOutboxItem('i1')).toMatchObject({ state: 'sent', finishedAt: 10 });
    expect(existsSync(join(dir, 'state.journal.0'))).toBe(false);
    expect(await last.sentAlertKeys(['k1'])).toEqual(new Set(['k1']));
    await last.close();
    rmSync(dir, { recursive: true });
  });

  it('names the journal and the line when a line before the last is damaged', async () => {
    const dir = tempDir();
    const store = EmbeddedStateStore.open(dir);
    await store.enqueue(outboxItem('i1'), ['k1']);
    await store.enqueue(outboxItem('i2'), ['k2']);
    await store.close();
    const journal = join(dir, 'state.journal.0');
    const lines = readFileSync(journal, 'utf8').split('\n');
    writeFileSync(journal, [lines[0].slice(0, 10), ...lines.slice(1)].join('\n'));
    expect(() => EmbeddedStateStore.open(dir)).toThrow(/state\.journal\.0 line 1 is not valid JSON/);
    expect(existsSync(join(dir, 'state.lock'))).toBe(false);
    rmSync(dir, { recursive: true });
  });
});

describe('embedded state store after a crash', () => {
  it("frees the dead process's leases when the directory is opened again", async () => {
    const dir = mkdtempSync(join(tmpdir(), 'state-crash-'));
    const first = EmbeddedStateStore.open(dir);
    await first.putConversation({ conversationId: 'c', scope: 'channel', reference: {}, installedAt: 'x' });
    await first.enqueue(
      { id: 'i1', conversationId: 'c', kind: 'alert:test', createdAt: 'x', message: { text: 'x' } },
      [],
    );
    await first.claim('dead-process', 1_000, 120_000, 10);
    await first.close();
    const second = EmbeddedStateStore.open(dir);
    expect(await second.nextPendingAt()).toBe(0);
    expect((await second.claim('restarted', 1_001, 120_000, 10)).map((i) => i.id)).toEqual(['i1']);
    await second.close();
    rmSync(dir, { recursive: true });
  });
});
