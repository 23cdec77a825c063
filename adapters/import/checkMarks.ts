import { findRegisterCode, isWeekend, NO_MARK_ID, type SchoolCalendar, sessionIndexOf } from '../../rules/index.ts';
import { sessionKey } from './sessionKey.ts';
import { type SourceMark, type SourceRow } from './sourceRows.ts';

const HASH_ID = findRegisterCode('#')!.id;

function outsideMessage(calendar: SchoolCalendar, mark: SourceMark): string {
  const closure = calendar.closures.find((c) => c.date === mark.date && (!c.session || c.session === mark.session));
  if (closure)
    return `${mark.date} ${mark.session} is closed in the calendar (${closure.reason}) but the row records ${mark.code}`;
  if (!calendar.terms.some((t) => t.start <= mark.date && mark.date <= t.end))
    return `${mark.date} is outside the calendar's terms (${mark.session} ${mark.code})`;
  return `${mark.date} ${mark.session} is not a school session in the calendar (a weekend or closed session) but the row records ${mark.code}`;
}

/**
 * Checks every mark against the calendar (a mark on a day the school was shut is a problem; a `#` there
 * only agrees with the calendar and is dropped), then looks for two different marks for one
 * pupil-session anywhere in the import, rejecting the later row and naming the earlier one. Returns how
 * many marks were dropped as redundant.
 */
export function checkMarks(rows: readonly SourceRow[], calendar: SchoolCalendar | undefined): { redundant: number } {
  let redundant = 0;
  if (!calendar) {
    // Without a calendar a `#` at a weekend (a CTF's "##" days) says nothing the derived calendar needs.
    for (const row of rows) {
      const kept = row.marks.filter((m) => m.codeId !== HASH_ID || !isWeekend(m.date));
      redundant += row.marks.length - kept.length;
      row.marks = kept;
    }
  } else {
    for (const row of rows) {
      const kept: SourceMark[] = [];
      for (const mark of row.marks) {
        if (sessionIndexOf(calendar, mark.date, mark.session) >= 0) kept.push(mark);
        else if (mark.codeId === HASH_ID || mark.codeId === NO_MARK_ID) redundant++;
        else row.problems.push({ field: row.dateField ?? mark.field, message: outsideMessage(calendar, mark) });
      }
      row.marks = kept;
    }
  }
  const first = new Map<string, { code: string; row: SourceRow }>();
  const dayNumbers = new Map<string, number>();
  for (const row of rows) {
    if (row.problems.length > 0 || !row.pupil.upn) continue;
    for (const mark of row.marks) {
      const key = `${row.pupil.upn} ${sessionKey(mark.date, mark.session, dayNumbers)}`;
      const earlier = first.get(key);
      if (!earlier) first.set(key, { code: mark.code, row });
      else if (earlier.code !== mark.code) {
        const where =
          earlier.row.file === row.file ? `line ${earlier.row.line}` : `${earlier.row.file}:${earlier.row.line}`;
        row.problems.push({
          field: mark.field,
          message: `two different marks for ${row.pupil.upn} on ${mark.date} ${mark.session}: ${mark.code} here, ${earlier.code} on ${where}`,
        });
      }
    }
  }
  return { redundant };
}
