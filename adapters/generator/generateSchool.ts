import {
  buildSchoolCalendar,
  createRegister,
  lastSchoolDayOnOrBefore,
  type Register,
  type School,
} from '../../rules/index.ts';
import { generatedTermDates, type GeneratedTermDates } from './generatedTermDates.ts';
import { generateRoster } from './generateRoster.ts';
import { drawPupilTraits } from './pupilTraits.ts';
import { plantScenarios, type PlantedScenario } from './scenarioPupils.ts';
import { PHASE_PROFILES, type SchoolPhase } from './schoolPhase.ts';
import { schoolDays, type SchoolDays } from './schoolDays.ts';
import { type SeededRandom } from './seededRandom.ts';
import { CODE_ID, simulatePupilMarks } from './simulatePupilMarks.ts';

export interface SchoolSpec {
  school: School & { urn: string; localAuthority: string; policy: string };
  phase: SchoolPhase;
  laCode: string;
  estab: string;
  pupils: number;
  /** Academic year, by the calendar year it starts in. */
  startYear: number;
  /** Last day with marks; the whole year when not given. */
  through?: string;
  /** Plant one pupil per finding (see scenarioPupils.ts). */
  scenarios: boolean;
}

export interface GeneratedSchool {
  spec: SchoolSpec;
  termDates: GeneratedTermDates;
  register: Register;
  scenarios: PlantedScenario[];
}

/** Pupils who join after the start of the year, and who leave before its end. */
const JOINERS = 0.02;
const LEAVERS = 0.01;
/** On the last two days marked, many absences have no reason yet (N): the school is still finding out. */
const STILL_UNEXPLAINED = [0.6, 0.25];
/** A few older unauthorised sessions are never corrected from N, as registers really show. */
const STALE_N = 0.01;

/** One school's register for the year: calendar, pupils and every mark. Deterministic in `rng`. */
export function generateSchool(spec: SchoolSpec, rng: SeededRandom): GeneratedSchool {
  const phase = PHASE_PROFILES[spec.phase];
  const termDates = generatedTermDates(spec.startYear, rng.fork('calendar'));
  const calendar = buildSchoolCalendar(termDates, 'calendar.json');
  const pupils = generateRoster(
    { laCode: spec.laCode, estab: spec.estab, startYear: spec.startYear, pupils: spec.pupils, phase },
    rng.fork('roster'),
  );
  const register = createRegister(spec.school, calendar, pupils);
  const days = schoolDays(calendar);
  const lastDay = spec.through === undefined ? days.count - 1 : lastSchoolDayOnOrBefore(calendar, spec.through);
  const n = calendar.sessionCount;

  const pupilStreams = rng.fork('pupils');
  pupils.forEach((pupil, p) => {
    const r = pupilStreams.fork(p);
    const traits = drawPupilTraits(pupil, phase, r);
    const first = r.chance(JOINERS) ? r.int(Math.max(1, Math.floor(days.count * 0.75))) : 0;
    const last = r.chance(LEAVERS) ? first + r.int(Math.max(1, days.count - first)) : days.count - 1;
    simulatePupilMarks(
      days,
      traits,
      { marks: register.marks, base: p * n, firstDay: first, lastDay: Math.min(last, lastDay) },
      r,
    );
  });
  schoolActivities(register, days, spec, rng.fork('activities'));
  reasonsNotYetKnown(register, days, lastDay, rng.fork('unexplained'));
  const scenarios = spec.scenarios ? plantScenarios(register, days, lastDay, rng.fork('scenarios')) : [];
  return { spec, termDates, register, scenarios };
}

/**
 * Whole-group activities that count as attendance: a trip day for some year groups (V), and a week of
 * work experience for Year 10 in the summer (W).
 */
function schoolActivities(register: Register, days: SchoolDays, spec: SchoolSpec, rng: SeededRandom): void {
  const { calendar, pupils, marks } = register;
  const n = calendar.sessionCount;
  const activityDays = new Map<string, { days: number[]; code: number }[]>();
  for (const year of PHASE_PROFILES[spec.phase].yearGroups) {
    const trips = (rng.chance(0.4) ? [rng.int(days.count)] : []).map((d) => ({ days: [d], code: CODE_ID.trip }));
    if (year === '10') {
      const june = calendar.dayDate.findIndex((d) => d >= `${spec.startYear + 1}-06-15`);
      if (june >= 0)
        trips.push({
          days: [0, 1, 2, 3, 4].map((k) => june + k).filter((d) => d < days.count),
          code: CODE_ID.workExperience,
        });
    }
    activityDays.set(year, trips);
  }
  pupils.forEach((pupil, p) => {
    for (const activity of activityDays.get(pupil.yearGroup) ?? []) {
      for (const d of activity.days) {
        for (const s of [days.am[d], days.pm[d]]) {
          const at = p * n + s;
          if (
            s >= 0 &&
            (marks[at] === CODE_ID.presentAm || marks[at] === CODE_ID.presentPm || marks[at] === CODE_ID.late)
          )
            marks[at] = activity.code;
        }
      }
    }
  });
}

/** Recent absences still coded N on the last days marked, and the odd N never corrected. */
function reasonsNotYetKnown(register: Register, days: SchoolDays, lastDay: number, rng: SeededRandom): void {
  const { calendar, pupils, marks } = register;
  const n = calendar.sessionCount;
  const recentFrom = lastDay - STILL_UNEXPLAINED.length + 1;
  for (let p = 0; p < pupils.length; p++) {
    for (let d = 0; d <= lastDay; d++) {
      const recent = d >= recentFrom;
      // One decision per day, so a whole day's absence stays one reason.
      const convert = recent ? rng.chance(STILL_UNEXPLAINED[lastDay - d]) : rng.chance(STALE_N);
      if (!convert) continue;
      for (const s of [days.am[d], days.pm[d]]) {
        if (s < 0) continue;
        const code = marks[p * n + s];
        if (code === CODE_ID.other || (recent && code === CODE_ID.illness)) marks[p * n + s] = CODE_ID.noReason;
      }
    }
  }
}
