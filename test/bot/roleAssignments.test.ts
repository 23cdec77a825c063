import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { EmbeddedStateStore } from '../../adapters/store/embeddedStateStore.ts';
import { AccessControl } from '../../bot/access/access.ts';
import { loadRoleAssignments } from '../../bot/access/roleAssignments.ts';

const dir = mkdtempSync(join(tmpdir(), 'roles-'));
let store: EmbeddedStateStore | undefined;
afterEach(async () => {
  await store?.close();
  store = undefined;
});

function rolesFile(json: unknown): string {
  const file = join(dir, `roles-${Math.random().toString(36).slice(2)}.json`);
  writeFileSync(file, typeof json === 'string' ? json : JSON.stringify(json));
  return file;
}

describe('loadRoleAssignments', () => {
  it('loads per-school and all-school roles that access checks then use', async () => {
    store = EmbeddedStateStore.open(mkdtempSync(join(tmpdir(), 'roles-store-')));
    const written = await loadRoleAssignments(
      rolesFile({
        assignments: [
          { user: 'aad-head', role: 'head', schools: ['100001', '100002'] },
          { user: 'aad-officer', role: 'la-officer', schools: 'all' },
        ],
      }),
      store,
    );
    expect(written).toBe(3);
    const access = new AccessControl(store);
    expect(await access.roleOf('100002', { id: '29:h', aadObjectId: 'aad-head' })).toBe('head');
    expect(await access.roleOf('100003', { id: '29:h', aadObjectId: 'aad-head' })).toBeNull();
    expect(await access.roleOf('100003', { id: '29:o', aadObjectId: 'aad-officer' })).toBe('la-officer');
    expect(await access.isCrossSchoolOfficer({ id: '29:o', aadObjectId: 'aad-officer' })).toBe(true);
  });

  it('names the entry and field at fault', async () => {
    store = EmbeddedStateStore.open(mkdtempSync(join(tmpdir(), 'roles-store-')));
    await expect(
      loadRoleAssignments(rolesFile({ assignments: [{ user: 'x', role: 'caretaker', schools: ['12'] }] }), store),
    ).rejects.toThrow(
      /assignments\.0\.role: "role" must be one of attendance-lead.*assignments\.0\.schools\.0: school URNs are 6 or 7 digits/,
    );
    await expect(loadRoleAssignments(rolesFile('{ not json'), store)).rejects.toThrow(/could not be read as JSON/);
  });
});
