import { IS_ABSENCE, IS_POSSIBLE } from '../codes/codeCategories.ts';
import { type PolicyProfile } from '../policies/policyProfile.ts';
import { type Register } from '../register/register.ts';

export interface BrokenWeeks {
  /** School weeks in which the pupil missed at least one possible session. */
  broken: number;
  /** School weeks in which the pupil had at least one possible session. */
  weeks: number;
  /** Monday of each broken week. */
  brokenWeekMondays: string[];
}

/**
 * Broken weeks (004, Appendix A "Support First Approach" para 9): weeks with at least one absence, set
 * against the weeks the school has been in session, to find pupils who miss odd days rather than
 * whole spells. Counts weeks in which the pupil had a possible session, so weeks before they joined
 * do not dilute the ratio.
 */
export function brokenWeeks(register: Register, p: number, startSession: number, endSession: number): BrokenWeeks {
  const { calendar, marks } = register;
  const base = p * calendar.sessionCount;
  const result: BrokenWeeks = { broken: 0, weeks: 0, brokenWeekMondays: [] };
  if (endSession <= startSession) return result;
  let week = -1;
  let hadPossible = false;
  let hadAbsence = false;
  const close = () => {
    if (week < 0) return;
    if (hadPossible) result.weeks++;
    if (hadAbsence) {
      result.broken++;
      result.brokenWeekMondays.push(calendar.weekMonday[week]);
    }
  };
  for (let s = startSession; s < endSession; s++) {
    const w = calendar.dayWeek[calendar.sessionDay[s]];
    if (w !== week) {
      close();
      week = w;
      hadPossible = false;
      hadAbsence = false;
    }
    const id = marks[base + s];
    if (IS_POSSIBLE[id]) hadPossible = true;
    if (IS_ABSENCE[id]) hadAbsence = true;
  }
  close();
  return result;
}

/**
 * Whether broken weeks are a concern under the profile: at least its minimum of broken weeks, and at least
 * its share of the pupil's school weeks. The finding and the engine's screen both ask here.
 *
 * @example
 * const rule = { minimumBrokenWeeks: 3, concernRatio: 0.5 };
 * meetsBrokenWeeksConcern(3, 6, rule) // => true (half of the weeks)
 * meetsBrokenWeeksConcern(2, 2, rule) // => false (under the minimum)
 */
export function meetsBrokenWeeksConcern(
  broken: number,
  weeks: number,
  rule: Pick<PolicyProfile['brokenWeeks'], 'minimumBrokenWeeks' | 'concernRatio'>,
): boolean {
  return broken >= rule.minimumBrokenWeeks && broken >= rule.concernRatio * weeks;
}
