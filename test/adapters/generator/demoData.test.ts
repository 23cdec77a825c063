import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { generateLocalAuthority } from '../../../adapters/generator/generateLocalAuthority.ts';
import { readRegisterBundle } from '../../../adapters/register/readRegisterBundle.ts';
import { registerFindings } from '../../../rules/engine/registerFindings.ts';
import { RULE_IDS } from '../../../rules/findings/finding.ts';
import { policyProfile } from '../../../rules/policies/policyProfiles.ts';
import { lastMarkedSchoolDay } from '../../../rules/register/lastMarkedSchoolDay.ts';

const DEMO = join(import.meta.dirname, '../../../demo/brackenford');
/** The options demo/README.md gives for regenerating the demo. */
const DEMO_OPTIONS = {
  schools: 3,
  pupils: 1200,
  seed: 'brackenford-2025',
  year: '2025/26',
  through: '2026-01-16',
  scenarios: true,
  localAuthority: 'Brackenford',
  policies: ['derby', 'dudley-st-james', 'stockport-bramhall'],
};
const schoolDirs = readdirSync(DEMO, { withFileTypes: true })
  .filter((d) => d.isDirectory())
  .map((d) => d.name)
  .sort();
const tmp = mkdtempSync(join(tmpdir(), 'demo-'));
afterAll(() => rmSync(tmp, { recursive: true, force: true }));

describe('the demo local authority', () => {
  const loaded = schoolDirs.map((dir) => {
    const { register } = readRegisterBundle(join(DEMO, dir));
    const asOf = register.calendar.dayDate[lastMarkedSchoolDay(register)];
    return {
      dir,
      register,
      asOf,
      findings: registerFindings(register, {
        asOf,
        policy: policyProfile(register.school.policy ?? 'national'),
      }).findings(),
    };
  });

  it('has three schools, primary and secondary, about 1,200 pupils, under different policy profiles', () => {
    expect(loaded).toHaveLength(3);
    expect(loaded.reduce((n, s) => n + s.register.pupils.length, 0)).toBe(1200);
    expect(new Set(loaded.map((s) => s.register.school.policy)).size).toBe(3);
    const phases = schoolDirs.map((dir) => JSON.parse(readFileSync(join(DEMO, dir, 'school.json'), 'utf8')).phase);
    expect(new Set(phases)).toEqual(new Set(['primary', 'secondary']));
  });

  it('runs from the start of the 2025/26 autumn term past its end', () => {
    for (const s of loaded) {
      expect(s.register.calendar.dayDate[0] <= '2025-09-05').toBe(true);
      expect(s.asOf > '2025-12-19').toBe(true);
    }
  });

  it('shows every finding on its last day', () => {
    const rules = new Set(loaded.flatMap((s) => s.findings.map((f) => f.rule)));
    expect([...RULE_IDS].filter((r) => !rules.has(r))).toEqual([]);
  });

  it('gives each planted scenario pupil the finding the scenario is for, in every school', () => {
    for (const s of loaded) {
      const scenarios = JSON.parse(readFileSync(join(DEMO, s.dir, 'scenarios.json'), 'utf8')) as {
        rule: string;
        upn: string;
      }[];
      expect(scenarios.map((x) => x.rule).sort()).toEqual([...RULE_IDS].sort());
      for (const scenario of scenarios)
        expect(
          s.findings.some((f) => f.upn === scenario.upn && f.rule === scenario.rule),
          `${s.dir} ${scenario.rule}`,
        ).toBe(true);
    }
  });

  it('is exactly what the generator writes from the documented command (no hand edits)', () => {
    generateLocalAuthority(DEMO_OPTIONS, tmp);
    expect(readdirSync(tmp).sort()).toEqual(schoolDirs);
    for (const dir of schoolDirs) {
      for (const file of readdirSync(join(DEMO, dir))) {
        if (file === 'README.md') continue;
        expect(readFileSync(join(tmp, dir, file)).equals(readFileSync(join(DEMO, dir, file))), `${dir}/${file}`).toBe(
          true,
        );
      }
    }
  });
});
