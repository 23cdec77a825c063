import { type SchoolData } from './schoolData.ts';

/** English schools keep London time: "today" is today there, whatever the server's zone. */
const LONDON_DATE = new Intl.DateTimeFormat('en-CA', {
  timeZone: 'Europe/London',
  year: 'numeric',
  month: '2-digit',
  day: '2-digit',
});

/** A moment's date in London, as YYYY-MM-DD. */
export function londonDate(at: Date): string {
  return LONDON_DATE.format(at);
}

/** A school's "today": the one day cases, meetings, due dates, walk-throughs and alert scans all use. */
export type SchoolToday = (school: Pick<SchoolData, 'asOf'>) => string;

/**
 * The bot's day at a school: ATTENDANCE_AS_OF when set, else in local mode the register's last marked
 * school day (so the demo's cases and due dates sit beside its registers, not the wall clock's date), else
 * the real date in London. `school.asOf` already holds the first two.
 */
export function botToday(
  config: { asOf?: string; localMode: boolean },
  now: () => Date = () => new Date(),
): SchoolToday {
  const registerDay = config.asOf !== undefined || config.localMode;
  return (school) => (registerDay ? school.asOf : londonDate(now()));
}

/** True when the bot's day comes from the registers (ATTENDANCE_AS_OF or local mode), not the clock. */
export function usesRegisterDay(config: { asOf?: string; localMode: boolean }): boolean {
  return config.asOf !== undefined || config.localMode;
}
