import { formatShortDate, isoWeekday, markAt, type Register, registerCodeById } from '../../rules/index.ts';

/** What a day cell shows when the school was closed, or the day is after the as-of date. */
export const NO_SESSION = '–';

export interface RecentMarksWeek {
  /** The week's Monday, "10 Nov". */
  label: string;
  /** Monday to Friday, each the day's marks in session order ("/\", "NN"), or NO_SESSION. */
  days: { code: string }[];
}

export interface RecentMarks {
  weeks: RecentMarksWeek[];
  /** The meaning of each code shown, so a card reader need not know the code table. */
  key: string;
}

/**
 * A pupil's marks for the last `weekCount` school weeks up to the as-of school day, one row per week with a
 * cell for each weekday, so the card can draw them as a grid a reader scans down a column ("every Friday").
 * Closed days and days after the as-of date show NO_SESSION.
 */
export function recentMarks(register: Register, p: number, asOfDay: number, weekCount: number): RecentMarks {
  const { calendar } = register;
  if (asOfDay < 0) return { weeks: [], key: '' };
  const lastWeek = calendar.dayWeek[asOfDay];
  const seen = new Map<string, string>();
  const weeks: RecentMarks['weeks'] = [];
  for (let w = Math.max(0, lastWeek - weekCount + 1); w <= lastWeek; w++) {
    const days = Array.from({ length: 5 }, () => ({ code: NO_SESSION }));
    for (let d = calendar.weekFirstDay[w]; d < calendar.weekFirstDay[w + 1] && d <= asOfDay; d++) {
      const weekday = isoWeekday(calendar.dayDate[d]);
      if (weekday > 5) continue;
      let codes = '';
      for (let s = calendar.dayFirstSession[d]; s < calendar.dayFirstSession[d + 1]; s++) {
        const code = registerCodeById(markAt(register, p, s));
        codes += code.code;
        seen.set(code.code, code.meaning);
      }
      days[weekday - 1] = { code: codes || NO_SESSION };
    }
    // "Mon 10 Nov 2025" -> "10 Nov": the column is headed "Week of", and the year is on the card.
    weeks.push({ label: formatShortDate(calendar.weekMonday[w]).split(' ').slice(1, 3).join(' '), days });
  }
  const key = [...[...seen].map(([code, meaning]) => `${code} ${meaning}`), `${NO_SESSION} no session`].join(' · ');
  return { weeks, key };
}
