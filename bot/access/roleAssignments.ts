import { readFileSync } from 'node:fs';
import { z } from 'zod';
import { SCHOOL_ROLES, type StateStore } from '../../adapters/store/stateStore.ts';
import { ALL_SCHOOLS } from './access.ts';

const roleAssignmentsSchema = z.object({
  assignments: z.array(
    z.object({
      user: z.string().min(1, 'each assignment needs "user": the Entra object id (or Teams user id) of the person'),
      role: z.enum(SCHOOL_ROLES, { message: `"role" must be one of ${SCHOOL_ROLES.join(', ')}` }),
      schools: z.union(
        [z.literal('all'), z.array(z.string().regex(/^\d{6,7}$/, 'school URNs are 6 or 7 digits')).min(1)],
        {
          message: '"schools" must be "all" or a list of URNs',
        },
      ),
    }),
  ),
});

/**
 * Loads ATTENDANCE_ROLES (a JSON file of `{ assignments: [{ user, role, schools }] }`) into the store, so
 * the school's attendance lead, DSL, head and LA officers are known from the first message. Returns how
 * many assignments were written; throws naming the file and the entry at fault.
 */
export async function loadRoleAssignments(file: string, store: StateStore): Promise<number> {
  let json: unknown;
  try {
    json = JSON.parse(readFileSync(file, 'utf8'));
  } catch (err) {
    throw new Error(`ATTENDANCE_ROLES=${file} could not be read as JSON: ${(err as Error).message}`, { cause: err });
  }
  const parsed = roleAssignmentsSchema.safeParse(json);
  if (!parsed.success)
    throw new Error(
      `ATTENDANCE_ROLES=${file}: ${parsed.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`).join('; ')}`,
    );
  let written = 0;
  for (const a of parsed.data.assignments) {
    for (const urn of a.schools === 'all' ? [ALL_SCHOOLS] : a.schools) {
      await store.setRole(urn, a.user, a.role);
      written++;
    }
  }
  return written;
}
