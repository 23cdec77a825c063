import { isCompulsorySchoolAge, type Register, type RuleId } from '../../rules/index.ts';
import { type SchoolDays } from './schoolDays.ts';
import { type SeededRandom } from './seededRandom.ts';
import { CODE_ID } from './simulatePupilMarks.ts';

/** A pupil whose register the generator wrote on purpose, so a rule is sure to fire on the last day. */
export interface PlantedScenario {
  rule: RuleId;
  upn: string;
  description: string;
}

interface Scenario {
  rule: RuleId;
  description: string;
  /** Marks the pattern, given the last school day marked and helpers that set a whole day or one session. */
  plant(last: number, set: Setter): void;
}

interface Setter {
  day(d: number, code: number): void;
  am(d: number, code: number): void;
  /** First school day of each school week up to `last`. */
  weekStarts(last: number): number[];
}

/**
 * The scenario pupils: one per rule, each a realistic pattern that meets the rule on the last day
 * marked. Natural data produces most of these findings anyway (persistent and severe absence, broken
 * weeks, lateness); planting makes every one certain in a small demo without hand-editing files. Every
 * scenario pupil is of compulsory school age, because the legal measures apply only to them.
 */
export const SCENARIOS: readonly Scenario[] = [
  {
    rule: 'persistent-absence',
    description: 'ill (I) one school day in six all year: about 17% absence',
    plant: (last, set) => {
      for (let d = last - 1; d >= 0; d -= 6) set.day(d, CODE_ID.illness);
    },
  },
  {
    rule: 'severe-absence',
    description:
      'absent three days in five all year, unauthorised (O) and ill (I) in alternate weeks: about 60% absence',
    plant: (last, set) => {
      set.weekStarts(last).forEach((start, week) => {
        for (let d = start; d < start + 3 && d <= last; d++)
          set.day(d, week % 2 === 0 ? CODE_ID.other : CODE_ID.illness);
      });
    },
  },
  {
    rule: 'at-risk-of-persistent-absence',
    description: 'ill (I) one school day in fourteen: about 7% absence, inside the at-risk band',
    plant: (last, set) => {
      for (let d = last - 3; d >= 0; d -= 14) set.day(d, CODE_ID.illness);
    },
  },
  {
    rule: 'penalty-threshold',
    description: 'twelve mornings of unauthorised absence (O), every third school day over the last seven weeks',
    plant: (last, set) => {
      for (let k = 0; k < 12; k++) set.am(last - 1 - 3 * k, CODE_ID.other);
    },
  },
  {
    rule: 'sickness-return',
    description: 'ill (I) for seventeen consecutive school days, ending six weeks before the last day',
    plant: (last, set) => {
      for (let d = last - 46; d <= last - 30; d++) set.day(d, CODE_ID.illness);
    },
  },
  {
    rule: 'unexplained-absence',
    description: 'absent on the morning of the last day, no reason yet (N)',
    plant: (last, set) => set.am(last, CODE_ID.noReason),
  },
  {
    rule: 'unexplained-3-days',
    description: 'absent with no reason (N) all day on each of the last three school days',
    plant: (last, set) => {
      for (let d = last - 2; d <= last; d++) set.day(d, CODE_ID.noReason);
    },
  },
  {
    rule: 'n-code-overdue',
    description: 'a day coded N twelve school days before the last day and never corrected',
    plant: (last, set) => set.day(last - 12, CODE_ID.noReason),
  },
  {
    rule: 'continuous-unauthorised-10-days',
    description: 'unauthorised absence (O) on every session of the last eleven school days',
    plant: (last, set) => {
      for (let d = last - 10; d <= last; d++) set.day(d, CODE_ID.other);
    },
  },
  {
    rule: 'deletion-ground-20-days',
    description: 'unauthorised absence (O) on every session of the last twenty-two school days',
    plant: (last, set) => {
      for (let d = last - 21; d <= last; d++) set.day(d, CODE_ID.other);
    },
  },
  {
    rule: 'persistent-lateness',
    description:
      'late before the register closed (L) twelve mornings, every third school day over the last seven weeks',
    plant: (last, set) => {
      for (let k = 0; k < 12; k++) set.am(last - 3 * k, CODE_ID.late);
    },
  },
  {
    rule: 'broken-weeks',
    description: 'misses the first morning of every school week (I): odd days rather than spells',
    plant: (last, set) => {
      for (const d of set.weekStarts(last)) set.am(d, CODE_ID.illness);
    },
  },
];

/**
 * Plants every scenario on its own pupil, chosen by `rng` among pupils of compulsory school age on the
 * last day. Each chosen pupil is on roll from the first day: their generated marks up to `last` are
 * reset to present and the scenario's pattern written over them.
 */
export function plantScenarios(
  register: Register,
  days: SchoolDays,
  last: number,
  rng: SeededRandom,
): PlantedScenario[] {
  const { calendar, pupils, marks } = register;
  if (last < 0) return [];
  const n = calendar.sessionCount;
  const lastDate = calendar.dayDate[last];
  const candidates = pupils
    .map((p, i) =>
      isCompulsorySchoolAge(p.dateOfBirth, lastDate) && isCompulsorySchoolAge(p.dateOfBirth, calendar.dayDate[0])
        ? i
        : -1,
    )
    .filter((i) => i >= 0);
  if (candidates.length < SCENARIOS.length)
    throw new RangeError(
      `planting scenarios needs ${SCENARIOS.length} pupils of compulsory school age; this school has ${candidates.length}`,
    );
  const planted: PlantedScenario[] = [];
  for (const scenario of SCENARIOS) {
    const p = candidates.splice(rng.int(candidates.length), 1)[0];
    const base = p * n;
    for (let d = 0; d < days.count; d++) {
      for (const [s, present] of [
        [days.am[d], CODE_ID.presentAm],
        [days.pm[d], CODE_ID.presentPm],
      ] as const) {
        if (s >= 0) marks[base + s] = d <= last ? present : 0;
      }
    }
    const inRange = (d: number) => d >= 0 && d <= last;
    scenario.plant(last, {
      day: (d, code) => {
        if (!inRange(d)) return;
        if (days.am[d] >= 0) marks[base + days.am[d]] = code;
        if (days.pm[d] >= 0) marks[base + days.pm[d]] = code;
      },
      am: (d, code) => {
        if (inRange(d) && days.am[d] >= 0) marks[base + days.am[d]] = code;
      },
      weekStarts: (upTo) => {
        const starts: number[] = [];
        for (let w = 0; w < calendar.weekCount && calendar.weekFirstDay[w] <= upTo; w++)
          starts.push(calendar.weekFirstDay[w]);
        return starts;
      },
    });
    planted.push({ rule: scenario.rule, upn: pupils[p].upn, description: scenario.description });
  }
  return planted;
}
