import { centralBedfordshireProfile } from './centralBedfordshire.ts';
import { derbyProfile } from './derby.ts';
import { dudleyStJamesProfile } from './dudleyStJames.ts';
import { nationalProfile } from './national.ts';
import { nottinghamProfile } from './nottingham.ts';
import { type PolicyProfile } from './policyProfile.ts';
import { stockportBramhallProfile } from './stockportBramhall.ts';

/** Every profile the product ships, by id. */
export const POLICY_PROFILES: ReadonlyMap<string, PolicyProfile> = new Map(
  [
    nationalProfile,
    derbyProfile,
    dudleyStJamesProfile,
    nottinghamProfile,
    centralBedfordshireProfile,
    stockportBramhallProfile,
  ].map((p) => [p.id, p]),
);

/**
 * The profile with this id; throws naming the ids there are, so a typo in school.json is easy to fix.
 *
 * @example
 * policyProfile('stockport-bramhall').penaltyThreshold.sessions // => 10
 * policyProfile('dudley-st-james').unexplainedAbsence.correctNWithin // => { days: 5, unit: 'working-days' }
 * policyProfile('derbyshire') // throws RangeError: unknown policy profile "derbyshire"; the profiles are: national, derby, …
 */
export function policyProfile(id: string): PolicyProfile {
  const profile = POLICY_PROFILES.get(id);
  if (!profile)
    throw new RangeError(`unknown policy profile "${id}"; the profiles are: ${[...POLICY_PROFILES.keys()].join(', ')}`);
  return profile;
}
