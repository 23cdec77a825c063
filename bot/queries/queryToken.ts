import { z } from 'zod';

/**
 * A question as carried in a card's Action.Execute data, so "next 20" and "show this pupil" can run it
 * again. It comes back from a client, so it is parsed strictly and access is checked again on arrival.
 */
const queryTokenSchema = z.object({
  v: z.literal(1),
  kind: z.string().min(1),
  /** A school URN, or `*` for an LA officer's question across their schools. */
  urn: z.string().regex(/^(\d{6,7}|\*)$/),
  filters: z
    .object({
      yearGroup: z.string().optional(),
      regGroup: z.string().optional(),
      fsm: z.boolean().optional(),
      sen: z.enum(['support', 'ehcp', 'any']).optional(),
      socialWorker: z.boolean().optional(),
      lookedAfter: z.boolean().optional(),
      youngCarer: z.boolean().optional(),
    })
    .default({}),
  /** Absent: each school's own as-of day. */
  asOf: z
    .string()
    .regex(/^\d{4}-\d{2}-\d{2}$/)
    .optional(),
  from: z
    .string()
    .regex(/^\d{4}-\d{2}-\d{2}$/)
    .optional(),
  label: z.string().max(200).optional(),
});

export type QueryToken = z.infer<typeof queryTokenSchema>;

export function encodeQueryToken(token: QueryToken): string {
  return JSON.stringify(token);
}

/** The token, or null when a client sent something this bot did not write. */
export function decodeQueryToken(text: unknown): QueryToken | null {
  if (typeof text !== 'string') return null;
  try {
    const parsed = queryTokenSchema.safeParse(JSON.parse(text));
    return parsed.success ? parsed.data : null;
  } catch {
    return null;
  }
}
