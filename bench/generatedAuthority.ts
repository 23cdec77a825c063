import { generateLocalAuthorityRegisters } from '../adapters/generator/generateLocalAuthority.ts';
import { type Register } from '../rules/register/register.ts';

/** The benchmark's fixed seed and year: the same options always give the same registers. */
export const BENCH_SEED = 'bench-issue-7';
export const BENCH_YEAR = '2024/25';

/** About a thousand pupils a school, as a real authority's mix of primaries and secondaries averages. */
export function schoolsFor(pupils: number): number {
  return Math.max(1, Math.round(pupils / 1000));
}

/** A local authority of `pupils` pupils for the whole 2024/25 year, generated in memory (issue 2's generator). */
export function generatedAuthority(pupils: number): Register[] {
  return generateLocalAuthorityRegisters({
    schools: schoolsFor(pupils),
    pupils,
    seed: BENCH_SEED,
    year: BENCH_YEAR,
  }).map((school) => school.register);
}
