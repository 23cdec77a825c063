import { parseDateField } from '../fieldParsers.ts';
import { type SessionName } from '../../import/sourceRows.ts';

export interface GridColumn {
  date: string;
  /** Set when the column holds one session ("01/09/2025 AM"); otherwise its cells hold AM then PM. */
  session?: SessionName;
}

const WEEKDAY_PREFIX = /^(?:mon|tue|wed|thu|fri|sat|sun)[a-z]*\.?[\s,]+/i;
const SESSION_SUFFIX = /[\s_-]+(AM|PM)$/i;

/**
 * Reads a grid column header as a date: "01/09/2025", "2025-09-01", "Mon 01/09/2025", and the
 * one-session forms "01/09/2025 AM" / "Mon 01/09/2025 PM". Anything else is not a date column.
 */
export function gridHeaderDate(header: string): GridColumn | undefined {
  let text = header.trim().replace(WEEKDAY_PREFIX, '');
  let session: SessionName | undefined;
  const suffix = SESSION_SUFFIX.exec(text);
  if (suffix) {
    session = suffix[1].toUpperCase() as SessionName;
    text = text.slice(0, suffix.index);
  }
  const date = parseDateField(text);
  if (!date.ok) return undefined;
  return session ? { date: date.value, session } : { date: date.value };
}
