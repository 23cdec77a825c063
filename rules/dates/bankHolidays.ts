import { addDays, fromDayNumber, isoWeekday, toDayNumber, type IsoDate } from './isoDate.ts';

/**
 * Bank holidays in England and Wales, computed rather than fetched so the library needs no network.
 * Schools are closed on them even when term dates are written as one block around them (the summer
 * term's May bank holidays, say). One-off holidays proclaimed for a single year are listed by hand.
 */
export interface BankHoliday {
  date: IsoDate;
  name: string;
}

const ONE_OFF: readonly BankHoliday[] = [
  { date: '2011-04-29', name: 'Royal wedding' },
  { date: '2012-06-05', name: 'Queen’s Diamond Jubilee' },
  { date: '2022-06-03', name: 'Queen’s Platinum Jubilee' },
  { date: '2022-09-19', name: 'State Funeral of Queen Elizabeth II' },
  { date: '2023-05-08', name: 'Coronation of King Charles III' },
];

/** Easter Sunday (Gregorian), by the anonymous Gregorian algorithm. */
export function easterSunday(year: number): IsoDate {
  const a = year % 19;
  const b = Math.floor(year / 100);
  const c = year % 100;
  const d = Math.floor(b / 4);
  const e = b % 4;
  const f = Math.floor((b + 8) / 25);
  const g = Math.floor((b - f + 1) / 3);
  const h = (19 * a + b - d - g + 15) % 30;
  const i = Math.floor(c / 4);
  const k = c % 4;
  const l = (32 + 2 * e + 2 * i - h - k) % 7;
  const m = Math.floor((a + 11 * h + 22 * l) / 451);
  const month = Math.floor((h + l - 7 * m + 114) / 31);
  const day = ((h + l - 7 * m + 114) % 31) + 1;
  return `${year}-${String(month).padStart(2, '0')}-${String(day).padStart(2, '0')}`;
}

function firstMonday(year: number, month: number): IsoDate {
  const first = `${year}-${String(month).padStart(2, '0')}-01`;
  return addDays(first, (8 - isoWeekday(first)) % 7);
}

function lastMonday(year: number, month: number): IsoDate {
  const lastDay = fromDayNumber(
    toDayNumber(`${month === 12 ? year + 1 : year}-${String((month % 12) + 1).padStart(2, '0')}-01`) - 1,
  );
  return addDays(lastDay, -((isoWeekday(lastDay) + 6) % 7));
}

/** Moves a fixed-date holiday that falls at a weekend to the next free weekday ("substitute day"). */
function substitute(date: IsoDate, taken: Set<IsoDate>): IsoDate {
  let d = date;
  while (isoWeekday(d) >= 6 || taken.has(d)) d = addDays(d, 1);
  return d;
}

/** The bank holidays of England and Wales in a calendar year. */
export function bankHolidaysInYear(year: number): BankHoliday[] {
  const easter = easterSunday(year);
  const list: BankHoliday[] = [];
  const taken = new Set<IsoDate>();
  const add = (date: IsoDate, name: string) => {
    list.push({ date, name });
    taken.add(date);
  };
  add(substitute(`${year}-01-01`, taken), 'New Year’s Day');
  add(addDays(easter, -2), 'Good Friday');
  add(addDays(easter, 1), 'Easter Monday');
  // 2020 moved the early May holiday to Friday 8 May for VE Day's 75th anniversary.
  add(year === 2020 ? '2020-05-08' : year === 1995 ? '1995-05-08' : firstMonday(year, 5), 'Early May bank holiday');
  // 2002, 2012 and 2022 moved the spring holiday for jubilees.
  const spring = { 2002: '2002-06-04', 2012: '2012-06-04', 2022: '2022-06-02' } as Record<number, IsoDate>;
  add(spring[year] ?? lastMonday(year, 5), 'Spring bank holiday');
  add(lastMonday(year, 8), 'Summer bank holiday');
  const christmas = substitute(`${year}-12-25`, taken);
  add(christmas, 'Christmas Day');
  add(substitute(`${year}-12-26`, taken), 'Boxing Day');
  for (const extra of ONE_OFF) if (extra.date.startsWith(`${year}-`)) add(extra.date, extra.name);
  return list.sort((x, y) => (x.date < y.date ? -1 : 1));
}

/** Bank holidays between two dates, both included, keyed by date. */
export function bankHolidaysBetween(start: IsoDate, end: IsoDate): Map<IsoDate, string> {
  const out = new Map<IsoDate, string>();
  for (let y = Number(start.slice(0, 4)); y <= Number(end.slice(0, 4)); y++) {
    for (const h of bankHolidaysInYear(y)) if (h.date >= start && h.date <= end) out.set(h.date, h.name);
  }
  return out;
}
