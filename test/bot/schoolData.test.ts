import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { findBundleDirs, loadSchools } from '../../bot/schools/schoolData.ts';
import { FindingsCache } from '../../bot/schools/findingsCache.ts';
import { writeBundle } from '../support/registerFixture.ts';
import { FIXTURE_SCHOOL } from './support/botFixture.ts';

function dataFolder(): string {
  return mkdtempSync(join(tmpdir(), 'school-data-'));
}

describe('loadSchools', () => {
  it('finds every bundle below a folder by its school.json, and settles URN, policy and as-of date', () => {
    const root = dataFolder();
    writeBundle(join(root, 'la', 'oakfield'), FIXTURE_SCHOOL);
    writeBundle(join(root, 'la', 'brook'), {
      ...FIXTURE_SCHOOL,
      school: { urn: '100002', name: 'Brook Lane', policy: 'derby' },
    });
    mkdirSync(join(root, 'la', 'notes'));
    const schools = loadSchools(root);
    expect(schools.map((s) => [s.urn, s.name, s.policy.id, s.asOf])).toEqual([
      ['100002', 'Brook Lane', 'derby', '2025-11-21'],
      ['100001', 'Oakfield Primary', 'national', '2025-11-21'],
    ]);
  });

  it('takes a single bundle folder as it is, with a fixed as-of date when given', () => {
    const root = writeBundle(join(dataFolder(), 'one'), FIXTURE_SCHOOL);
    expect(findBundleDirs(root)).toEqual([root]);
    expect(loadSchools(root, '2025-11-14')[0].asOf).toBe('2025-11-14');
  });

  it('refuses two bundles claiming one URN, naming both', () => {
    const root = dataFolder();
    writeBundle(join(root, 'a'), FIXTURE_SCHOOL);
    writeBundle(join(root, 'b'), FIXTURE_SCHOOL);
    expect(() => loadSchools(root)).toThrow(/two bundles claim URN 100001: .*a and .*b/);
  });

  it('serves a bundle without school.json under an id and name from its folder, as the CLI reads it', () => {
    const root = dataFolder();
    writeBundle(join(root, 'la', 'oakfield'), FIXTURE_SCHOOL);
    const bare = writeBundle(join(root, 'la', 'Brook Lane Primary'), FIXTURE_SCHOOL);
    rmSync(join(bare, 'school.json'));
    const schools = loadSchools(root);
    expect(schools.map((s) => [s.urn, s.name, s.policy.id, s.idFromFolder ?? false])).toEqual([
      ['brook-lane-primary', 'Brook Lane Primary', 'national', true],
      ['100001', 'Oakfield Primary', 'national', false],
    ]);
    expect(loadSchools(bare)[0].urn).toBe('brook-lane-primary');
    const cli = spawnSync(process.execPath, ['bin/attendance.js', 'check', bare, '--json'], { encoding: 'utf8' });
    expect(cli.status).toBe(0);
    expect(JSON.parse(cli.stdout).pupils).toBe(schools[0].register.pupils.length);
  });

  it('refuses two bundles whose folders give one id, saying how to tell them apart', () => {
    const root = dataFolder();
    for (const folder of ['a/Brook Lane', 'b/brook-lane'])
      rmSync(join(writeBundle(join(root, folder), FIXTURE_SCHOOL), 'school.json'));
    expect(() => loadSchools(root)).toThrow(
      /two bundles are served as brook-lane: .*give one a school.json with its URN/,
    );
  });

  it('says what ATTENDANCE_DATA should point at when it holds no bundle', () => {
    expect(() => loadSchools(dataFolder())).toThrow(/holds no register bundle/);
    expect(() => loadSchools('/no/such/folder')).toThrow(/is not a folder/);
  });
});

describe('FindingsCache', () => {
  it('evaluates a school once per as-of date and keeps only the most recent entries', () => {
    const [school] = loadSchools(writeBundle(join(dataFolder(), 'one'), FIXTURE_SCHOOL));
    const cache = new FindingsCache(2);
    const first = cache.evaluation(school, '2025-11-21');
    expect(cache.evaluation(school, '2025-11-21')).toBe(first);
    cache.evaluation(school, '2025-11-14');
    cache.evaluation(school, '2025-11-07');
    expect(cache.size).toBe(2);
    expect(cache.evaluation(school, '2025-11-21')).not.toBe(first);
  });

  it("keeps each school's warmed default day outside the bound, however many other dates are asked", () => {
    const [school] = loadSchools(writeBundle(join(dataFolder(), 'warm'), FIXTURE_SCHOOL));
    const cache = new FindingsCache(1);
    const warmed = cache.warm(school);
    expect(cache.evaluation(school, school.asOf)).toBe(warmed);
    cache.evaluation(school, '2025-11-14');
    cache.evaluation(school, '2025-11-07');
    expect(cache.evaluation(school, school.asOf)).toBe(warmed);
    expect(cache.warm(school)).toBe(warmed);
    expect(cache.size).toBe(2);
  });
});
