import { type InputProblem } from '../register/inputProblems.ts';
import { type Pupil, type School } from '../../rules/index.ts';

export type SessionName = 'AM' | 'PM';

/** What a row says about its pupil; any field may be missing, and the importer decides what it needs. */
export type PupilDetails = Partial<Pupil> & { adno?: string };

/** One session mark read from a row, already checked to be a register code in force on its date. */
export interface SourceMark {
  date: string;
  session: SessionName;
  codeId: number;
  code: string;
  /** The column or element the mark was read from, for problems about it. */
  field: string;
}

export interface RowProblem {
  /** The column (as the file names it) or element the problem is in. */
  field: string;
  message: string;
}

/**
 * One row of input as read: where it is, its exact original text (for a rejects file), the pupil it is
 * about, the marks it holds and what is wrong with it. A row is loaded whole or rejected whole, so rows
 * read = rows loaded + rows rejected always holds.
 */
export interface SourceRow {
  file: string;
  /** 1-based line the row starts on. */
  line: number;
  raw: string;
  pupil: PupilDetails;
  /** True when the row defines a pupil (a pupils file or a CTF pupil) rather than only naming one. */
  roster: boolean;
  marks: SourceMark[];
  problems: RowProblem[];
  /** The column (or element) that identifies the pupil, for problems about who the row is about. */
  keyField?: string;
  /** The column holding the row's date (session and day layouts), for problems about the date itself. */
  dateField?: string;
}

export type SourceFormat = 'sessions' | 'days' | 'grid' | 'pupils' | 'ctf';

/** Everything read from one input file. */
export interface SourceRead {
  file: string;
  format: SourceFormat;
  /** Which column (as written in the file) was used for each role, e.g. { upn: 'UPN', date: 'Date' }. */
  columns: Record<string, string>;
  rows: SourceRow[];
  /** Problems with the file as a whole (unreadable, layout unknown, a column missing): nothing in it can load. */
  fileProblems: InputProblem[];
  notes: string[];
  /** The school the file says it comes from (a CTF header). */
  school?: School;
}

/** Adds a problem to a row. */
export function rowProblem(row: SourceRow, field: string, message: string): void {
  row.problems.push({ field, message });
}
