import { z } from 'zod';
import {
  type BoundsCheck,
  isIsoDate,
  registerDateInBounds,
  schoolYearInBounds,
  termLengthInBounds,
} from '../../rules/index.ts';

/** The problem of a failed bounds check, as zod's custom-error form wants it (undefined leaves zod's own). */
const boundsProblem = (check: BoundsCheck) => (check.ok ? undefined : check.problem);

/** A real date inside the bounds, so spans can be measured from it. */
const usableDate = (date: string) => isIsoDate(date) && registerDateInBounds(date).ok;

const isoDate = z
  .string()
  .refine(isIsoDate, { message: 'expected a date written YYYY-MM-DD', abort: true })
  .refine((date) => registerDateInBounds(date).ok, {
    error: (issue) => boundsProblem(registerDateInBounds(String(issue.input))),
  });

const closureObject = z.object({
  date: isoDate,
  session: z.enum(['AM', 'PM']).optional(),
  reason: z.string().default('School closed'),
});

const closureText = z.string().transform((text, ctx) => {
  const match = /^(\d{4}-\d{2}-\d{2})(?: (AM|PM))?$/.exec(text);
  const date = match?.[1] ?? '';
  if (!isIsoDate(date)) {
    ctx.addIssue({ code: 'custom', message: 'expected "YYYY-MM-DD", or "YYYY-MM-DD AM" / "PM", with a real date' });
    return z.NEVER;
  }
  const bounds = registerDateInBounds(date);
  if (!bounds.ok) {
    ctx.addIssue({ code: 'custom', message: bounds.problem });
    return z.NEVER;
  }
  const session = match?.[2] as 'AM' | 'PM' | undefined;
  return session ? { date, session, reason: 'School closed' } : { date, reason: 'School closed' };
});

type Closure = z.infer<typeof closureObject>;

// A closure is a date, a date and session, or an object. Each form is checked on its own so a problem is
// reported in that form's words, not as a union's "Invalid input".
const closure = z.unknown().transform((value, ctx): Closure => {
  const result = typeof value === 'string' ? closureText.safeParse(value) : closureObject.safeParse(value);
  if (result.success) return result.data;
  for (const issue of result.error.issues) ctx.addIssue({ code: 'custom', message: issue.message, path: issue.path });
  return z.NEVER;
});

/** calendar.json: the school's terms and closures (INSET days, polling days, half-day closures). */
export const calendarJsonSchema = z.object({
  terms: z
    .array(
      z
        .object({ name: z.string().min(1), start: isoDate, end: isoDate })
        .refine((t) => t.start <= t.end, { message: 'a term must start on or before its end', path: ['end'] })
        .superRefine((t, ctx) => {
          // A bad date is reported as itself (zod runs this check even then); its length would only repeat it.
          if (!usableDate(t.start) || !usableDate(t.end)) return;
          const check = termLengthInBounds(t);
          if (!check.ok) ctx.addIssue({ code: 'custom', message: check.problem, path: ['end'] });
        }),
    )
    .min(1, 'list at least one term')
    .superRefine((terms, ctx) => {
      if (terms.some((t) => !usableDate(t.start) || !usableDate(t.end))) return;
      const first = terms.reduce((a, t) => (t.start < a.start ? t : a));
      const lastIndex = terms.reduce((at, t, i) => (t.end > terms[at].end ? i : at), 0);
      const check = schoolYearInBounds(first.start, terms[lastIndex].end, 'the terms');
      if (!check.ok) ctx.addIssue({ code: 'custom', message: check.problem, path: [lastIndex, 'end'] });
    }),
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
