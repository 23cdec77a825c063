/** A time of day on the school's clock, e.g. 09:30 after the morning register closes. */
export interface ScanTime {
  hour: number;
  minute: number;
}

/** Reads "09:30,14:00"; throws naming the setting and the bad entry. */
export function parseScanTimes(text: string, setting = 'ALERT_SCAN_TIMES'): ScanTime[] {
  const times = text
    .split(',')
    .map((t) => t.trim())
    .filter((t) => t !== '')
    .map((t) => {
      const m = /^([01]\d|2[0-3]):([0-5]\d)$/.exec(t);
      if (!m) throw new Error(`${setting}: "${t}" is not a time written HH:MM (24-hour), e.g. 09:30,14:00`);
      return { hour: Number(m[1]), minute: Number(m[2]) };
    });
  return times.sort((a, b) => a.hour - b.hour || a.minute - b.minute);
}

/** The calendar date and clock time an instant shows in `timeZone`. */
export function zonedParts(instant: number, timeZone: string): { date: string; hour: number; minute: number } {
  const parts = new Intl.DateTimeFormat('en-GB', {
    timeZone,
    year: 'numeric',
    month: '2-digit',
    day: '2-digit',
    hour: '2-digit',
    minute: '2-digit',
    hourCycle: 'h23',
  }).formatToParts(new Date(instant));
  const get = (type: string) => parts.find((p) => p.type === type)!.value;
  return {
    date: `${get('year')}-${get('month')}-${get('day')}`,
    hour: Number(get('hour')),
    minute: Number(get('minute')),
  };
}

/** How far `timeZone` is ahead of UTC at `instant`, in ms (an hour in British Summer Time). */
function offsetAt(instant: number, timeZone: string): number {
  const { date, hour, minute } = zonedParts(instant, timeZone);
  const [y, mo, d] = date.split('-').map(Number);
  const asUtc = Date.UTC(y, mo - 1, d, hour, minute);
  return asUtc - Math.floor(instant / 60_000) * 60_000;
}

/** The instant a date and clock time happen in `timeZone`. */
export function zonedInstant(date: string, time: ScanTime, timeZone: string): number {
  const [y, mo, d] = date.split('-').map(Number);
  const guess = Date.UTC(y, mo - 1, d, time.hour, time.minute);
  const first = guess - offsetAt(guess, timeZone);
  // Near a clock change the offset at the answer can differ from the offset at the guess.
  return guess - offsetAt(first, timeZone);
}

/**
 * The next scan strictly after `instant`: the earliest configured time on the school clock, today or on a
 * following day. Whether that day is a school day is for the scan to decide per school (calendars differ).
 */
export function nextScanAfter(
  instant: number,
  times: readonly ScanTime[],
  timeZone: string,
): { at: number; date: string } {
  if (times.length === 0) throw new Error('no scan times configured');
  const today = zonedParts(instant, timeZone).date;
  for (let offset = 0; offset < 3; offset++) {
    const [y, mo, d] = today.split('-').map(Number);
    const date = new Date(Date.UTC(y, mo - 1, d + offset)).toISOString().slice(0, 10);
    for (const time of times) {
      const at = zonedInstant(date, time, timeZone);
      if (at > instant) return { at, date };
    }
  }
  throw new Error('no next scan time found');
}
