import { type IsoDate } from '../dates/isoDate.ts';

/**
 * The statistical class of a register code, as DfE counts it:
 * - `present` and `approved-activity` both count as attendance;
 * - `authorised` and `unauthorised` are absence;
 * - `not-possible` sessions are left out of possible sessions (D, X, Q, Y1-Y7; Y before 2024);
 * - `not-collected` are the administrative codes Z and # (not on roll, planned closure);
 * - `no-mark` is a session with no entry at all (not on roll yet, or a gap the school must fill).
 */
export type CodeCategory =
  'present' | 'approved-activity' | 'authorised' | 'unauthorised' | 'not-possible' | 'not-collected' | 'no-mark';

/** The regulations a code belongs to: the 2024 Regs (from 19 August 2024) or the 2006 Regs before them. */
export type CodeRegime = '2024' | '2006';

export interface RegisterCode {
  /** The mark as written in the register. */
  code: string;
  /** Byte stored in the columnar register; stable across runs because the table order is fixed. */
  id: number;
  meaning: string;
  category: CodeCategory;
  /** Which code sets include it. Most codes are in both; H, F, J and Y only before 19 August 2024. */
  regimes: readonly CodeRegime[];
  /** The group heading in the 2024 code table (WTISA), for display. */
  group: string;
}

/** The first day of the 2024 regime (SI 2024/208 in force). */
export const CODES_2024_FROM: IsoDate = '2024-08-19';

const BOTH = ['2024', '2006'] as const;
const NEW_2024 = ['2024'] as const;
const OLD_ONLY = ['2006'] as const;

type CodeRow = [code: string, category: CodeCategory, regimes: readonly CodeRegime[], group: string, meaning: string];

// Order fixes each code's byte id: append new codes at the end, never reorder.
const ROWS: readonly CodeRow[] = [
  ['-', 'no-mark', BOTH, 'No mark', 'No mark entered for this session'],
  ['/', 'present', BOTH, 'Present', 'Present (AM)'],
  ['\\', 'present', BOTH, 'Present', 'Present (PM)'],
  ['L', 'present', BOTH, 'Present', 'Late arrival before the register closed'],
  [
    'K',
    'approved-activity',
    NEW_2024,
    'Attending a place other than the school',
    'Attending education provision arranged by the local authority',
  ],
  ['V', 'approved-activity', BOTH, 'Attending a place other than the school', 'Attending an educational visit or trip'],
  [
    'P',
    'approved-activity',
    BOTH,
    'Attending a place other than the school',
    'Participating in an approved sporting activity',
  ],
  ['W', 'approved-activity', BOTH, 'Attending a place other than the school', 'Attending work experience'],
  [
    'B',
    'approved-activity',
    BOTH,
    'Attending a place other than the school',
    'Attending any other approved educational activity',
  ],
  [
    'D',
    'not-possible',
    BOTH,
    'Attending a place other than the school',
    'Dual registered: attending a session at another setting',
  ],
  [
    'C1',
    'authorised',
    NEW_2024,
    'Absent: leave of absence',
    'Leave of absence for a regulated performance or regulated employment abroad',
  ],
  ['M', 'authorised', BOTH, 'Absent: leave of absence', 'Leave of absence for a medical or dental appointment'],
  [
    'J1',
    'authorised',
    NEW_2024,
    'Absent: leave of absence',
    'Leave of absence for an interview for employment or admission to another educational institution',
  ],
  ['S', 'authorised', BOTH, 'Absent: leave of absence', 'Leave of absence to study for a public examination'],
  ['X', 'not-possible', BOTH, 'Absent: leave of absence', 'Non-compulsory school age pupil not required to attend'],
  ['C2', 'authorised', NEW_2024, 'Absent: leave of absence', 'Leave of absence on a temporary part-time timetable'],
  ['C', 'authorised', BOTH, 'Absent: leave of absence', 'Leave of absence for exceptional circumstances'],
  [
    'T',
    'authorised',
    BOTH,
    'Absent: other authorised reasons',
    'Parent travelling for occupational purposes (mobile child)',
  ],
  ['R', 'authorised', BOTH, 'Absent: other authorised reasons', 'Religious observance'],
  ['I', 'authorised', BOTH, 'Absent: other authorised reasons', 'Illness (not a medical or dental appointment)'],
  [
    'E',
    'authorised',
    BOTH,
    'Absent: other authorised reasons',
    'Suspended or permanently excluded, no alternative provision made',
  ],
  [
    'Q',
    'not-possible',
    NEW_2024,
    'Absent: unable to attend because of an unavoidable cause',
    'Unable to attend: lack of access arrangements by the local authority',
  ],
  [
    'Y1',
    'not-possible',
    NEW_2024,
    'Absent: unable to attend because of an unavoidable cause',
    'Unable to attend: transport normally provided not available',
  ],
  [
    'Y2',
    'not-possible',
    NEW_2024,
    'Absent: unable to attend because of an unavoidable cause',
    'Unable to attend: widespread disruption to travel',
  ],
  [
    'Y3',
    'not-possible',
    NEW_2024,
    'Absent: unable to attend because of an unavoidable cause',
    'Unable to attend: part of the school premises closed',
  ],
  [
    'Y4',
    'not-possible',
    NEW_2024,
    'Absent: unable to attend because of an unavoidable cause',
    'Unable to attend: whole school site unexpectedly closed',
  ],
  [
    'Y5',
    'not-possible',
    NEW_2024,
    'Absent: unable to attend because of an unavoidable cause',
    'Unable to attend: criminal justice detention',
  ],
  [
    'Y6',
    'not-possible',
    NEW_2024,
    'Absent: unable to attend because of an unavoidable cause',
    'Unable to attend in accordance with public health guidance or law',
  ],
  [
    'Y7',
    'not-possible',
    NEW_2024,
    'Absent: unable to attend because of an unavoidable cause',
    'Unable to attend: any other unavoidable cause',
  ],
  ['G', 'unauthorised', BOTH, 'Absent: unauthorised', 'Holiday not granted by the school'],
  ['N', 'unauthorised', BOTH, 'Absent: unauthorised', 'Reason for absence not yet established'],
  ['O', 'unauthorised', BOTH, 'Absent: unauthorised', 'Absent in other or unknown circumstances'],
  ['U', 'unauthorised', BOTH, 'Absent: unauthorised', 'Arrived after the register closed'],
  ['Z', 'not-collected', BOTH, 'Administrative', 'Prospective pupil not on the admission register'],
  ['#', 'not-collected', BOTH, 'Administrative', 'Planned whole-school closure'],
  // Withdrawn on 19 August 2024; read with the treatment they had under the 2006 Regs.
  ['H', 'authorised', OLD_ONLY, 'Withdrawn before 2024', 'Authorised family holiday (withdrawn 2024)'],
  ['F', 'authorised', OLD_ONLY, 'Withdrawn before 2024', 'Agreed extended family holiday (withdrawn 2013)'],
  [
    'J',
    'approved-activity',
    OLD_ONLY,
    'Withdrawn before 2024',
    'Interview (an approved educational activity until 2024; now J1, authorised absence)',
  ],
  [
    'Y',
    'not-possible',
    OLD_ONLY,
    'Withdrawn before 2024',
    'Unable to attend due to exceptional circumstances (split into Y1-Y7 in 2024)',
  ],
];

export const REGISTER_CODES: readonly RegisterCode[] = ROWS.map(([code, category, regimes, group, meaning], id) => ({
  code,
  id,
  meaning,
  category,
  regimes,
  group,
}));

/** The byte that means "no mark" in a columnar register. */
export const NO_MARK_ID = 0;

const BY_CODE = new Map(REGISTER_CODES.map((c) => [c.code, c]));

/** The code as written, or undefined when it is not a DfE code in any regime. */
export function findRegisterCode(code: string): RegisterCode | undefined {
  return BY_CODE.get(code);
}

/** The code for a byte id. */
export function registerCodeById(id: number): RegisterCode {
  const code = REGISTER_CODES[id];
  if (!code) throw new RangeError(`no register code has id ${id}`);
  return code;
}

/** The regime that governs a session on `date`. */
export function regimeOn(date: IsoDate): CodeRegime {
  return date >= CODES_2024_FROM ? '2024' : '2006';
}
