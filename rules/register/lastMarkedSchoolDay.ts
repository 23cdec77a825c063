import { findRegisterCode, NO_MARK_ID } from '../codes/registerCodes.ts';
import { type Register } from './register.ts';

const CLOSURE_ID = findRegisterCode('#')!.id;

/**
 * The last school day on which any pupil has a mark other than "no mark" or `#`: the register's "today"
 * when nobody says otherwise. A calendar built from term dates runs to the end of term, but registers
 * stop where the export was taken, and evaluating past that would read empty sessions as gaps.
 * Returns -1 for a register with no marks.
 */
export function lastMarkedSchoolDay(register: Register): number {
  const { calendar, marks, pupils } = register;
  const n = calendar.sessionCount;
  for (let s = n - 1; s >= 0; s--) {
    for (let p = 0; p < pupils.length; p++) {
      const id = marks[p * n + s];
      if (id !== NO_MARK_ID && id !== CLOSURE_ID) return calendar.sessionDay[s];
    }
  }
  return -1;
}
