import { existsSync, mkdtempSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { EmbeddedStateStore } from '../../../adapters/store/embeddedStateStore.ts';
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

  it('leaves no temporary files behind after a burst of writes', async () => {
    const dir = tempDir();
    const store = EmbeddedStateStore.open(dir);
    await Promise.all(Array.from({ length: 50 }, (_, i) => store.setRole('1', `u${i}`, 'staff')));
    expect(await store.listRoles('1')).toHaveLength(50);
    await store.close();
    expect(readdirSync(dir).sort()).toEqual(['state.json']);
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
