import { type School } from '../register/register.ts';
import { type MonthlyReturns } from './localAuthorityReturn.ts';

/** The columns of the returns file, in order: what an LA's import needs to match a pupil and the return. */
export const RETURNS_CSV_COLUMNS = [
  'school_urn',
  'school_name',
  'month',
  'return',
  'upn',
  'pupil_name',
  'date_of_birth',
  'year_group',
  'from',
  'to',
  'school_days',
  'reason',
  'source',
  'where',
] as const;

const RETURN_NAMES = { attendance: 'attendance return', sickness: 'sickness return' } as const;

/**
 * One field as RFC 4180 writes it: quoted (with quotes doubled) when it holds a comma, a quote, a line
 * break or space at either end; otherwise as it is.
 */
export function csvField(value: string | number): string {
  const text = String(value);
  return /[",\r\n]|^\s|\s$/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}

/** One school's returns as CSV rows (no header), each ending CRLF. */
function returnsCsvRows(school: School, owed: MonthlyReturns): string[] {
  return owed.returns.map(
    (r) =>
      [
        school.urn ?? '',
        school.name,
        owed.month,
        RETURN_NAMES[r.kind],
        r.upn,
        r.pupilName,
        r.dateOfBirth,
        r.yearGroup,
        r.from,
        r.to,
        r.schoolDays,
        r.reason,
        r.citation.source,
        r.citation.where,
      ]
        .map(csvField)
        .join(',') + '\r\n',
  );
}

const HEADER = `${RETURNS_CSV_COLUMNS.join(',')}\r\n`;

/**
 * A month's returns as a CSV file an LA can take in: RFC 4180 (CRLF line ends, a header row, quoted
 * fields), one row per pupil per return, dates as YYYY-MM-DD so a spreadsheet or an import reads them as
 * dates. The register holds no addresses, so the school adds them where the LA's form asks.
 */
export function returnsCsv(school: School, owed: MonthlyReturns): string {
  return schoolsReturnsCsv([{ school, owed }]);
}

/**
 * Several schools' returns for a month as one file (an LA officer's schools): one header, then each
 * school's rows in the order given. Every row names its school, so the file reads the same as the
 * schools' own files put together; for one school it is exactly `returnsCsv`.
 */
export function schoolsReturnsCsv(parts: readonly { school: School; owed: MonthlyReturns }[]): string {
  return HEADER + parts.flatMap(({ school, owed }) => returnsCsvRows(school, owed)).join('');
}
