import { describe, expect, it } from 'vitest';
import { CALIBRATION_TARGETS } from '../../../adapters/generator/calibrationTargets.ts';
import { generateLocalAuthorityRegisters } from '../../../adapters/generator/generateLocalAuthority.ts';
import { REGISTER_CODES } from '../../../rules/codes/registerCodes.ts';
import { createEvaluationContext } from '../../../rules/findings/evaluationContext.ts';
import { cohortMeasures } from '../../../rules/measures/cohortMeasures.ts';
import { policyProfile } from '../../../rules/policies/policyProfiles.ts';

// A seeded sample of five schools (four primaries, one secondary) and 4,000 pupils for a full year,
// measured with the same rules the product uses.
const schools = generateLocalAuthorityRegisters({ schools: 5, pupils: 4000, seed: 'calibration', year: '2024/25' });

interface Totals {
  possible: number;
  absence: number;
  unauthorised: number;
  counted: number;
  persistent: number;
  severe: number;
}

function measure(phase?: 'primary' | 'secondary'): Totals {
  const totals: Totals = { possible: 0, absence: 0, unauthorised: 0, counted: 0, persistent: 0, severe: 0 };
  for (const school of schools) {
    if (phase && school.spec.phase !== phase) continue;
    const { calendar } = school.register;
    const ctx = createEvaluationContext(school.register, {
      asOf: calendar.dayDate[calendar.dayCount - 1],
      policy: policyProfile('national'),
    });
    const m = cohortMeasures(ctx);
    totals.possible += m.possible;
    totals.absence += m.absence;
    totals.unauthorised += m.unauthorised;
    totals.counted += m.pupilsCounted;
    totals.persistent += m.persistentlyAbsent;
    totals.severe += m.severelyAbsent;
  }
  return totals;
}

const all = measure();
const percent = (part: number, whole: number) => (100 * part) / whole;

describe('generated registers reproduce national absence rates', () => {
  it('has overall absence within a point of the national rate', () => {
    expect(
      Math.abs(percent(all.absence, all.possible) - CALIBRATION_TARGETS.overallAbsencePercent),
    ).toBeLessThanOrEqual(1);
  });

  it('has about a third of absence unauthorised, within a point', () => {
    expect(
      Math.abs(percent(all.unauthorised, all.absence) - CALIBRATION_TARGETS.unauthorisedShareOfAbsencePercent),
    ).toBeLessThanOrEqual(1);
  });

  it('has persistent absence within a point of the national share of pupils', () => {
    expect(
      Math.abs(percent(all.persistent, all.counted) - CALIBRATION_TARGETS.persistentAbsencePercent),
    ).toBeLessThanOrEqual(1);
  });

  it('has severe absence within a point of the national share of pupils', () => {
    expect(Math.abs(percent(all.severe, all.counted) - CALIBRATION_TARGETS.severeAbsencePercent)).toBeLessThanOrEqual(
      1,
    );
  });

  it('makes illness the largest reason for absence', () => {
    const byCode = new Map<string, number>();
    for (const school of schools)
      for (const id of school.register.marks)
        byCode.set(REGISTER_CODES[id].code, (byCode.get(REGISTER_CODES[id].code) ?? 0) + 1);
    const absenceCodes = REGISTER_CODES.filter((c) => c.category === 'authorised' || c.category === 'unauthorised').map(
      (c) => c.code,
    );
    const largest = absenceCodes.reduce((best, code) =>
      (byCode.get(code) ?? 0) > (byCode.get(best) ?? 0) ? code : best,
    );
    expect(largest).toBe('I');
    expect(percent(byCode.get('I') ?? 0, all.absence)).toBeGreaterThan(40);
  });

  it('gives secondary schools more absence and more persistent absence than primaries', () => {
    const primary = measure('primary');
    const secondary = measure('secondary');
    expect(percent(secondary.absence, secondary.possible)).toBeGreaterThan(
      percent(primary.absence, primary.possible) + 1.5,
    );
    expect(percent(secondary.persistent, secondary.counted)).toBeGreaterThan(
      percent(primary.persistent, primary.counted),
    );
    expect(percent(secondary.unauthorised, secondary.possible)).toBeGreaterThan(
      percent(primary.unauthorised, primary.possible),
    );
  });
});
