import { mapWondeCodes, type UnknownWondeCode } from './wondeCodes.ts';
import {
  wondeCalendarDate,
  type WondeAttendanceCode,
  type WondeSessionMark,
  type WondeStudent,
} from './wondeSchemas.ts';

/** A pupils-file row as the import pipeline reads it (its column names are the MIS synonyms it knows). */
export interface WondePupilRow {
  upn: string;
  legalForename: string;
  legalSurname: string;
  dateOfBirth: string;
  yearGroup: string;
  senStatus: string;
  fsm: string;
  lookedAfter: string;
}

/** A session mark as a row per pupil-session: UPN, date, AM/PM and the DfE code. */
export interface WondeMarkRow {
  upn: string;
  date: string;
  session: 'AM' | 'PM';
  mark: string;
}

export interface WondeRegisterRows {
  pupils: WondePupilRow[];
  marks: WondeMarkRow[];
  /** Codes no DfE code matched, with the marks using them (none of those marks is in `marks`). */
  unknownCodes: UnknownWondeCode[];
  /** Wonde student ids with no UPN: their marks cannot be put in a register keyed by UPN. */
  studentsWithoutUpn: string[];
  /** Marks left out because of the two lists above, or naming a student the students list did not have. */
  marksLeftOut: { unknownCode: number; noUpn: number; unknownStudent: number };
}

const yesNo = (value: boolean | null | undefined) => (value === true ? 'Y' : value === false ? 'N' : '');

/**
 * Turns what Wonde gave into the rows the import pipeline reads: one pupils row per student with a UPN, and
 * one row per session mark with its DfE code. What cannot be placed is listed, never dropped silently and
 * never guessed: a code with no DfE match, a student with no UPN, a mark for a student not listed.
 */
export function wondeRegisterRows(
  students: readonly WondeStudent[],
  marks: readonly WondeSessionMark[],
  codes: readonly WondeAttendanceCode[],
): WondeRegisterRows {
  const { dfeCode, unmatched } = mapWondeCodes(codes);
  const upnOf = new Map<string, string | null>();
  const pupils: WondePupilRow[] = [];
  const studentsWithoutUpn: string[] = [];
  for (const student of students) {
    const education = student.education_details?.data;
    const extended = student.extended_details?.data;
    const upn = education?.upn?.trim() || null;
    upnOf.set(student.id, upn);
    if (!upn) {
      studentsWithoutUpn.push(student.id);
      continue;
    }
    const year = education?.current_nc_year ?? student.year?.data?.code ?? '';
    pupils.push({
      upn,
      legalForename: (student.legal_forename ?? student.forename ?? '').trim(),
      legalSurname: (student.legal_surname ?? student.surname ?? '').trim(),
      dateOfBirth: student.date_of_birth ? wondeCalendarDate(student.date_of_birth) : '',
      yearGroup: String(year).trim(),
      senStatus: extended?.sen_status?.trim() ?? '',
      fsm: yesNo(extended?.free_school_meals),
      lookedAfter: yesNo(extended?.in_lea_care),
    });
  }
  const rows: WondeMarkRow[] = [];
  const leftOut = { unknownCode: 0, noUpn: 0, unknownStudent: 0 };
  const unknownUse = new Map<string, number>();
  for (const mark of marks) {
    if (!upnOf.has(mark.student)) {
      leftOut.unknownStudent++;
      continue;
    }
    const upn = upnOf.get(mark.student);
    if (!upn) {
      leftOut.noUpn++;
      continue;
    }
    const code = dfeCode.get(mark.attendance_code);
    if (code === undefined) {
      leftOut.unknownCode++;
      unknownUse.set(mark.attendance_code, (unknownUse.get(mark.attendance_code) ?? 0) + 1);
      continue;
    }
    rows.push({ upn, date: wondeCalendarDate(mark.date), session: mark.session, mark: code });
  }
  const unknownCodes = [...unknownUse].map(([id, count]): UnknownWondeCode => {
    const listed = unmatched.get(id);
    return {
      id,
      code: listed?.code ?? '(not in Wonde’s code list)',
      ...(listed?.description ? { description: listed.description } : {}),
      marks: count,
    };
  });
  return { pupils, marks: rows, unknownCodes, studentsWithoutUpn, marksLeftOut: leftOut };
}
