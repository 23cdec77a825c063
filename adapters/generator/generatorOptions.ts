import { z } from 'zod';
import { academicYearBounds, isIsoDate, parseAcademicYear, POLICY_PROFILES } from '../../rules/index.ts';

/** Pupils per year group per school cannot exceed the UPN's three-digit serial. */
export const MAX_PUPILS_PER_SCHOOL = 4000;

/**
 * What `attendance generate` is asked for, checked before anything is written. Each message says which
 * option to change and how.
 */
export const generatorOptionsSchema = z
  .object({
    schools: z
      .number()
      .int('--schools must be a whole number')
      .min(1, '--schools must be at least 1')
      .max(5000, '--schools is at most 5000'),
    pupils: z.number().int('--pupils must be a whole number').min(1, '--pupils must be at least 1'),
    seed: z.string().min(1, '--seed must not be empty'),
    year: z.string().transform((text, ctx) => {
      const start = parseAcademicYear(text);
      if (start === undefined) {
        ctx.addIssue({
          code: 'custom',
          message: `--year ${JSON.stringify(text)} is not an academic year (write 2024/25)`,
        });
        return z.NEVER;
      }
      if (start < 2024) {
        ctx.addIssue({
          code: 'custom',
          message: `--year ${text}: the generator writes the 2024 code set, in force from 2024/25; choose 2024/25 or later`,
        });
        return z.NEVER;
      }
      return start;
    }),
    through: z.string().refine(isIsoDate, '--through must be a date written YYYY-MM-DD').optional(),
    localAuthority: z.string().min(1, '--la must not be empty').default('Brackenford'),
    laCode: z
      .string()
      .regex(/^\d{3}$/, '--la-code must be three digits (the DfE LA number)')
      .default('990'),
    policies: z
      .array(
        z.string().refine((id) => POLICY_PROFILES.has(id), {
          message: `--policy must be one of ${[...POLICY_PROFILES.keys()].join(', ')}`,
        }),
      )
      .min(1)
      .default(['national']),
    scenarios: z.boolean().default(false),
  })
  .superRefine((o, ctx) => {
    if (o.pupils < o.schools * 20)
      ctx.addIssue({
        code: 'custom',
        path: ['pupils'],
        message: `--pupils ${o.pupils} is too few for ${o.schools} schools: give at least 20 a school`,
      });
    // A secondary takes about 3.5 times a primary's share; keep the biggest school within the UPN serials.
    if (o.pupils / o.schools > MAX_PUPILS_PER_SCHOOL / 3) {
      ctx.addIssue({
        code: 'custom',
        path: ['pupils'],
        message: `--pupils ${o.pupils} across ${o.schools} schools makes schools too big; use more schools (at most about ${Math.floor(MAX_PUPILS_PER_SCHOOL / 3)} pupils a school on average)`,
      });
    }
    if (o.through !== undefined) {
      const { start, end } = academicYearBounds(o.year);
      if (o.through < start || o.through > end)
        ctx.addIssue({
          code: 'custom',
          path: ['through'],
          message: `--through ${o.through} is outside ${start} to ${end}, the school year asked for`,
        });
    }
  });

export type GeneratorOptionsInput = z.input<typeof generatorOptionsSchema>;
export type GeneratorOptions = z.output<typeof generatorOptionsSchema>;
