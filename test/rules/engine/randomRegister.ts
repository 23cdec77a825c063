import { buildSchoolCalendar, type TermDates } from '../../../rules/calendar/buildSchoolCalendar.ts';
import { findRegisterCode } from '../../../rules/codes/registerCodes.ts';
import { type Pupil } from '../../../rules/pupils/pupil.ts';
import { createRegister, type Register } from '../../../rules/register/register.ts';
import { fixtureUpn } from '../../support/registerFixture.ts';

/** Mulberry32: a small seeded generator, so a failing register can be made again from its seed. */
export function seededRandom(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** Two school years with half-terms, a bank-holiday week and a half-day closure. */
export const TWO_YEARS: TermDates = {
  terms: [
    { name: 'Autumn 2024', start: '2024-09-04', end: '2024-12-20' },
    { name: 'Spring 2025', start: '2025-01-06', end: '2025-04-04' },
    { name: 'Summer 2025', start: '2025-04-22', end: '2025-07-22' },
    { name: 'Autumn 1 2025', start: '2025-09-03', end: '2025-10-24' },
    { name: 'Autumn 2 2025', start: '2025-11-03', end: '2025-12-19' },
  ],
  closures: [
    { date: '2024-10-28', reason: 'half-term' },
    { date: '2024-10-29', reason: 'half-term' },
    { date: '2024-10-30', reason: 'half-term' },
    { date: '2024-10-31', reason: 'half-term' },
    { date: '2024-11-01', reason: 'half-term' },
    { date: '2025-02-17', reason: 'half-term' },
    { date: '2025-02-18', reason: 'half-term' },
    { date: '2025-02-19', reason: 'half-term' },
    { date: '2025-02-20', reason: 'half-term' },
    { date: '2025-02-21', reason: 'half-term' },
    { date: '2025-11-03', reason: 'INSET day' },
    { date: '2025-05-07', session: 'PM', reason: 'polling station' },
  ],
};

const id = (code: string) => findRegisterCode(code)!.id;
const PRESENT = [id('/'), id('\\')];
// Codes a streak is made of: each rule's codes, and codes that sit next to them without counting.
const STREAK_CODES = ['G', 'N', 'O', 'U', 'I', 'L', 'M', 'C', 'E', 'D', 'X', 'Z', '#', '-', 'B', 'Y1', 'C2', 'R'].map(
  id,
);
const SCATTER_CODES = ['N', 'I', 'L', 'U', 'G', 'O', 'M', 'C', 'B', 'V', 'D', 'Z', '-'].map(id);
const BIRTH_DATES = [
  '2016-05-01',
  '2019-03-15',
  '2020-09-02',
  '2020-12-31',
  '2008-07-01',
  '2009-06-30',
  '2009-09-01',
  '2014-02-28',
  '',
];

/**
 * A register of `pupils` pupils whose marks mix long streaks of one code (runs, windows, illness spells)
 * with scattered single marks, at a rate that varies by pupil, so every rule fires for some pupils and
 * lands just either side of its threshold for others. Some pupils join late or leave early.
 */
export function randomRegister(seed: number, pupils: number, dates: TermDates = TWO_YEARS): Register {
  const random = seededRandom(seed);
  const calendar = buildSchoolCalendar(dates, 'random');
  const roll: Pupil[] = [];
  for (let i = 0; i < pupils; i++) {
    roll.push({
      upn: fixtureUpn(i + 1),
      givenName: ['Amy', 'amy', 'Ámy', 'Ben', 'Zoë', 'Olu'][Math.floor(random() * 6)],
      familyName: ['Smith', 'Jones', 'Ng', "O'Neil"][Math.floor(random() * 4)],
      dateOfBirth: BIRTH_DATES[Math.floor(random() * BIRTH_DATES.length)],
      yearGroup: String(1 + Math.floor(random() * 11)),
      socialWorker: random() < 0.2,
    });
  }
  const register = createRegister({ name: `Random ${seed}`, urn: String(100000 + seed) }, calendar, roll);
  const n = calendar.sessionCount;
  for (let p = 0; p < pupils; p++) {
    const scatter = random() * random() * 0.4;
    const streaks = Math.floor(random() * 5);
    const base = p * n;
    for (let s = 0; s < n; s++)
      register.marks[base + s] =
        random() < scatter
          ? SCATTER_CODES[Math.floor(random() * SCATTER_CODES.length)]
          : PRESENT[calendar.sessionHalf[s]];
    for (let k = 0; k < streaks; k++) {
      const code = STREAK_CODES[Math.floor(random() * STREAK_CODES.length)];
      const length = 1 + Math.floor(random() * 50);
      const start = Math.floor(random() * n);
      // Now and then one session in the streak is something else, to break a run or a whole-day count.
      for (let s = start; s < Math.min(n, start + length); s++)
        register.marks[base + s] = random() < 0.04 ? PRESENT[calendar.sessionHalf[s]] : code;
    }
    if (random() < 0.1) register.marks.fill(0, base, base + Math.floor(random() * n));
    if (random() < 0.05) register.marks.fill(0, base + Math.floor(random() * n), base + n);
  }
  return register;
}
