import { findRegisterCode } from '../../rules/index.ts';
import { type PupilTraits } from './pupilTraits.ts';
import { sampleDay, type SchoolDays } from './schoolDays.ts';
import { type SeededRandom } from './seededRandom.ts';

const id = (code: string) => findRegisterCode(code)!.id;
export const CODE_ID = {
  presentAm: id('/'),
  presentPm: id('\\'),
  late: id('L'),
  illness: id('I'),
  medical: id('M'),
  exceptional: id('C'),
  religious: id('R'),
  suspended: id('E'),
  partTime: id('C2'),
  holiday: id('G'),
  other: id('O'),
  noReason: id('N'),
  afterRegisterClosed: id('U'),
  dual: id('D'),
  trip: id('V'),
  workExperience: id('W'),
} as const;

/** Where one pupil's marks go: the register bytes from `base`, and the school days the pupil was on roll. */
export interface PupilSpan {
  marks: Uint8Array;
  base: number;
  firstDay: number;
  lastDay: number;
}

/** Shares of authorised absence by reason (2023/24: illness 3.5 of 4.7 points; appointments and other the rest). */
const AUTHORISED_SPLIT = { illness: 0.78, medical: 0.12 };
/** Shares of unauthorised absence other than holidays: mostly O, some arriving after the register closed (U). */
const LATE_AFTER_CLOSE_SHARE = 0.07;

/**
 * Fills one pupil's sessions for the year. Every session on roll starts present; absence is then placed
 * as spells until the pupil's propensity (a share of possible sessions) is used up, so the year's totals
 * follow the calibrated distribution while the texture comes from where spells land: illness in runs of
 * days weighted to winter and to Mondays and Fridays, unauthorised single days weighted to Mondays,
 * Fridays and the last week of term, term-time holidays against a break, appointments as single sessions.
 */
export function simulatePupilMarks(days: SchoolDays, traits: PupilTraits, span: PupilSpan, rng: SeededRandom): void {
  const { marks, base, firstDay, lastDay } = span;
  let possible = 0;
  for (let d = firstDay; d <= lastDay; d++) {
    if (days.am[d] >= 0) {
      marks[base + days.am[d]] = CODE_ID.presentAm;
      possible++;
    }
    if (days.pm[d] >= 0) {
      marks[base + days.pm[d]] = CODE_ID.presentPm;
      possible++;
    }
  }
  if (lastDay < firstDay) return;

  const isPresent = (s: number) =>
    s >= 0 && (marks[base + s] === CODE_ID.presentAm || marks[base + s] === CODE_ID.presentPm);
  /** Marks whole days from `start`, skipping days already taken; returns the sessions marked. */
  const markDays = (start: number, length: number, code: number, direction = 1): number => {
    let marked = 0;
    for (let k = 0, d = start; k < length && d >= firstDay && d <= lastDay; k++, d += direction) {
      for (const s of [days.am[d], days.pm[d]]) {
        if (isPresent(s)) {
          marks[base + s] = code;
          marked++;
        }
      }
    }
    return marked;
  };
  const markSession = (s: number, code: number): number => {
    if (!isPresent(s)) return 0;
    marks[base + s] = code;
    return 1;
  };

  // Dual registration: one day a week at another setting, outside possible sessions.
  if (traits.dualRegistered) {
    for (let d = firstDay; d <= lastDay; d++) if (days.weekday[d] === 3) possible -= markDays(d, 1, CODE_ID.dual);
  }
  // A temporary part-time timetable: afternoons for some weeks, then back full-time.
  if (traits.partTime) {
    const start = rng.between(firstDay, Math.max(firstDay, Math.floor((firstDay + lastDay) / 2)));
    const end = Math.min(lastDay, start + rng.between(20, 55));
    for (let d = start; d <= end; d++) markSession(days.pm[d], CODE_ID.partTime);
  }

  let budget = Math.round(traits.propensity * possible);
  // A term-time holiday: two days to a fortnight against a half-term or holiday.
  if (traits.holiday) {
    const length = [2, 3, 3, 4, 5, 5, 5, 6, 7, 8, 10][rng.int(11)];
    const before = rng.chance(0.6);
    const edges = before ? days.beforeBreak : days.afterBreak;
    const edge = edges.length > 0 ? rng.pick(edges) : -1;
    if (edge >= firstDay && edge <= lastDay) budget -= markDays(edge, length, CODE_ID.holiday, before ? -1 : 1);
  }
  if (budget <= 0) return;

  const heavy = traits.propensity >= 0.25;
  const unauthorised = Math.round(budget * traits.unauthorisedShare);
  const authorised = budget - unauthorised;
  const illness = Math.round(authorised * AUTHORISED_SPLIT.illness);
  const medical = Math.round(authorised * AUTHORISED_SPLIT.medical);
  const otherAuthorised = authorised - illness - medical;
  const afterClose = Math.round(unauthorised * LATE_AFTER_CLOSE_SHARE);
  const other = unauthorised - afterClose;

  // Each placement loop gives up after enough misses that a nearly full register cannot spin forever.
  // A spell is cut to the days the budget has left, so short registers (a term) are not overfilled.
  const fill = (target: number, place: (daysLeft: number) => number) => {
    let left = target;
    for (let tries = 0; left > 0 && tries < 600; tries++) left -= place(Math.ceil(left / 2));
  };

  fill(illness, (daysLeft) => {
    const day = sampleDay(days.illnessCum, firstDay, lastDay, rng.next());
    if (!heavy && rng.chance(0.12)) return markSession(days.pm[day], CODE_ID.illness); // sent home at lunch
    const length = heavy ? rng.between(2, 15) : [1, 1, 1, 1, 2, 2, 2, 3, 3, 4, 5][rng.int(11)];
    return markDays(day, Math.min(length, daysLeft), CODE_ID.illness);
  });
  fill(medical, () => {
    const day = sampleDay(days.plainCum, firstDay, lastDay, rng.next());
    return markSession(rng.chance(0.6) ? days.am[day] : days.pm[day], CODE_ID.medical);
  });
  fill(otherAuthorised, (daysLeft) => {
    const day = sampleDay(days.plainCum, firstDay, lastDay, rng.next());
    if (traits.suspended && rng.chance(0.4))
      return markDays(day, Math.min(daysLeft, rng.between(1, 3)), CODE_ID.suspended);
    return markDays(day, 1, rng.chance(0.75) ? CODE_ID.exceptional : CODE_ID.religious);
  });
  fill(other, (daysLeft) => {
    const day = sampleDay(days.unauthorisedCum, firstDay, lastDay, rng.next());
    if (!heavy && rng.chance(0.15)) return markSession(days.pm[day], CODE_ID.other); // left at lunch
    return markDays(day, Math.min(daysLeft, heavy ? rng.between(1, 10) : rng.chance(0.85) ? 1 : 2), CODE_ID.other);
  });
  fill(afterClose, () =>
    markSession(days.am[sampleDay(days.unauthorisedCum, firstDay, lastDay, rng.next())], CODE_ID.afterRegisterClosed),
  );

  // Late before the register closed: present, so outside the absence budget.
  for (let d = firstDay; d <= lastDay; d++) {
    const s = days.am[d];
    if (s >= 0 && marks[base + s] === CODE_ID.presentAm && rng.chance(traits.lateness)) marks[base + s] = CODE_ID.late;
  }
}
