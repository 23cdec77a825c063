import { readdirSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { describe, expect, it } from 'vitest';
import { SOURCES } from '../../rules/sources/sourceRegister.ts';

const ROOT = join(import.meta.dirname, '..', '..');
const SKIP = new Set(['node_modules', '.git', '.data', 'build', 'coverage']);
const TEXT = /\.(ts|js|cjs|mjs|json|md|csv|yml|yaml|html|txt)$/;

/** Every text file of the repository, as a path from its root. */
function repositoryFiles(dir = ROOT): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    if (SKIP.has(entry.name)) return [];
    const path = join(dir, entry.name);
    if (entry.isDirectory()) return repositoryFiles(path);
    return TEXT.test(entry.name) && entry.name !== 'package-lock.json' ? [relative(ROOT, path)] : [];
  });
}

describe('the repository', () => {
  const files = repositoryFiles();

  it('points at nothing outside itself: no ../shared, no machine paths, no seed file names', () => {
    const outside = [
      /\.\.\/(\.\.\/)*shared\//,
      /(^|[\s`'"(])\/work\//,
      /(^|[\s`'"(])shared\/(data-formats|rules-national|seeds)/,
      /\b00[0-4]_[0-9a-f]{16}\.txt\b/,
    ];
    const found = files.flatMap((file) => {
      const text = readFileSync(join(ROOT, file), 'utf8');
      return outside.filter((pattern) => pattern.test(text)).map((pattern) => `${file}: ${pattern}`);
    });
    // This file names the patterns it looks for, so it is the one allowed hit.
    expect(found.filter((hit) => !hit.startsWith('test/repository/'))).toEqual([]);
  });

  it('has a source register whose every document has a title, publisher and date, and addresses only over https', () => {
    for (const source of Object.values(SOURCES)) {
      expect(source.title.length).toBeGreaterThan(5);
      expect(source.publisher.length).toBeGreaterThan(2);
      expect(source.date.length).toBeGreaterThan(3);
      if (source.address !== undefined) expect(source.address).toMatch(/^https:\/\/[a-z0-9.-]+\.(gov\.uk|org\.uk)\//);
    }
    expect(new Set(Object.values(SOURCES).map((s) => s.title)).size).toBe(Object.keys(SOURCES).length);
    expect(Object.isFrozen(SOURCES) && Object.values(SOURCES).every(Object.isFrozen)).toBe(true);
  });
});
