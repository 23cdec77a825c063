import { fromDayNumber, type Pupil, toDayNumber, upnWithCheckLetter } from '../../rules/index.ts';
import { FAMILY_NAMES, GIVEN_NAMES } from './pupilNames.ts';
import { type PhaseProfile } from './schoolPhase.ts';
import { type SeededRandom } from './seededRandom.ts';

/**
 * Rates of the context flags, from the DfE's 2024/25 school census and children-in-need figures:
 * about a quarter of pupils eligible for free school meals, 14% on SEN support and 5% with an EHC plan,
 * roughly 3 in 100 with a social worker (more among FSM pupils), 7 in 1,000 looked after, and young
 * carers identified for under 1%.
 */
export const FLAG_RATES = {
  fsm: 0.255,
  senSupport: 0.14,
  ehcp: { primary: 0.035, secondary: 0.05 },
  socialWorkerNonFsm: 0.012,
  socialWorkerFsm: 0.07,
  lookedAfter: 0.007,
  youngCarer: 0.008,
} as const;

const PRIMARY_FORMS = ['Ash', 'Oak', 'Elm', 'Yew'];

export interface RosterOptions {
  laCode: string;
  estab: string;
  startYear: number;
  pupils: number;
  phase: PhaseProfile;
}

/** The school year a pupil in `yearGroup` started Reception, for the UPN's year of allocation. */
function receptionYear(startYear: number, yearGroup: string): number {
  return startYear - (yearGroup === 'R' ? 0 : Number(yearGroup));
}

/**
 * A school's pupils: year groups of near-equal size, names from the name lists, a date of birth that
 * fits the year group (born 1 September to 31 August), permanent UPNs with valid check letters
 * (LA + establishment + year of allocation + serial) and the context flags at national rates.
 */
export function generateRoster(options: RosterOptions, rng: SeededRandom): Pupil[] {
  const { phase } = options;
  const years = phase.yearGroups;
  const pupils: Pupil[] = [];
  const serials = new Map<number, number>();
  for (let i = 0; i < options.pupils; i++) {
    const yearGroup = years[Math.floor((i * years.length) / options.pupils)];
    const reception = receptionYear(options.startYear, yearGroup);
    const serial = serials.get(reception) ?? 0;
    serials.set(reception, serial + 1);
    const upn = upnWithCheckLetter(
      `${options.laCode}${options.estab}${String(reception % 100).padStart(2, '0')}${String(serial).padStart(3, '0')}`,
    );
    // Born in the twelve months from 1 September, five years before starting Reception.
    const cohortStart = toDayNumber(`${reception - 5}-09-01`);
    const cohortDays = toDayNumber(`${reception - 4}-09-01`) - cohortStart;
    const dateOfBirth = fromDayNumber(cohortStart + rng.int(cohortDays));
    const forms = phase.formsPerYear;
    const form = rng.int(forms);
    const regGroup =
      phase.phase === 'primary'
        ? `${yearGroup} ${PRIMARY_FORMS[form % PRIMARY_FORMS.length]}`
        : `${yearGroup}${String.fromCharCode(65 + form)}`;
    const fsm = rng.chance(FLAG_RATES.fsm);
    const senDraw = rng.next();
    const ehcpRate = FLAG_RATES.ehcp[phase.phase];
    const sen = senDraw < ehcpRate ? 'ehcp' : senDraw < ehcpRate + FLAG_RATES.senSupport ? 'support' : 'none';
    const lookedAfter = rng.chance(FLAG_RATES.lookedAfter);
    // A looked-after child always has a social worker.
    const socialWorker = lookedAfter || rng.chance(fsm ? FLAG_RATES.socialWorkerFsm : FLAG_RATES.socialWorkerNonFsm);
    pupils.push({
      upn,
      givenName: rng.pick(GIVEN_NAMES),
      familyName: rng.pick(FAMILY_NAMES),
      dateOfBirth,
      yearGroup,
      regGroup,
      sen,
      fsm,
      socialWorker,
      lookedAfter,
      youngCarer: rng.chance(FLAG_RATES.youngCarer),
    });
  }
  return pupils;
}
