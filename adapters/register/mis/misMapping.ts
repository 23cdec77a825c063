import { z } from 'zod';
import { ProblemList, RegisterInputError } from '../inputProblems.ts';
import { readJsonFile } from '../readJsonFile.ts';
import { TEXT_ENCODINGS } from '../textEncoding.ts';
import { COLUMN_ROLES, type ColumnRole } from './misColumnRoles.ts';

const columnsSchema = z.strictObject(
  Object.fromEntries(
    COLUMN_ROLES.map((role) => [role, z.string().min(1, `name the column that holds ${role}`).optional()]),
  ) as Record<ColumnRole, z.ZodOptional<z.ZodString>>,
  {
    error: (issue) =>
      issue.code === 'unrecognized_keys'
        ? `unknown role ${issue.keys.map((k) => JSON.stringify(k)).join(', ')}; the roles are ${COLUMN_ROLES.join(', ')}`
        : undefined,
  },
);

/**
 * A mapping file for an export whose headers are not recognised, e.g.
 * `{ "layout": "days", "columns": { "upn": "Pupil No", "am": "Morning", "pm": "Afternoon" }, "encoding": "windows-1252" }`.
 * Only the roles it names are overridden; the rest are still recognised by their usual names.
 */
export const misMappingSchema = z
  .object({
    layout: z.enum(['sessions', 'days', 'grid']).optional(),
    columns: columnsSchema.default({}),
    /** The export's encoding when it is not UTF-8: many MIS exports are Windows-1252. */
    encoding: z.enum(TEXT_ENCODINGS, { error: `the encodings are ${TEXT_ENCODINGS.join(', ')}` }).optional(),
  })
  .strict();
export type MisMapping = z.infer<typeof misMappingSchema>;

/** Reads and checks a mapping file; a bad one stops the import with its problems located. */
export function readMisMapping(path: string, displayName = path): MisMapping {
  const problems = new ProblemList();
  const mapping = readJsonFile(path, displayName, misMappingSchema, problems);
  if (mapping === null) throw new RegisterInputError(problems.problems, problems.total);
  return mapping;
}
