import { checkUpn } from '../../../rules/index.ts';
import {
  parseDateField,
  parseFlagField,
  parseSenField,
  parseYearGroupField,
  type FieldParse,
} from '../fieldParsers.ts';
import { type PupilDetails, type SourceRow } from '../../import/sourceRows.ts';
import { PUPIL_ROLES, type ColumnRole } from './misColumnRoles.ts';

function text(raw: string): FieldParse<string | undefined> {
  const value = raw.trim();
  return { ok: true, value: value || undefined };
}

function upn(raw: string): FieldParse<string | undefined> {
  const value = raw.trim().toUpperCase();
  if (!value) return { ok: true, value: undefined };
  const check = checkUpn(value);
  return check.ok ? { ok: true, value } : { ok: false, problem: check.problem };
}

function optional<T>(parse: (raw: string) => FieldParse<T>): (raw: string) => FieldParse<T | undefined> {
  return (raw) => (raw.trim() === '' ? { ok: true, value: undefined } : parse(raw));
}

// SEN status as SIMS writes it ("K - SEN Support") is read by its leading letter when the whole text is not known.
function sen(raw: string): FieldParse<PupilDetails['sen']> {
  const whole = parseSenField(raw);
  if (whole.ok) return whole;
  const letter = /^\s*([NKE])\s*-/i.exec(raw);
  return letter ? parseSenField(letter[1]) : whole;
}

const PARSERS: Partial<Record<ColumnRole, [keyof PupilDetails, (raw: string) => FieldParse<unknown>]>> = {
  upn: ['upn', upn],
  adno: ['adno', text],
  familyName: ['familyName', text],
  givenName: ['givenName', text],
  dateOfBirth: ['dateOfBirth', optional(parseDateField)],
  yearGroup: ['yearGroup', optional(parseYearGroupField)],
  regGroup: ['regGroup', text],
  sen: ['sen', sen],
  fsm: ['fsm', parseFlagField],
  lookedAfter: ['lookedAfter', parseFlagField],
  socialWorker: ['socialWorker', parseFlagField],
  youngCarer: ['youngCarer', parseFlagField],
};

/** Parsed pupil columns by their text: an export repeats a pupil's columns on every one of their rows. */
export type PupilCellCache = Map<string, { pupil: PupilDetails; problems: SourceRow['problems'] }>;

/**
 * Reads the pupil columns of a row; a bad cell is a problem against its column, named as the file names
 * it. Rows with the same pupil columns share one parsed (read-only) result.
 */
export function readPupilCells(
  row: SourceRow,
  cells: readonly string[],
  index: Partial<Record<ColumnRole, number>>,
  header: readonly string[],
  cache: PupilCellCache,
): void {
  let key = '';
  for (const role of PUPIL_ROLES) if (index[role] !== undefined) key += `${cells[index[role]!] ?? ''}\u0000`;
  const cached = cache.get(key);
  if (cached) {
    row.pupil = cached.pupil;
    row.problems.push(...cached.problems);
  } else {
    const fresh: SourceRow = { ...row, problems: [] };
    parsePupilCells(fresh, cells, index, header);
    cache.set(key, { pupil: fresh.pupil, problems: fresh.problems });
    row.pupil = fresh.pupil;
    row.problems.push(...fresh.problems);
  }
  const keyAt = index.upn ?? index.adno;
  if (keyAt !== undefined) row.keyField = header[keyAt];
}

function parsePupilCells(
  row: SourceRow,
  cells: readonly string[],
  index: Partial<Record<ColumnRole, number>>,
  header: readonly string[],
): void {
  const pupil: Record<string, unknown> = {};
  for (const [role, entry] of Object.entries(PARSERS) as [
    ColumnRole,
    [keyof PupilDetails, (raw: string) => FieldParse<unknown>],
  ][]) {
    const at = index[role];
    if (at === undefined) continue;
    const [field, parse] = entry;
    const result = parse(cells[at] ?? '');
    if (result.ok) {
      if (result.value !== undefined) pupil[field] = result.value;
    } else row.problems.push({ field: header[at], message: result.problem });
  }
  row.pupil = pupil as PupilDetails;
  const badUpn = index.upn !== undefined && row.problems.some((p) => p.field === header[index.upn!]);
  if (!row.pupil.upn && !row.pupil.adno && !badUpn) {
    const named = [index.upn, index.adno].filter((i) => i !== undefined).map((i) => header[i!]);
    row.problems.push({
      field: named.join('/') || 'UPN',
      message: "empty: a row needs the pupil's UPN (or an admission number a pupils file links to a UPN)",
    });
  }
}
