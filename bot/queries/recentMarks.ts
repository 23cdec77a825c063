import { registerCodeById } from '../../rules/codes/registerCodes.ts';
import { formatShortDate, isoWeekday } from '../../rules/dates/isoDate.ts';
import { markAt, type Register } from '../../rules/register/register.ts';

const WEEKDAYS = ['Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat', 'Sun'];

export interface RecentMarks {
  weeks: { label: string; marks: string }[];
  /** The meaning of each code shown, so a card reader need not know the code table. */
  key: string;
}

/**
 * A pupil's marks for the last `weekCount` school weeks up to the as-of school day, one line per week
 * ("Mon /\  Tue NN ..."), skipping closed sessions as the register does.
 */
export function recentMarks(register: Register, p: number, asOfDay: number, weekCount: number): RecentMarks {
  const { calendar } = register;
  if (asOfDay < 0) return { weeks: [], key: '' };
  const lastWeek = calendar.dayWeek[asOfDay];
  const seen = new Map<string, string>();
  const weeks: RecentMarks['weeks'] = [];
  for (let w = Math.max(0, lastWeek - weekCount + 1); w <= lastWeek; w++) {
    const days: string[] = [];
    for (let d = calendar.weekFirstDay[w]; d < calendar.weekFirstDay[w + 1] && d <= asOfDay; d++) {
      let codes = '';
      for (let s = calendar.dayFirstSession[d]; s < calendar.dayFirstSession[d + 1]; s++) {
        const code = registerCodeById(markAt(register, p, s));
        codes += code.code;
        seen.set(code.code, code.meaning);
      }
      days.push(`${WEEKDAYS[isoWeekday(calendar.dayDate[d]) - 1]} ${codes}`);
    }
    weeks.push({ label: `w/c ${formatShortDate(calendar.weekMonday[w])}`, marks: days.join('  ') });
  }
  const key = [...seen].map(([code, meaning]) => `${code} ${meaning}`).join(' · ');
  return { weeks, key };
}
