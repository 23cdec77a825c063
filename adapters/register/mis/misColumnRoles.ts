import { normaliseHeader } from '../csvTable.ts';

/** What a column of an MIS export holds, whatever the MIS calls it. */
export const COLUMN_ROLES = [
  'upn',
  'adno',
  'familyName',
  'givenName',
  'dateOfBirth',
  'yearGroup',
  'regGroup',
  'sen',
  'fsm',
  'lookedAfter',
  'socialWorker',
  'youngCarer',
  'date',
  'session',
  'mark',
  'am',
  'pm',
] as const;
export type ColumnRole = (typeof COLUMN_ROLES)[number];

/**
 * Header names seen in SIMS, Arbor, Bromcom and ScholarPack exports (compared after normaliseHeader), best
 * first. Bromcom exports both its local "Mark" and the national "Export Mark": the export mark comes first
 * because local codes are school-defined and only the export mark is a DfE code.
 */
export const COLUMN_SYNONYMS: Record<ColumnRole, readonly string[]> = {
  upn: ['upn', 'pupil_upn', 'student_upn', 'unique_pupil_number'],
  adno: [
    'adno',
    'admission_no',
    'admission_number',
    'adm_no',
    'admission_no.',
    'adno.',
    'mis_id',
    'student_id',
    'pupil_id',
  ],
  familyName: ['legal_surname', 'surname', 'family_name', 'last_name', 'lastname'],
  givenName: ['legal_forename', 'forename', 'given_name', 'first_name', 'firstname'],
  dateOfBirth: ['dob', 'date_of_birth', 'birth_date', 'd.o.b.', 'd.o.b'],
  yearGroup: ['year_group', 'nc_year', 'ncyear', 'year', 'nc_year_actual', 'national_curriculum_year', 'year_grp'],
  regGroup: ['reg_group', 'reg', 'registration_group', 'reg_grp', 'form', 'tutor_group', 'class'],
  sen: ['sen_status', 'sen', 'sen_provision'],
  fsm: ['fsm', 'fsm_eligible', 'free_school_meals'],
  lookedAfter: ['looked_after', 'in_care', 'cla', 'lac'],
  socialWorker: ['social_worker', 'has_social_worker'],
  youngCarer: ['young_carer'],
  date: ['date', 'session_date', 'attendance_date', 'mark_date', 'register_date'],
  session: ['session', 'am/pm', 'am_pm', 'session_name', 'period'],
  mark: ['export_mark', 'mark', 'code', 'attendance_code', 'attendance_mark', 'session_mark'],
  am: ['am', 'am_mark', 'morning'],
  pm: ['pm', 'pm_mark', 'afternoon'],
};

/** The roles a layout needs; the report names the first one missing. */
export const PUPIL_ROLES: readonly ColumnRole[] = [
  'upn',
  'adno',
  'familyName',
  'givenName',
  'dateOfBirth',
  'yearGroup',
  'regGroup',
  'sen',
  'fsm',
  'lookedAfter',
  'socialWorker',
  'youngCarer',
];

export interface ColumnMatch {
  /** Column index for each role found. */
  index: Partial<Record<ColumnRole, number>>;
  /** Notes about the mapping, e.g. a mapped column the file does not have. */
  notes: string[];
}

/**
 * Finds each role's column: the mapping file's choice when the file has that column, otherwise the first
 * synonym the header has. A column is used for one role only.
 */
export function matchColumns(
  header: readonly string[],
  overrides: Partial<Record<ColumnRole, string>> = {},
): ColumnMatch {
  const normalised = header.map(normaliseHeader);
  const taken = new Set<number>();
  const index: Partial<Record<ColumnRole, number>> = {};
  const notes: string[] = [];
  for (const role of COLUMN_ROLES) {
    const wanted = overrides[role];
    if (wanted === undefined) continue;
    const at = normalised.indexOf(normaliseHeader(wanted));
    if (at < 0) notes.push(`the mapping names column "${wanted}" for ${role}, but the header has no such column`);
    else {
      index[role] = at;
      taken.add(at);
    }
  }
  for (const role of COLUMN_ROLES) {
    if (index[role] !== undefined || overrides[role] !== undefined) continue;
    for (const name of COLUMN_SYNONYMS[role]) {
      const at = normalised.findIndex((h, i) => h === name && !taken.has(i));
      if (at >= 0) {
        index[role] = at;
        taken.add(at);
        break;
      }
    }
  }
  return { index, notes };
}
