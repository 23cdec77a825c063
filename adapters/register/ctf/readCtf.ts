import { readFileSync } from 'node:fs';
import { basename } from 'node:path';
import { XMLParser, XMLValidator } from 'fast-xml-parser';
import {
  isIsoDate,
  LONGEST_SCHOOL_YEAR_DAYS,
  parseRegisterCode,
  registerDateInBounds,
  type SchoolCalendar,
} from '../../../rules/index.ts';
import { type SourceRead, type SourceRow } from '../../import/sourceRows.ts';
import { CTF_ENCODING_REMEDY, decodeText, notUtf8Message, type TextEncoding } from '../textEncoding.ts';
import { elementSpans, innerSpans } from './ctfElementLines.ts';
import { child, children, ctfPupilDetails, textOf, type XmlNode } from './ctfPupil.ts';
import { decodeCtfMarks } from './decodeCtfMarks.ts';
import { compareCtfTotals } from './compareCtfTotals.ts';

export interface CtfReadOptions {
  /** The school's calendar, to decode and length-check mark strings; without it they are read unchecked. */
  calendar?: SchoolCalendar;
  displayName?: string;
  /** The file's encoding, when it is not UTF-8 and its XML declaration does not say so. */
  encoding?: TextEncoding;
}

/** The encoding an XML declaration names, when it is one we read other than UTF-8 (Latin-1 is read as Windows-1252, as browsers do). */
function declaredEncoding(bytes: Buffer): TextEncoding | undefined {
  const head = bytes.subarray(0, 200).toString('latin1');
  const named = /^(?:\uFEFF|\u00EF\u00BB\u00BF)?<\?xml[^>]*\bencoding\s*=\s*["']([^"']+)["']/i
    .exec(head)?.[1]
    .toLowerCase();
  return named && ['windows-1252', 'cp1252', 'iso-8859-1', 'latin1', 'latin-1'].includes(named)
    ? 'windows-1252'
    : undefined;
}

/** Which element a character of a row's text is in: the last tag opened before it. */
function elementAt(text: string, offset: number): string {
  const tags = [...text.slice(0, offset).matchAll(/<([A-Za-z][\w.-]*)[^>]*>/g)];
  return tags.length > 0 ? tags[tags.length - 1][1] : '(file)';
}

/** Each line holding bytes that are not UTF-8 rejects the innermost row it is in (a year's marks before its pupil), or, outside every row, the file. */
function reportNotUtf8(read: SourceRead, lines: readonly number[]): void {
  const lastLine = (row: SourceRow) => row.line + (row.raw.match(/\n/g)?.length ?? 0);
  const message = notUtf8Message(CTF_ENCODING_REMEDY);
  for (const line of lines) {
    const inside = (row: SourceRow) => row.line <= line && line <= lastLine(row);
    const row = read.rows.find((r) => !r.roster && inside(r)) ?? read.rows.find((r) => r.roster && inside(r));
    if (!row) {
      read.fileProblems.push({ file: read.file, line, field: '(file)', message });
      continue;
    }
    if (row.problems.some((p) => p.message === message)) continue;
    // The bad bytes were read as U+FFFD on their line: find that line's first one in the row's text.
    const lineStart = row.raw
      .split('\n')
      .slice(0, line - row.line)
      .reduce((n, l) => n + l.length + 1, 0);
    const at = row.raw.indexOf('\uFFFD', lineStart);
    row.problems.push({ field: elementAt(row.raw, at < 0 ? lineStart : at), message });
  }
}

const parser = new XMLParser({
  ignoreAttributes: true,
  parseTagValue: false,
  trimValues: true,
  isArray: (name) => ['Pupil', 'YearData', 'FSMinstance', 'SEN'].includes(name),
});

/**
 * Reads a DfE Common Transfer File: a row per `Pupil` (its details, a roster entry) and a row per
 * `Attendance/YearData/AttendSessions` (its session marks), so a bad mark string rejects that year's
 * marks and not the pupil. Rows carry their element's exact text and first line.
 */
export function readCtf(path: string, options: CtfReadOptions = {}): SourceRead {
  const file = options.displayName ?? basename(path);
  const read: SourceRead = { file, format: 'ctf', columns: {}, rows: [], fileProblems: [], notes: [] };
  const bytes = readFileSync(path);
  const asked = options.encoding ?? declaredEncoding(bytes) ?? 'utf-8';
  const decoded = decodeText(bytes, asked);
  if (decoded.ok && decoded.encoding !== 'utf-8') read.notes.push(`${file}: read as ${decoded.encoding}, as asked.`);
  // Bytes that are not UTF-8 are reported at their row once the rows are found, never read as U+FFFD.
  const text = (decoded.ok ? decoded.text : bytes.toString('utf8')).replace(/^\uFEFF/, '');
  const valid = XMLValidator.validate(text);
  if (valid !== true && !decoded.ok) {
    // Bytes that are not UTF-8 come first: they are likely the cause, and the validator quotes them as U+FFFD.
    for (const line of decoded.lines.slice(0, 10))
      read.fileProblems.push({ file, line, field: '(file)', message: notUtf8Message(CTF_ENCODING_REMEDY) });
    return read;
  }
  if (valid !== true) {
    read.fileProblems.push({
      file,
      line: valid.err.line,
      field: '(file)',
      message: `not well-formed XML: ${valid.err.msg}`,
    });
    return read;
  }
  let parsed: XmlNode;
  try {
    parsed = parser.parse(text) as XmlNode;
  } catch (error) {
    // The validator passes a few things the parser refuses (a processing instruction broken by a NUL, say);
    // the parser names no line, so the problem is put at the instruction it names, else the first line.
    const message = error instanceof Error ? error.message : String(error);
    const at = /\bPi Tag\b/i.test(message) ? text.indexOf('<?') : -1;
    const line = at < 0 ? 1 : text.slice(0, at).split('\n').length;
    read.fileProblems.push({ file, line, field: '(file)', message: `not well-formed XML: ${message}` });
    return read;
  }
  const root = child(parsed, 'CTfile');
  if (root === undefined) {
    read.fileProblems.push({
      file,
      line: 1,
      field: '(file)',
      message: 'not a Common Transfer File: the root element is not CTfile',
    });
    return read;
  }
  const header = child(root, 'Header');
  const version = textOf(child(header, 'CTFversion')) || textOf(child(header, 'CTFVersion'));
  const fileDate = textOf(child(header, 'DateTime')).slice(0, 10);
  const source = child(header, 'SourceSchool');
  const schoolName = textOf(child(source, 'SchoolName'));
  if (schoolName) read.school = { name: schoolName, urn: textOf(child(source, 'URN')) || undefined };
  read.notes.push(
    `${file}: CTF ${version || '(no version)'} from ${schoolName || 'an unnamed school'}${fileDate ? `, written ${fileDate}` : ''}.`,
  );
  if (!options.calendar)
    read.notes.push(
      `${file}: no calendar to check mark strings against; they were read without a length check (give --calendar to check them).`,
    );

  const pupils = children(child(root, 'CTFpupilData'), 'Pupil');
  const totalsMismatches: string[] = [];
  const spans = elementSpans(text, 'Pupil');
  pupils.forEach((pupil, k) => {
    const span = spans[k] ?? { line: 0, text: '' };
    const row: SourceRow = { file, line: span.line, raw: span.text, pupil: {}, roster: true, marks: [], problems: [] };
    row.pupil = ctfPupilDetails(pupil, isIsoDate(fileDate) ? fileDate : undefined, row.problems);
    read.rows.push(row);
    const sessionSpans = innerSpans(span, 'AttendSessions');
    const withSessions = children(child(pupil, 'Attendance'), 'YearData').filter(
      (y) => child(y, 'AttendSessions') !== undefined,
    );
    withSessions.forEach((yearData, j) => {
      const sessionsSpan = sessionSpans[j] ?? { line: span.line, text: '' };
      const attendance = attendanceRow(file, sessionsSpan, row.pupil.upn, yearData, options.calendar);
      read.rows.push(attendance);
      const mismatch = attendance.problems.length === 0 ? compareCtfTotals(attendance.marks, yearData) : undefined;
      if (mismatch) totalsMismatches.push(`${file}:${attendance.line}: ${row.pupil.upn ?? 'a pupil'} ${mismatch}`);
    });
  });
  if (!decoded.ok) reportNotUtf8(read, decoded.lines);
  if (totalsMismatches.length > 0) {
    read.notes.push(
      `${file}: ${totalsMismatches.length} mark strings disagree with their year's Sessions totals (the totals stand for statutory figures; the register holds the marks): ${totalsMismatches.slice(0, 5).join('; ')}${totalsMismatches.length > 5 ? '; …' : ''}`,
    );
  }
  return read;
}

function attendanceRow(
  file: string,
  span: { line: number; text: string },
  upn: string | undefined,
  yearData: XmlNode,
  calendar?: SchoolCalendar,
): SourceRow {
  const row: SourceRow = {
    file,
    line: span.line,
    raw: span.text,
    pupil: upn ? { upn } : {},
    roster: false,
    marks: [],
    problems: [],
  };
  const who = upn ?? 'this pupil';
  const start = textOf(child(child(yearData, 'AttendSessions'), 'AttendanceStartDate'));
  // The mark string is taken from the text itself: a leading space (an unmarked AM) must survive.
  const marksSpan = innerSpans(span, 'AttendanceMarks')[0];
  const marks = marksSpan
    ? marksSpan.text
        .replace(/^<AttendanceMarks[^>]*>/, '')
        .replace(/<\/AttendanceMarks>$/, '')
        .replace(/[\r\n\t]/g, '')
    : '';
  if (!isIsoDate(start)) {
    row.problems.push({
      field: 'AttendanceStartDate',
      message: `${JSON.stringify(start)} for ${who} is not a date written YYYY-MM-DD`,
    });
    return row;
  }
  const startBounds = registerDateInBounds(start);
  if (!startBounds.ok) {
    row.problems.push({ field: 'AttendanceStartDate', message: `${who}: ${startBounds.problem}` });
    return row;
  }
  // A YearData holds one school year: two characters a day, weekends included at most.
  if (marks.length > 2 * LONGEST_SCHOOL_YEAR_DAYS) {
    row.problems.push({
      field: 'AttendanceMarks',
      message: `${who}: the mark string has ${marks.length} characters, more than one school year holds (${2 * LONGEST_SCHOOL_YEAR_DAYS}: two a day for ${LONGEST_SCHOOL_YEAR_DAYS} days)`,
    });
    return row;
  }
  const decoded = decodeCtfMarks(start, marks, calendar);
  if (!decoded.ok) {
    row.problems.push({ field: 'AttendanceMarks', message: `${who}: the mark string ${decoded.problem}` });
    return row;
  }
  for (const day of decoded.days) {
    for (const [session, mark] of [
      ['AM', day.am],
      ['PM', day.pm],
    ] as const) {
      if (mark === ' ' || mark === '-') continue;
      const code = parseRegisterCode(mark, day.date);
      if (code.ok)
        row.marks.push({
          date: day.date,
          session,
          codeId: code.code.id,
          code: code.code.code,
          field: 'AttendanceMarks',
        });
      else row.problems.push({ field: 'AttendanceMarks', message: `${who} ${day.date} ${session}: ${code.problem}` });
    }
  }
  return row;
}
