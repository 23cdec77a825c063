import { type Pupil } from '../../rules/index.ts';
import { type PupilDetails, type SourceRow } from './sourceRows.ts';

const REQUIRED: [keyof Pupil, string][] = [
  ['givenName', 'forename'],
  ['familyName', 'surname'],
  ['dateOfBirth', 'date of birth'],
  ['yearGroup', 'year group'],
];

function defined(details: PupilDetails): PupilDetails {
  return Object.fromEntries(Object.entries(details).filter(([, v]) => v !== undefined)) as PupilDetails;
}

function keyField(row: SourceRow): string {
  return row.keyField ?? 'UPN';
}

/**
 * Settles which pupil every row is about, and the roster the bundle will hold.
 *
 * The rules, in order:
 * - UPN is the key. A row with no UPN is matched by admission number to the UPN given with that number
 *   in a pupils file, another row of the import, or the bundle; if none gives one, the row is rejected
 *   (a pupil awaiting a UPN needs the temporary UPN the MIS allocates).
 * - When the import holds a pupils file or a CTF, that (with the bundle's pupils) is the roster: a mark for
 *   anyone else is an unknown pupil. Without one, each register row's own columns describe its pupil.
 * - Newer details replace older ones field by field; a blank never erases what the bundle knows.
 * - A pupil still missing a forename, surname, date of birth or year group is not loaded, and every row
 *   about them says what is missing.
 */
export function resolvePupils(
  rows: readonly SourceRow[],
  existing: ReadonlyMap<string, PupilDetails>,
): Map<string, Pupil> {
  const roster = new Map<string, PupilDetails>();
  for (const [upn, p] of existing) roster.set(upn, { ...p });
  const adnoToUpn = new Map<string, string>();
  for (const [upn, p] of existing) if (p.adno) adnoToUpn.set(p.adno, upn);
  for (const row of rows)
    if (row.pupil.upn && row.pupil.adno && !adnoToUpn.has(row.pupil.adno)) adnoToUpn.set(row.pupil.adno, row.pupil.upn);
  const hasRosterFile = rows.some((r) => r.roster);
  const touched = new Set<string>();

  // Resolve each row's UPN first, so the roster and the marks agree on who is who.
  for (const row of rows) {
    if (row.pupil.upn || !row.pupil.adno) continue;
    const upn = adnoToUpn.get(row.pupil.adno);
    if (upn) row.pupil = { ...row.pupil, upn };
    else {
      const what = row.roster
        ? 'a pupil cannot be loaded without a UPN: export the UPN (or the temporary UPN the MIS allocated)'
        : 'no pupils file, other row or bundle pupil links it to a UPN';
      row.problems.push({ field: keyField(row), message: `no UPN, and admission number ${row.pupil.adno}: ${what}` });
    }
  }

  const rosterLine = new Map<string, SourceRow>();
  const rejectedRoster = new Set<string>();
  for (const row of rows) {
    if (!row.roster || !row.pupil.upn) continue;
    const upn = row.pupil.upn;
    const earlier = rosterLine.get(upn);
    if (earlier && earlier.file === row.file)
      row.problems.push({ field: 'UPN', message: `UPN ${upn} is already on line ${earlier.line}` });
    if (row.problems.length > 0) {
      rejectedRoster.add(upn);
      continue;
    }
    rosterLine.set(upn, row);
    roster.set(upn, { ...roster.get(upn), ...defined(row.pupil) });
    touched.add(upn);
  }

  const lastMerged = new Map<string, PupilDetails>();
  for (const row of rows) {
    if (row.roster || !row.pupil.upn) continue;
    const upn = row.pupil.upn;
    if (hasRosterFile || (!row.pupil.familyName && !row.pupil.givenName)) {
      if (!roster.has(upn)) {
        const where = rejectedRoster.has(upn)
          ? 'its own row in the pupils file was rejected'
          : hasRosterFile
            ? 'it is not in the pupils file or CTF imported, nor in the bundle'
            : 'it is not in the bundle and this row does not name the pupil';
        row.problems.push({ field: keyField(row), message: `unknown pupil: UPN ${upn}: ${where}` });
      }
      continue;
    }
    // Rows of one export share their parsed pupil columns, so one merge per distinct object is enough.
    if (row.problems.length === 0 && lastMerged.get(upn) !== row.pupil) {
      lastMerged.set(upn, row.pupil);
      roster.set(upn, { ...roster.get(upn), ...defined(row.pupil) });
      touched.add(upn);
    }
  }

  const complete = new Map<string, Pupil>();
  const missingFor = new Map<string, string[]>();
  for (const [upn, p] of roster) {
    const missing = REQUIRED.filter(([field]) => !p[field]).map(([, words]) => words);
    if (missing.length === 0) complete.set(upn, p as Pupil);
    else if (touched.has(upn)) missingFor.set(upn, missing);
  }
  for (const row of rows) {
    const missing = row.pupil.upn && missingFor.get(row.pupil.upn);
    if (missing)
      row.problems.push({
        field: missing.join('/'),
        message: `UPN ${row.pupil.upn} has no ${missing.join(', ')} in any file imported or in the bundle: import a pupils file that gives them`,
      });
  }
  return complete;
}
