import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { buildSchoolCalendar, type TermDates } from '../../rules/calendar/buildSchoolCalendar.ts';
import { sessionIndexOf } from '../../rules/calendar/calendarLookup.ts';
import { findRegisterCode } from '../../rules/codes/registerCodes.ts';
import { eachDate, isWeekend, type IsoDate } from '../../rules/dates/isoDate.ts';
import { type PartTimeTimetable } from '../../rules/partTime/partTimeTimetable.ts';
import { type Pupil } from '../../rules/pupils/pupil.ts';
import { upnWithCheckLetter } from '../../rules/pupils/upn.ts';
import { createRegister, type Register, type School } from '../../rules/register/register.ts';
import { pupilsCsvText } from '../../adapters/register/pupilsCsvText.ts';

/**
 * Test registers written the way people talk about them: per pupil, a default mark for every open session
 * and the exceptions by date. A day's marks are one string of AM then PM codes, e.g. "/\\", "NN", "IL",
 * "C1C1" or "Y1/"; a single code fills both sessions ("N" = "NN").
 */
export interface FixturePupil extends Partial<Pupil> {
  /** Marks for every open session not listed in `days`; "/\\" (present) when not given. */
  usual?: string;
  days?: Record<IsoDate, string>;
  /** Dates from start to end (inclusive) all marked the same: [from, to, marks]. */
  spans?: [IsoDate, IsoDate, string][];
  /** Leave sessions after this date unmarked, as a register exported that day would be. */
  marksUntil?: IsoDate;
}

export interface FixtureSpec {
  school?: School;
  calendar: TermDates;
  pupils: FixturePupil[];
  /** Written as part-time-timetables.csv beside the register. */
  partTimeTimetables?: PartTimeTimetable[];
  /** The bundle's part-time-timetables.csv as a school would write it (header and rows), taken as it is. */
  partTimeCsv?: string;
}

const WEEKDAY_ABBREVIATIONS = ['Mon', 'Tue', 'Wed', 'Thu', 'Fri'] as const;

/** The timetables as a school writes part-time-timetables.csv (README, "Register bundles"). */
export function partTimeCsv(timetables: readonly PartTimeTimetable[]): string {
  const header =
    'upn,start,proposed_end,sessions_off,school_agreed,parent_agreed,plan,next_review,reviews,social_worker_told,la_told,ended';
  const rows = timetables.map((t) =>
    [
      t.upn,
      t.start,
      t.proposedEnd,
      t.sessionsOff.map((s) => `${WEEKDAY_ABBREVIATIONS[s.weekday - 1]} ${s.half}`).join('; '),
      t.schoolAgreedOn ?? '',
      t.parentAgreedOn ?? '',
      t.plan ?? '',
      t.nextReview ?? '',
      t.reviews.map((r) => (r.extendedTo ? `${r.on} extended to ${r.extendedTo}` : r.on)).join('; '),
      t.socialWorkerToldOn ?? '',
      t.localAuthorityToldOn ?? '',
      t.endedOn ?? '',
    ].join(','),
  );
  return `${[header, ...rows].join('\n')}\n`;
}

const CODE = /C1|C2|J1|Y[1-7]|[A-Z/\\#-]/g;

/** Splits "C1/" into ["C1", "/"]; a lone code stands for both sessions. */
export function dayCodes(marks: string): [string, string] {
  const codes = marks.match(CODE) ?? [];
  if (codes.length === 1) return [codes[0], codes[0] === '/' ? '\\' : codes[0]];
  if (codes.length !== 2 || codes.join('') !== marks)
    throw new Error(`fixture day marks ${JSON.stringify(marks)} are not one or two register codes`);
  return [codes[0], codes[1]];
}

/** The n-th fixture UPN: valid check letter, LA 820, establishment 1234, allocated 2025. */
export function fixtureUpn(n: number): string {
  return upnWithCheckLetter(`8201234250${String(n).padStart(2, '0')}`.slice(0, 10) + String(n % 100).padStart(2, '0'));
}

function fullPupil(p: FixturePupil, i: number): Pupil {
  return {
    upn: p.upn ?? fixtureUpn(i + 1),
    givenName: p.givenName ?? `Pupil${i + 1}`,
    familyName: p.familyName ?? 'Test',
    dateOfBirth: p.dateOfBirth ?? '2016-05-01',
    yearGroup: p.yearGroup ?? '4',
    regGroup: p.regGroup,
    sen: p.sen,
    fsm: p.fsm,
    socialWorker: p.socialWorker,
    lookedAfter: p.lookedAfter,
    youngCarer: p.youngCarer,
    homeLa: p.homeLa,
  };
}

/** Every (date, [am, pm]) the fixture marks for one pupil, over the calendar's open days. */
function pupilDays(register: Register, p: FixturePupil): [IsoDate, [string, string]][] {
  const { calendar } = register;
  const explicit = new Map<IsoDate, string>();
  for (const [from, to, marks] of p.spans ?? [])
    for (const d of eachDate(from, to)) if (!isWeekend(d)) explicit.set(d, marks);
  for (const [d, marks] of Object.entries(p.days ?? {})) explicit.set(d, marks);
  const out: [IsoDate, [string, string]][] = [];
  for (const date of calendar.dayDate) {
    if (p.marksUntil && date > p.marksUntil) break;
    out.push([date, dayCodes(explicit.get(date) ?? p.usual ?? '/\\')]);
  }
  return out;
}

/** An in-memory register for rules tests. */
export function makeRegister(spec: FixtureSpec): Register {
  const calendar = buildSchoolCalendar(spec.calendar, 'fixture');
  const pupils = spec.pupils.map(fullPupil);
  const register = createRegister(spec.school ?? { name: 'Fixture School', urn: '100001' }, calendar, pupils);
  spec.pupils.forEach((p, i) => {
    for (const [date, [am, pm]] of pupilDays(register, p)) {
      for (const [half, code] of [
        ['AM', am],
        ['PM', pm],
      ] as const) {
        const s = sessionIndexOf(calendar, date, half);
        if (s < 0) continue; // a half-day closure
        const found = findRegisterCode(code);
        if (!found) throw new Error(`fixture code ${code} is not a register code`);
        register.marks[i * calendar.sessionCount + s] = found.id;
      }
    }
  });
  return register;
}

/** Writes the fixture as a canonical register bundle (pupils.csv, marks.csv, calendar.json, school.json). */
export function writeBundle(dir: string, spec: FixtureSpec): string {
  mkdirSync(dir, { recursive: true });
  const register = makeRegister(spec);
  writeFileSync(join(dir, 'pupils.csv'), pupilsCsvText(register.pupils));
  const lines = ['upn,date,session,code'];
  spec.pupils.forEach((p, i) => {
    for (const [date, [am, pm]] of pupilDays(register, p)) {
      for (const [half, code] of [
        ['AM', am],
        ['PM', pm],
      ] as const) {
        if (sessionIndexOf(register.calendar, date, half) >= 0)
          lines.push(`${register.pupils[i].upn},${date},${half},${code}`);
      }
    }
  });
  writeFileSync(join(dir, 'marks.csv'), `${lines.join('\n')}\n`);
  const closures = (spec.calendar.closures ?? []).map((c) =>
    c.session ? { date: c.date, session: c.session, reason: c.reason } : { date: c.date, reason: c.reason },
  );
  writeFileSync(
    join(dir, 'calendar.json'),
    `${JSON.stringify({ terms: spec.calendar.terms, closures, openDays: spec.calendar.openDays ?? [] }, null, 2)}\n`,
  );
  writeFileSync(join(dir, 'school.json'), `${JSON.stringify(register.school, null, 2)}\n`);
  if (spec.partTimeCsv !== undefined) writeFileSync(join(dir, 'part-time-timetables.csv'), spec.partTimeCsv);
  else if (spec.partTimeTimetables)
    writeFileSync(join(dir, 'part-time-timetables.csv'), partTimeCsv(spec.partTimeTimetables));
  return dir;
}

/** 2025/26 autumn term as a school would write it: October half-term, an INSET day on 3 November. */
export const AUTUMN_2025: TermDates = {
  terms: [
    { name: 'Autumn 1', start: '2025-09-03', end: '2025-10-24' },
    { name: 'Autumn 2', start: '2025-11-03', end: '2025-12-19' },
  ],
  closures: [{ date: '2025-11-03', reason: 'INSET day' }],
};
