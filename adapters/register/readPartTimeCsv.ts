import { type PartTimeReview, type PartTimeTimetable, type WeeklySession } from '../../rules/index.ts';
import { readCsvTable, type CsvRow } from './csvTable.ts';
import { parseDateField, type FieldParse } from './fieldParsers.ts';
import { type ProblemList } from './inputProblems.ts';

export const PART_TIME_FILE = 'part-time-timetables.csv';
export const PART_TIME_COLUMNS = ['upn', 'start', 'proposed_end', 'sessions_off'] as const;

const WEEKDAYS: Readonly<Record<string, WeeklySession['weekday']>> = Object.freeze({
  mon: 1,
  monday: 1,
  tue: 2,
  tues: 2,
  tuesday: 2,
  wed: 3,
  wednesday: 3,
  thu: 4,
  thur: 4,
  thurs: 4,
  thursday: 4,
  fri: 5,
  friday: 5,
});

/** "Mon PM; Tue AM": the weekly sessions a timetable keeps the pupil out of school. */
export function parseSessionsOff(raw: string): FieldParse<WeeklySession[]> {
  const items = raw
    .split(/[;,]/)
    .map((s) => s.trim())
    .filter(Boolean);
  if (items.length === 0) return { ok: false, problem: 'empty; expected sessions such as "Mon PM; Tue PM"' };
  const out: WeeklySession[] = [];
  for (const item of items) {
    const [day, half, ...rest] = item.split(/\s+/);
    const weekday = WEEKDAYS[day.toLowerCase()];
    const h = half?.toUpperCase();
    if (!weekday || (h !== 'AM' && h !== 'PM') || rest.length > 0)
      return {
        ok: false,
        problem: `"${item}" is not a school-day session; write a weekday and AM or PM, e.g. "Mon PM"`,
      };
    if (!out.some((s) => s.weekday === weekday && s.half === h)) out.push({ weekday, half: h });
  }
  return { ok: true, value: out };
}

/** "2026-10-05; 2026-11-02 extended to 2027-01-08": reviews held, and any extension each agreed. */
export function parseReviews(raw: string): FieldParse<PartTimeReview[]> {
  const out: PartTimeReview[] = [];
  for (const item of raw.split(';').map((s) => s.trim())) {
    if (!item) continue;
    const [on, extended] = item.split(/\s+extended\s+to\s+/i);
    const date = parseDateField(on);
    const to = extended === undefined ? undefined : parseDateField(extended);
    if (!date.ok || (to && !to.ok))
      return {
        ok: false,
        problem: `"${item}" is not a review; write its date, and any extension as "YYYY-MM-DD extended to YYYY-MM-DD"`,
      };
    out.push(to?.ok ? { on: date.value, extendedTo: to.value } : { on: date.value });
  }
  return { ok: true, value: out };
}

function optionalDate(raw: string | undefined): FieldParse<string | undefined> {
  if (raw === undefined || raw.trim() === '') return { ok: true, value: undefined };
  return parseDateField(raw);
}

/**
 * Reads part-time-timetables.csv: one row per timetable. Every bad cell, a pupil not on the roster, dates in
 * the wrong order and a second row for the same pupil and start become problems at their line and field.
 */
export function readPartTimeCsv(
  path: string,
  displayName: string,
  knownUpns: ReadonlySet<string>,
  problems: ProblemList,
): { timetables: PartTimeTimetable[]; rows: CsvRow[]; readable: boolean } {
  const table = readCsvTable(path, displayName, PART_TIME_COLUMNS, problems);
  if (!table) return { timetables: [], rows: [], readable: false };
  const timetables: PartTimeTimetable[] = [];
  const seen = new Map<string, number>();
  for (const row of table.rows) {
    const bad = (field: string, message: string) => problems.add({ file: displayName, line: row.line, field, message });
    const problemsBefore = problems.total;
    const cell = (name: string) => row.cells[name];
    const take = <T>(name: string, parsed: FieldParse<T>): T | undefined => {
      if (parsed.ok) return parsed.value;
      bad(name, parsed.problem);
      return undefined;
    };
    const upn = (cell('upn') ?? '').trim().toUpperCase();
    if (!knownUpns.has(upn)) bad('upn', upn ? `UPN ${upn} is not in pupils.csv` : 'empty; expected the pupil’s UPN');
    const start = take('start', parseDateField(cell('start') ?? ''));
    const proposedEnd = take('proposed_end', parseDateField(cell('proposed_end') ?? ''));
    const sessionsOff = take('sessions_off', parseSessionsOff(cell('sessions_off') ?? ''));
    const schoolAgreedOn = take('school_agreed', optionalDate(cell('school_agreed')));
    const parentAgreedOn = take('parent_agreed', optionalDate(cell('parent_agreed')));
    const nextReview = take('next_review', optionalDate(cell('next_review')));
    const reviews = take('reviews', parseReviews(cell('reviews') ?? '')) ?? [];
    const socialWorkerToldOn = take('social_worker_told', optionalDate(cell('social_worker_told')));
    const localAuthorityToldOn = take('la_told', optionalDate(cell('la_told')));
    const endedOn = take('ended', optionalDate(cell('ended')));
    const plan = cell('plan')?.trim() || undefined;
    if (start && proposedEnd && proposedEnd < start)
      bad('proposed_end', `${proposedEnd} is before the start, ${start}`);
    if (start && endedOn && endedOn < start) bad('ended', `${endedOn} is before the start, ${start}`);
    for (const r of reviews) {
      if (start && r.on < start) bad('reviews', `the review on ${r.on} is before the start, ${start}`);
      if (r.extendedTo && r.extendedTo < r.on)
        bad('reviews', `the review on ${r.on} extends the timetable to ${r.extendedTo}, which is before the review`);
    }
    if (start && upn) {
      const key = `${upn} ${start}`;
      const earlier = seen.get(key);
      if (earlier !== undefined)
        bad('start', `a timetable for UPN ${upn} starting ${start} is already on line ${earlier}`);
      else seen.set(key, row.line);
    }
    if (problems.total > problemsBefore || !start || !proposedEnd || !sessionsOff) continue;
    timetables.push({
      upn,
      start,
      proposedEnd,
      sessionsOff,
      schoolAgreedOn,
      parentAgreedOn,
      plan,
      nextReview,
      reviews,
      socialWorkerToldOn,
      localAuthorityToldOn,
      endedOn,
    });
  }
  return { timetables, rows: table.rows, readable: true };
}
