import { academicYearLabel, academicYearOf } from '../dates/academicYear.ts';
import { isCompulsorySchoolAge } from '../dates/compulsorySchoolAge.ts';
import { type IsoDate, formatShortDate } from '../dates/isoDate.ts';
import { type Citation } from '../findings/citation.ts';
import { type IllnessEpisode, type IllnessTally } from '../findings/sicknessReturn.ts';
import { type PolicyProfile } from '../policies/policyProfile.ts';

/** A sickness return already sent, as the record holds it. */
export interface SicknessReturnMade {
  /** The episode start (per-episode profiles) or the school year label (per-school-year profiles). */
  returnFor: string;
  sentOn: IsoDate;
}

export interface SicknessReturnInput {
  asOf: IsoDate;
  dateOfBirth?: IsoDate;
  tally: IllnessTally;
  /** Returns already made for this pupil, from the record. */
  returnsMade: readonly SicknessReturnMade[];
  /** Staff's answer: reasonable grounds to believe the pupil will miss the profile's days in all. */
  groundsToBelieve: boolean;
  expectedReturn?: IsoDate;
}

export interface SicknessReturnDecision {
  outcome: 'not-compulsory-school-age' | 'already-made' | 'return-due' | 'not-due';
  illnessDays: number;
  threshold: number;
  longestEpisodeDays: number;
  consecutive: boolean;
  episodes: number;
  /** The key a return for this illness is recorded under. */
  returnFor: string;
  episode?: IllnessEpisode;
  previousReturn?: SicknessReturnMade;
  /** What the local authority needs, in the order a return form asks. */
  notification: string[];
  reasons: string[];
  nextStep: string;
  citation: Citation;
}

/**
 * Whether a sickness return to the local authority is due now: code I on the profile's number of school
 * days (15) consecutive or cumulative, or reasonable grounds to believe it will be reached (the trigger
 * looks forward). Only one return per continuous illness in a school year (national) or one per pupil per
 * year (004): a return already on record for the same episode means none is due.
 */
export function decideSicknessReturn(input: SicknessReturnInput, policy: PolicyProfile): SicknessReturnDecision {
  const rule = policy.sicknessReturn;
  const { tally } = input;
  const year = academicYearLabel(academicYearOf(input.asOf));
  const longest = tally.episodes.reduce((m, e) => Math.max(m, e.days), 0);
  let episode = tally.reachedInEpisode ?? tally.episodes[tally.episodes.length - 1];
  if (rule.once === 'per-episode' && episode) {
    // A later spell long enough on its own is a new continuous illness needing its own return.
    const later = tally.episodes.filter((e) => e.start > episode!.start && e.days >= rule.days);
    if (later.length > 0) episode = later[later.length - 1];
  }
  const returnFor = rule.once === 'per-school-year' ? year : (episode?.start ?? year);
  const base = {
    illnessDays: tally.days,
    threshold: rule.days,
    longestEpisodeDays: longest,
    consecutive: longest >= rule.days,
    episodes: tally.episodes.length,
    returnFor,
    episode,
    citation: rule.citation,
    notification: [
      'The pupil’s full name and address',
      `Illness (code I) on ${tally.days} school days this school year${longest >= rule.days ? `, ${longest} of them consecutive` : `, over ${tally.episodes.length} spells`}`,
      input.expectedReturn ? `Expected back on ${input.expectedReturn}` : 'Return date not yet known',
      'What the school is doing to keep the pupil’s education going, so the authority can agree provision for pupils who cannot attend because of health needs',
    ],
  };
  if (input.dateOfBirth && !isCompulsorySchoolAge(input.dateOfBirth, input.asOf)) {
    return {
      ...base,
      outcome: 'not-compulsory-school-age',
      reasons: ['Sickness returns name pupils of compulsory school age only'],
      nextStep: 'No return: keep supporting the pupil’s health needs in school',
    };
  }
  const previous = input.returnsMade.find((r) => r.returnFor === returnFor);
  if (previous) {
    return {
      ...base,
      outcome: 'already-made',
      previousReturn: previous,
      reasons: [
        rule.once === 'per-school-year'
          ? `A return was already made this school year (${year}) on ${formatShortDate(previous.sentOn)}: the policy asks for one a year`
          : `A return was already made on ${formatShortDate(previous.sentOn)} for the illness that began on ${formatShortDate(returnFor)}: only one is needed for a continuous illness in a school year, however long it lasts`,
      ],
      nextStep: 'No new return: keep the authority updated if the expected return date changes',
    };
  }
  const reached = tally.days >= rule.days;
  if (!reached && !input.groundsToBelieve) {
    return {
      ...base,
      outcome: 'not-due',
      reasons: [`${tally.days} illness days so far, under ${rule.days}, and no reason to expect ${rule.days}`],
      nextStep: 'No return yet: look again if the illness goes on',
    };
  }
  return {
    ...base,
    outcome: 'return-due',
    reasons: [
      reached
        ? `${tally.days} illness days this school year reach ${rule.days}`
        : `${tally.days} illness days so far, and staff have reasonable grounds to believe the pupil will miss ${rule.days}`,
    ],
    nextStep: rule.nextStep,
  };
}
