import { z } from 'zod';
import { isIsoDate } from '../../rules/dates/isoDate.ts';

const isoDate = z.string().refine(isIsoDate, { message: 'expected a date written YYYY-MM-DD' });

const closure = z.union([
  isoDate.transform((date) => ({ date, reason: 'School closed' })),
  z
    .string()
    .regex(/^\d{4}-\d{2}-\d{2} (AM|PM)$/, 'expected "YYYY-MM-DD" or "YYYY-MM-DD AM"/"PM"')
    .refine((s) => isIsoDate(s.slice(0, 10)), { message: 'expected a real date' })
    .transform((s) => ({ date: s.slice(0, 10), session: s.slice(11) as 'AM' | 'PM', reason: 'School closed' })),
  z.object({ date: isoDate, session: z.enum(['AM', 'PM']).optional(), reason: z.string().default('School closed') }),
]);

/** calendar.json: the school's terms and closures (INSET days, polling days, half-day closures). */
export const calendarJsonSchema = z.object({
  terms: z
    .array(
      z
        .object({ name: z.string().min(1), start: isoDate, end: isoDate })
        .refine((t) => t.start <= t.end, { message: 'a term must start on or before its end' }),
    )
    .min(1, 'list at least one term'),
  closures: z.array(closure).default([]),
  openDays: z.array(isoDate).default([]),
});
export type CalendarJson = z.infer<typeof calendarJsonSchema>;

/** school.json: who the school is and which policy profile it follows. Either naming style is accepted. */
export const schoolJsonSchema = z
  .object({
    urn: z.union([z.string(), z.number()]).transform(String).optional(),
    name: z.string().min(1).optional(),
    localAuthority: z.string().optional(),
    local_authority: z.string().optional(),
    la: z.string().optional(),
    laCode: z.union([z.string(), z.number()]).transform(String).optional(),
    la_code: z.union([z.string(), z.number()]).transform(String).optional(),
    laEstab: z.union([z.string(), z.number()]).transform(String).optional(),
    policy: z.string().optional(),
    policyProfile: z.string().optional(),
    policy_profile: z.string().optional(),
  })
  .refine((s) => [s.laCode, s.la_code].every((c) => c === undefined || /^\d{3}$/.test(c)), {
    message: 'laCode must be the authority’s three-digit DfE number, such as "831"',
  })
  .transform((s) => ({
    urn: s.urn,
    name: s.name ?? (s.urn ? `School ${s.urn}` : 'School'),
    localAuthority: s.localAuthority ?? s.local_authority ?? s.la,
    // The LAESTAB's first three digits are the authority's number.
    laCode: s.laCode ?? s.la_code ?? (s.laEstab && /^\d{7}$/.test(s.laEstab) ? s.laEstab.slice(0, 3) : undefined),
    policy: s.policy ?? s.policyProfile ?? s.policy_profile,
  }));
