import { z } from 'zod';
import { checkUpn, isIsoDate, LA_CODE, type Pupil } from '../../rules/index.ts';
import { readCsvTable, type CsvRow } from './csvTable.ts';
import {
  parseDateField,
  parseFlagField,
  parseLaCodeField,
  parseSenField,
  parseYearGroupField,
  type FieldParse,
} from './fieldParsers.ts';
import { type ProblemList } from './inputProblems.ts';

export const PUPIL_COLUMNS = ['upn', 'given_name', 'family_name', 'date_of_birth', 'year_group'] as const;

// Each column's check, so one bad cell is reported against its own field.
const columns: Record<string, (raw: string) => FieldParse<unknown>> = {
  upn: (raw) => {
    const check = checkUpn(raw.trim().toUpperCase());
    return check.ok ? { ok: true, value: raw.trim().toUpperCase() } : { ok: false, problem: check.problem };
  },
  given_name: (raw) => nonEmpty(raw, 'a given name'),
  family_name: (raw) => nonEmpty(raw, 'a family name'),
  date_of_birth: (raw) => parseDateField(raw),
  year_group: (raw) => parseYearGroupField(raw),
  reg_group: (raw) => ({ ok: true, value: raw.trim() || undefined }),
  sen: (raw) => parseSenField(raw),
  fsm: (raw) => parseFlagField(raw),
  social_worker: (raw) => parseFlagField(raw),
  looked_after: (raw) => parseFlagField(raw),
  young_carer: (raw) => parseFlagField(raw),
  home_la: (raw) => parseLaCodeField(raw),
};

function nonEmpty(raw: string, what: string): FieldParse<string> {
  const value = raw.trim();
  return value ? { ok: true, value } : { ok: false, problem: `empty; expected ${what}` };
}

// The assembled pupil, checked once more so the rules never see a half-built record.
const pupilSchema = z.object({
  upn: z.string(),
  givenName: z.string().min(1),
  familyName: z.string().min(1),
  dateOfBirth: z.string().refine(isIsoDate),
  yearGroup: z.string().min(1),
  regGroup: z.string().optional(),
  sen: z.enum(['none', 'support', 'ehcp']).optional(),
  fsm: z.boolean().optional(),
  socialWorker: z.boolean().optional(),
  lookedAfter: z.boolean().optional(),
  youngCarer: z.boolean().optional(),
  homeLa: z.string().regex(LA_CODE).optional(),
});

/** Reads pupils.csv; every bad cell and duplicate UPN becomes a problem, and bad rows are left out. */
export function readPupilsCsv(
  path: string,
  displayName: string,
  problems: ProblemList,
): { pupils: Pupil[]; rows: CsvRow[]; readable: boolean } {
  const table = readCsvTable(path, displayName, PUPIL_COLUMNS, problems);
  if (!table) return { pupils: [], rows: [], readable: false };
  const pupils: Pupil[] = [];
  const seen = new Map<string, number>();
  for (const row of table.rows) {
    if (row.rowProblem) {
      problems.add({ file: displayName, line: row.line, ...row.rowProblem });
      continue;
    }
    const values: Record<string, unknown> = {};
    let ok = true;
    for (const [name, parse] of Object.entries(columns)) {
      if (!(name in row.cells)) continue;
      const result = parse(row.cells[name]);
      if (result.ok) values[name] = result.value;
      else {
        ok = false;
        problems.add({ file: displayName, line: row.line, field: name, message: result.problem });
      }
    }
    if (!ok) continue;
    const upn = values.upn as string;
    const earlier = seen.get(upn);
    if (earlier !== undefined) {
      problems.add({
        file: displayName,
        line: row.line,
        field: 'upn',
        message: `UPN ${upn} is already on line ${earlier}`,
      });
      continue;
    }
    seen.set(upn, row.line);
    pupils.push(
      pupilSchema.parse({
        upn,
        givenName: values.given_name,
        familyName: values.family_name,
        dateOfBirth: values.date_of_birth,
        yearGroup: values.year_group,
        regGroup: values.reg_group,
        sen: values.sen,
        fsm: values.fsm,
        socialWorker: values.social_worker,
        lookedAfter: values.looked_after,
        youngCarer: values.young_carer,
        homeLa: values.home_la,
      }),
    );
  }
  return { pupils, rows: table.rows, readable: true };
}
