import { type TermDates } from '../../rules/calendar/buildSchoolCalendar.ts';

/**
 * 2024/25 autumn term: half-term 28 October to 1 November, so Monday 4 to Friday 15 November 2024 is ten
 * school days and the pupil is back on Monday the 18th (the run of issue 17).
 */
export const AUTUMN_2024: TermDates = {
  terms: [
    { name: 'Autumn 1', start: '2024-09-04', end: '2024-10-25' },
    { name: 'Autumn 2', start: '2024-11-04', end: '2024-12-20' },
  ],
};
