import { join } from 'node:path';
import { generateSchool, type GeneratedSchool, type SchoolSpec } from './generateSchool.ts';
import { generatorOptionsSchema, type GeneratorOptionsInput } from './generatorOptions.ts';
import { planLocalAuthority, schoolSlug } from './planLocalAuthority.ts';
import { SeededRandom } from './seededRandom.ts';
import { writeGeneratedBundle } from './writeGeneratedBundle.ts';

export interface GeneratedBundleSummary {
  dir: string;
  urn: string;
  phase: SchoolSpec['phase'];
  policy: string;
  pupils: number;
  sessions: number;
  markRows: number;
  scenarioPupils: number;
}

/**
 * Generates a local authority's registers into `outDir`, one bundle folder per school, one school at a
 * time so memory holds a single school's register. Each school draws from its own stream of the seed,
 * so the same options always write the same bytes. `onSchool` hears of each school as it is written.
 */
export function generateLocalAuthority(
  input: GeneratorOptionsInput,
  outDir: string,
  onSchool?: (summary: GeneratedBundleSummary, index: number, total: number) => void,
): GeneratedBundleSummary[] {
  const options = generatorOptionsSchema.parse(input);
  const root = new SeededRandom(options.seed);
  const specs = planLocalAuthority(options);
  return specs.map((spec, i) => {
    const generated = generateSchool(spec, root.fork(`school-${i}`));
    const dir = join(outDir, schoolSlug(spec.school.name));
    const markRows = writeGeneratedBundle(dir, generated);
    const summary: GeneratedBundleSummary = {
      dir,
      urn: spec.school.urn,
      phase: spec.phase,
      policy: spec.school.policy,
      pupils: spec.pupils,
      sessions: generated.register.calendar.sessionCount,
      markRows,
      scenarioPupils: generated.scenarios.length,
    };
    onSchool?.(summary, i, specs.length);
    return summary;
  });
}

/** The same schools as `generateLocalAuthority`, held in memory instead of written: for tests and benchmarks. */
export function generateLocalAuthorityRegisters(input: GeneratorOptionsInput): GeneratedSchool[] {
  const options = generatorOptionsSchema.parse(input);
  const root = new SeededRandom(options.seed);
  return planLocalAuthority(options).map((spec, i) => generateSchool(spec, root.fork(`school-${i}`)));
}
