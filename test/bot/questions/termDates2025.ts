import { type Term } from '../../../rules/calendar/schoolCalendar.ts';

/**
 * A 2025/26 school year as many English authorities set it, listed by half-term as schools publish it:
 * October break 27-31 October, Christmas 22 December-2 January, February break 16-20 February, Easter
 * 30 March-10 April (Easter Sunday is 5 April 2026), late-May break 25-29 May.
 */
export const HALF_TERMS_2025_26: readonly Term[] = [
  { name: 'Autumn 1', start: '2025-09-03', end: '2025-10-24' },
  { name: 'Autumn 2', start: '2025-11-03', end: '2025-12-19' },
  { name: 'Spring 1', start: '2026-01-05', end: '2026-02-13' },
  { name: 'Spring 2', start: '2026-02-23', end: '2026-03-27' },
  { name: 'Summer 1', start: '2026-04-13', end: '2026-05-22' },
  { name: 'Summer 2', start: '2026-06-01', end: '2026-07-22' },
];

/** The same year written as three whole terms, which hides the half-term breaks. */
export const WHOLE_TERMS_2025_26: readonly Term[] = [
  { name: 'Autumn', start: '2025-09-03', end: '2025-12-19' },
  { name: 'Spring', start: '2026-01-05', end: '2026-03-27' },
  { name: 'Summer', start: '2026-04-13', end: '2026-07-22' },
];
