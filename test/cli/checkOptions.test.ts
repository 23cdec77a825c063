import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { AUTUMN_2025, fixtureUpn, writeBundle } from '../support/registerFixture.ts';
import { runCli } from './schoolExport.ts';

const root = mkdtempSync(join(tmpdir(), 'attendance-options-'));
afterAll(() => rmSync(root, { recursive: true, force: true }));

// Pupil 1 joined on Monday 15 December: 5 school days (10 sessions) to the 19th, all absent (O).
const bundle = writeBundle(join(root, 'late-joiner'), {
  calendar: AUTUMN_2025,
  pupils: [
    {
      spans: [
        ['2025-09-03', '2025-12-12', 'Z'],
        ['2025-12-15', '2025-12-19', 'O'],
      ],
    },
    {},
  ],
});

const rulesFor = async (...args: string[]) => {
  const out = await runCli(['check', bundle, '--as-of', '2025-12-19', '--json', ...args]);
  expect(out.code).toBe(0);
  return (JSON.parse(out.stdout).findings as { upn: string; rule: string }[]).map((f) => `${f.upn} ${f.rule}`);
};

describe('check options', () => {
  it('--method dfe-live leaves out pupils with 10 or fewer possible sessions from persistent and severe absence', async () => {
    expect(await rulesFor()).toEqual(
      expect.arrayContaining([`${fixtureUpn(1)} persistent-absence`, `${fixtureUpn(1)} severe-absence`]),
    );
    const live = await rulesFor('--method', 'dfe-live');
    expect(live.filter((r) => r.endsWith('persistent-absence') || r.endsWith('severe-absence'))).toEqual([]);
    expect(live).toContain(`${fixtureUpn(1)} penalty-threshold`);
  });

  it('--rule keeps only the rules asked for, and an unknown rule is a usage error', async () => {
    expect(await rulesFor('--rule', 'penalty-threshold')).toEqual([`${fixtureUpn(1)} penalty-threshold`]);
    const bad = await runCli(['check', bundle, '--rule', 'penalty']);
    expect(bad.code).toBe(2);
    expect(bad.stderr).toMatch(/unknown rule penalty; the rules are: persistent-absence/);
  });

  it('--lenient loads the good rows and lists the rejected ones', async () => {
    const dir = join(root, 'lenient');
    writeBundle(dir, { calendar: AUTUMN_2025, pupils: [{}] });
    const marks = readFileSync(join(dir, 'marks.csv'), 'utf8');
    writeFileSync(join(dir, 'marks.csv'), `${marks}${fixtureUpn(1)},2025-12-19,PM,Q9\n`);
    expect((await runCli(['check', dir, '--json'])).code).toBe(1);
    const out = await runCli(['check', dir, '--json', '--lenient']);
    expect(out.code).toBe(0);
    const body = JSON.parse(out.stdout);
    expect(body.rejects).toEqual([
      {
        file: 'marks.csv',
        line: marks.trimEnd().split('\n').length + 1,
        raw: [fixtureUpn(1), '2025-12-19', 'PM', 'Q9'],
        reasons: ['code: unknown register code "Q9"'],
      },
    ]);
    expect(body.notes).toContain('1 row rejected (--lenient): see rejects.');
  });
});
